import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { bulletins, CommandExecutor, type CommandMeta } from '@app/commands';
import { bulletinPeriod, endOfShanghaiDay, publicProgress, shanghaiDate, type BulletinPublished, type PublicProgress } from '@app/domain';
import { Clock, ProblemException } from '@app/platform';
import { PlanSnapshotService } from '../assessments/plan-snapshot.service';
import { renderOfficialDocument, chineseDate, type DocBlock } from '../documents/official-docx';

export const FIRST_BULLETIN_YEAR = 2021;

type Bulletin = BulletinPublished['data'];

/** The public fields of a published bulletin (PUB-FIELDS-1: `PUBLIC_FIELDS.bulletin`). */
export function publicBulletin(b: Bulletin) {
  return {
    id: b.bulletinId,
    period: b.period,
    periodLabel: b.periodLabel,
    title: b.title,
    asOf: b.content.asOf,
    publishedOn: b.publishedOn,
    contentHash: b.contentHash,
    downloadUrl: `/api/public/v1/bulletins/${b.bulletinId}/docx`,
  };
}

export function contentHash(content: PublicProgress): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** 信息公开: the public view as of a day, and the bulletins leadership published (PUB-PUBLISH-1). */
@Injectable()
export class BulletinsService {
  constructor(
    private readonly snapshots: PlanSnapshotService,
    private readonly commands: CommandExecutor,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return shanghaiDate(this.clock.now());
  }

  async progress(asOf: string = this.today()): Promise<PublicProgress> {
    const s = await this.snapshots.at(endOfShanghaiDay(asOf));
    return publicProgress(asOf, [...s.keyProjects.values()], [...s.indicators.values()], [...s.orders.values()]);
  }

  async list(): Promise<Bulletin[]> {
    const last = Number(this.today().slice(0, 4));
    const all: Bulletin[] = [];
    for (let year = FIRST_BULLETIN_YEAR; year <= last; year++) {
      all.push(...(await this.commands.read(bulletins, String(year))).state.bulletins);
    }
    return all.sort((a, b) => b.period.localeCompare(a.period));
  }

  async get(id: string): Promise<Bulletin> {
    const found = (await this.list()).find((b) => b.bulletinId === id);
    if (!found) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该期公报（编号 ${id}），请从公报列表中选择。`);
    return found;
  }

  async publish(period: string, title: string | undefined, meta: CommandMeta): Promise<Bulletin> {
    const span = bulletinPeriod(period);
    if (!span)
      throw new ProblemException(422, 'PERIOD_INVALID', 'Unprocessable Entity', '公报期次应为月度（如 2026-10）或季度（如 2026-Q3）。', {
        field: 'period',
      });
    const today = this.today();
    const content = await this.progress(span.end < today ? span.end : today);
    const bulletinId = randomUUID();
    await this.commands.execute(
      bulletins,
      String(span.year),
      { type: 'PublishBulletin', bulletinId, period, title: title ?? '', content, contentHash: contentHash(content) },
      meta,
    );
    return this.get(bulletinId);
  }

  /** The bulletin as a .docx, from its frozen content. */
  docx(b: Bulletin): Promise<Buffer> {
    const c = b.content;
    const done = c.keyProjects.filter((p) => p.percentComplete === 100).length;
    const onTarget = c.indicators.filter((i) => i.status === '达标').length;
    const blocks: DocBlock[] = [
      {
        kind: 'p',
        text: `截至${chineseDate(c.asOf)}，规划重点工程${c.keyProjects.length}项，已完工${done}项；规划指标${c.indicators.length}项，最新数值达到序时目标的${onTarget}项；生态环境保护督察整改任务${c.rectification.total}项，已销号${c.rectification.closed}项，正在整改${c.rectification.inProgress}项。`,
      },
      { kind: 'h', text: '一、重点工程进展' },
      {
        kind: 'table',
        header: ['编号', '工程名称', '状态', '完成进度', '计划完成'],
        widths: [14, 46, 12, 12, 16],
        rows: c.keyProjects.map((p) => [
          p.code,
          p.name,
          p.status,
          p.percentComplete === null ? '—' : `${p.percentComplete}%`,
          p.plannedEnd ?? '—',
        ]),
      },
      { kind: 'h', text: '二、规划指标完成情况' },
      {
        kind: 'table',
        header: ['编号', '指标', '最新数值', '年度目标', '状态'],
        widths: [10, 34, 18, 26, 12],
        rows: c.indicators.map((i) => [i.code, i.name, i.value ? `${i.value}（${i.period}）` : '尚未报送', i.target ?? '—', i.status]),
      },
      { kind: 'p', text: `本公报内容摘要（SHA-256）：${b.contentHash}`, indent: false },
    ];
    return renderOfficialDocument({
      issuer: '牡丹江市生态环境保护督察整改工作领导小组',
      documentNumber: `${b.periodLabel}进展公报`,
      title: b.title,
      blocks,
      signature: '牡丹江市生态环境保护督察整改工作领导小组',
      dateText: chineseDate(b.publishedOn),
      fixedTime: new Date(b.occurredAt),
    });
  }
}
