import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandExecutor, rectificationOrders } from '@app/commands';
import { addDays, shanghaiDate, type Actor, type CalendarDate, type RectificationOrderCommand } from '@app/domain';
import { AppConfig, Clock, FixedClock } from '@app/platform';
import { SAMPLE_ACTOR_ID } from '@app/read-models';
import { SAMPLE_ORDERS, type SampleOrder } from '@app/seed';

/** sha1 of the sample key shaped as a UUID, so a restart finds the same stream and skips it. */
export function sampleOrderId(key: string): string {
  const h = createHash('sha1').update(`mdj-eco:sample-order:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const SUPERVISION: Actor = {
  userId: SAMPLE_ACTOR_ID,
  displayName: '示例数据（督查办）',
  roles: ['supervision-office'],
  department: 'city-supervision-office',
};
const LEADERSHIP: Actor = {
  userId: 'system:seed-leadership',
  displayName: '示例数据（领导小组）',
  roles: ['leadership'],
  department: null,
};
const leadActor = (department: string): Actor => ({
  userId: `system:seed-${department}`,
  displayName: '示例数据（牵头单位）',
  roles: ['project-lead'],
  department,
});

const STAGES = ['ISSUED', 'ASSIGNED', 'IN_PROGRESS', 'ACCEPTANCE_REQUESTED', 'ACCEPTED', 'IN_PUBLIC_NOTICE', 'CLOSED', 'REOPENED'] as const;
const reaches = (sample: SampleOrder, stage: (typeof STAGES)[number]) => STAGES.indexOf(sample.targetState) >= STAGES.indexOf(stage);

/**
 * Loads the 示例 orders of the embedded demo. Each order is played through the real commands with the
 * actors who would send them, on a clock set to the day each step happens (days relative to today),
 * so deadlines, measure dates and the public-notice period come out as the domain computes them.
 * The events' `occurredAt` is that simulated day; the log's `recordedAt` is the real seeding time.
 */
@Injectable()
export class OrderSampleSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('OrderSampleSeeder');

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly executor: CommandExecutor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!(this.config.SEED_SAMPLES ?? this.config.embedded)) return;
    const reached: Record<string, number> = {};
    let skipped = 0;
    for (const sample of SAMPLE_ORDERS) {
      const id = sampleOrderId(sample.key);
      if ((await this.executor.read(rectificationOrders, id)).version > 0) {
        skipped++;
        continue;
      }
      try {
        const status = await this.play(sample, id);
        reached[status] = (reached[status] ?? 0) + 1;
        if (status !== sample.targetState) {
          this.logger.warn(`sample ${sample.key} stopped at ${status} instead of ${sample.targetState}`);
        }
      } catch (error) {
        this.logger.error(`sample ${sample.key} could not be loaded: ${String(error)}`);
      }
    }
    const summary = Object.entries(reached)
      .map(([s, n]) => `${s}=${n}`)
      .join(', ');
    this.logger.log(
      `示例整改任务：loaded ${Object.values(reached).reduce((a, b) => a + b, 0)} (${summary || 'none'}), ${skipped} already present`,
    );
  }

  private async play(sample: SampleOrder, id: string): Promise<string> {
    const today = shanghaiDate(this.clock.now());
    const day = (offset: number): CalendarDate => addDays(today, offset);
    const simulated = new FixedClock();
    const executor = this.executor.withClock(simulated);
    const lead = leadActor(sample.leadDepartment);
    let cursor = sample.issuedOffsetDays;
    // Steps move forward in time and never past today.
    const on = (offset: number) => {
      cursor = Math.min(Math.max(cursor, offset), 0);
      simulated.set(`${day(cursor)}T10:00:00+08:00`);
    };
    const send = (command: RectificationOrderCommand, actor: Actor) => executor.execute(rectificationOrders, id, command, { actor });
    // A measure due after the order's deadline can only be work added on reopening, which the domain has no command for;
    // it is left out and its date becomes the reopened order's deadline.
    const fits = (m: SampleOrder['measures'][number]) => sample.deadlineOffsetDays === null || m.dueOffsetDays <= sample.deadlineOffsetDays;
    const planned = sample.measures.filter(fits);
    const later = sample.measures.filter((m) => !fits(m));
    if (later.length > 0) {
      this.logger.warn(
        `sample ${sample.key}: measures ${later.map((m) => m.key).join(', ')} are due after the deadline and are not issued`,
      );
    }

    on(sample.issuedOffsetDays);
    await send(
      {
        type: 'IssueOrder',
        orderId: id,
        code: sample.code,
        source: sample.source,
        batch: sample.batch,
        finding: sample.finding,
        target: sample.target,
        deadlineKind: sample.deadlineKind,
        deadline: sample.deadlineOffsetDays === null ? null : day(sample.deadlineOffsetDays),
        measures: planned.map((m) => ({ measureId: m.key, description: m.description, dueDate: day(m.dueOffsetDays) })),
        petition: sample.petition ? { forwardedOn: day(sample.petition.forwardedOffsetDays), caseNumber: null } : null,
        sector: sample.sector,
      },
      SUPERVISION,
    );
    if (!reaches(sample, 'ASSIGNED')) return 'ISSUED';

    on(sample.issuedOffsetDays + 1);
    await send(
      {
        type: 'AssignOrder',
        leadDepartment: sample.leadDepartment,
        responsiblePerson: sample.responsiblePerson,
        cooperatingDepartments: sample.cooperatingDepartments,
        acceptanceDepartment: sample.acceptanceDepartment,
      },
      SUPERVISION,
    );
    if (sample.petition?.finding) {
      on(sample.issuedOffsetDays + 3);
      await send(
        { type: 'ReportPetitionFinding', finding: sample.petition.finding, summary: '【示例】经现场调查核实，形成核实结论。' },
        lead,
      );
    }
    if (!reaches(sample, 'IN_PROGRESS')) return 'ASSIGNED';

    on(sample.issuedOffsetDays + 3);
    await send({ type: 'StartRectification' }, lead);
    const closing = reaches(sample, 'ACCEPTANCE_REQUESTED');
    const lastDue = Math.max(...planned.map((m) => m.dueOffsetDays), sample.issuedOffsetDays + 4);
    // An order that is to close must finish its measures early enough for acceptance and a full notice period.
    const finishBy = reaches(sample, 'CLOSED')
      ? Math.min(lastDue, -(this.config.PUBLIC_NOTICE_WORKING_DAYS * 2 + 12))
      : Math.min(lastDue, -3);
    const measures = [...planned].sort((a, b) => a.dueOffsetDays - b.dueOffsetDays);
    for (const [i, m] of measures.entries()) {
      const isLast = i === measures.length - 1;
      if (!closing && (isLast || m.dueOffsetDays >= 0)) continue;
      on(Math.min(m.dueOffsetDays, finishBy));
      await send({ type: 'CompleteMeasure', measureId: m.key, completedOn: day(cursor), note: null }, lead);
      await send(
        {
          type: 'AttachEvidence',
          evidenceId: `${m.key}-E1`,
          title: `【示例】${m.description}（佐证材料）`,
          uri: null,
          measureId: m.key,
          lastingMechanism: sample.deadlineKind === 'ONGOING' && isLast,
        },
        lead,
      );
    }
    on(cursor);
    await send(
      { type: 'ReportOrderProgress', reportId: 'R1', summary: '【示例】按计划推进各项整改措施。', percentComplete: closing ? 100 : 60 },
      lead,
    );
    if (!closing) return 'IN_PROGRESS';

    if (sample.petition) {
      // ORD-PET-6: a petition case is 办结 with its result made public, after the 回访 (and the 复核 of a 不属实 finding).
      on(cursor + 1);
      if (sample.petition.finding === 'UNTRUE') {
        await send(
          {
            type: 'RecordSecondCheck',
            checkedOn: day(cursor),
            outcome: 'CONFIRMED',
            revisedFinding: null,
            summary: '【示例】复核维持原结论。',
          },
          SUPERVISION,
        );
      }
      await send(
        {
          type: 'RecordFollowUpVisit',
          visitId: 'V1',
          visitedOn: day(cursor),
          summary: '【示例】电话回访信访人，对处理结果表示满意。',
          satisfied: true,
        },
        SUPERVISION,
      );
      if (!reaches(sample, 'CLOSED')) return 'IN_PROGRESS';
      await send(
        {
          type: 'ConcludePetitionCase',
          result: '【示例】经调查核实，反映问题基本属实；已督促整改到位，并向信访人反馈。',
          publication: { channel: '【示例】牡丹江市人民政府门户网站', publishedOn: day(cursor), reference: null },
        },
        SUPERVISION,
      );
      return 'CLOSED';
    }

    on(cursor + 1);
    await send({ type: 'RequestAcceptance', note: null }, lead);
    if (!reaches(sample, 'ACCEPTED')) return 'ACCEPTANCE_REQUESTED';

    on(cursor + 2);
    await send(
      {
        type: 'RecordAcceptancePassed',
        recordId: 'A1',
        checkedOn: day(cursor),
        summary: '【示例】整改到位，同意通过验收。',
        documentRef: '示例验收文件',
      },
      LEADERSHIP,
    );
    if (!reaches(sample, 'IN_PUBLIC_NOTICE')) return 'ACCEPTED';

    on(reaches(sample, 'CLOSED') ? cursor + 1 : 0);
    await send({ type: 'PublishClosingNotice', noticeId: 'N1' }, SUPERVISION);
    if (!reaches(sample, 'CLOSED')) return 'IN_PUBLIC_NOTICE';

    const endsOn = (await executor.read(rectificationOrders, id)).state.publicNotice?.endsOn;
    const closeOffset = endsOn ? cursor + (Date.parse(endsOn) - Date.parse(day(cursor))) / 86_400_000 + 1 : 1;
    if (closeOffset > 0) {
      this.logger.warn(`sample ${sample.key}: the public notice ends ${endsOn}, after today; left in public notice`);
      return 'IN_PUBLIC_NOTICE';
    }
    on(closeOffset);
    await send({ type: 'CloseOrder' }, SUPERVISION);
    if (!reaches(sample, 'REOPENED')) return 'CLOSED';

    on(0);
    const reopenedDue = Math.max(sample.deadlineOffsetDays ?? -1, ...later.map((m) => m.dueOffsetDays));
    const newDeadline = sample.deadlineKind !== 'ONGOING' && reopenedDue >= 0 ? day(reopenedDue) : null;
    await send({ type: 'ReopenOrder', reason: '【示例】“回头看”发现问题反弹，退回重新整改。', newDeadline }, LEADERSHIP);
    return 'REOPENED';
  }
}
