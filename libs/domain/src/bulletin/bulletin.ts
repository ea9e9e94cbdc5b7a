import { isAwaitingAssignment, keyProjectStatusLabels, type KeyProjectState } from '../key-project/key-project.state';
import { indicatorStatus, indicatorStatusLabels, trajectoryFor } from '../indicator/indicator.status';
import type { IndicatorState } from '../indicator/indicator.state';
import type { RectificationOrderState } from '../rectification-order/rectification-order.state';
import type { Actor, Role } from '../shared/actor';
import { shanghaiDate, type CalendarDate } from '../shared/dates';
import type { CommandContext, Decider, DomainEvent } from '../shared/decider';
import { InvalidValue, NotPermitted, RuleViolation } from '../shared/errors';

/**
 * 信息公开: the public progress bulletin. `publicProgress` is the only way anything reaches the public
 * pages and /api/public/v1: it copies a whitelist of fields (PUB-FIELDS-1) — no names of people, no
 * internal notes, no unassigned or draft items, no petitioners' data, no escalation details.
 * Leadership publishes a periodic bulletin (PUB-PUBLISH-1), an event that freezes its content with a hash.
 */

export interface PublicKeyProject {
  code: string;
  name: string;
  category: string;
  status: string;
  percentComplete: number | null;
  plannedEnd: CalendarDate | null;
  milestonesDue: number;
  milestonesAchieved: number;
}

export interface PublicIndicator {
  code: string;
  name: string;
  unit: string | null;
  period: string | null;
  value: string | null;
  target: string | null;
  status: string;
}

export interface PublicOrderSummary {
  total: number;
  closed: number;
  inProgress: number;
}

export type PublicProgress = {
  asOf: CalendarDate;
  keyProjects: PublicKeyProject[];
  indicators: PublicIndicator[];
  rectification: PublicOrderSummary;
};

/** PUB-FIELDS-1: the fields the public may see, per kind of object. A test fails when any other appears. */
export const PUBLIC_FIELDS = {
  progress: ['asOf', 'keyProjects', 'indicators', 'rectification'],
  keyProject: ['code', 'name', 'category', 'status', 'percentComplete', 'plannedEnd', 'milestonesDue', 'milestonesAchieved'],
  indicator: ['code', 'name', 'unit', 'period', 'value', 'target', 'status'],
  rectification: ['total', 'closed', 'inProgress'],
  bulletin: ['id', 'period', 'periodLabel', 'title', 'asOf', 'publishedOn', 'contentHash', 'downloadUrl'],
} as const;

function projectPercent(s: KeyProjectState): number | null {
  if (s.status === 'COMPLETED' || s.status === 'ACCEPTED') return 100;
  const latest = s.progressReports.at(-1)?.percentComplete;
  return latest ?? null;
}

/** The public view of the plan's records as of a day: whitelisted fields only, assigned items only. */
export function publicProgress(
  asOf: CalendarDate,
  keyProjects: KeyProjectState[],
  indicators: IndicatorState[],
  orders: RectificationOrderState[],
): PublicProgress {
  const year = Number(asOf.slice(0, 4));
  const projects = keyProjects
    .filter((s) => s.status !== null && s.status !== 'CANCELLED' && !isAwaitingAssignment(s))
    .map((s): PublicKeyProject => ({
      code: s.code,
      name: s.name,
      category: s.category,
      status: keyProjectStatusLabels[s.status!],
      percentComplete: projectPercent(s),
      plannedEnd: s.plannedEnd,
      milestonesDue: s.milestones.filter((m) => m.baselineDate !== null && m.baselineDate <= asOf).length,
      milestonesAchieved: s.milestones.filter((m) => m.achievedOn !== null).length,
    }))
    .sort((a, b) => a.code.localeCompare(b.code, 'zh'));
  const publicIndicators = indicators
    // The plan's indicators and targets are public in the plan itself, assigned or not.
    .filter((s) => s.status !== null)
    .map((s): PublicIndicator => {
      const judged = indicatorStatus(s);
      const target = trajectoryFor(s, year);
      const unit = s.unit ?? '';
      return {
        code: s.code,
        name: s.name,
        unit: s.unit,
        period: judged.latest?.periodLabel ?? null,
        value: judged.latest
          ? typeof judged.latest.value === 'number'
            ? `${judged.latest.value}${unit}`
            : judged.latest.value === 'MET'
              ? '已达到'
              : '未达到'
          : null,
        target: target ? `${target.value}${unit}（${target.labelZh}）` : null,
        status: indicatorStatusLabels[judged.status],
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code, 'zh', { numeric: true }));
  const live = orders.filter((o) => o.status !== null);
  return {
    asOf,
    keyProjects: projects,
    indicators: publicIndicators,
    rectification: {
      total: live.length,
      closed: live.filter((o) => o.status === 'CLOSED').length,
      inProgress: live.filter((o) => o.status !== 'CLOSED').length,
    },
  };
}

/** 'YYYY-MM' (monthly) or 'YYYY-Qn' (quarterly). */
export function bulletinPeriod(period: string): { year: number; label: string; end: CalendarDate } | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { year: y, label: `${y}年${m}月`, end: `${month[1]}-${month[2]}-${String(last).padStart(2, '0')}` };
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const y = Number(quarter[1]);
    const q = Number(quarter[2]);
    const endMonth = q * 3;
    const last = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
    return {
      year: y,
      label: `${y}年第${'一二三四'[q - 1]}季度`,
      end: `${y}-${String(endMonth).padStart(2, '0')}-${String(last).padStart(2, '0')}`,
    };
  }
  return null;
}

export interface PublishBulletin {
  type: 'PublishBulletin';
  bulletinId: string;
  period: string;
  title: string;
  /** Filled by the API: the public view as of min(period end, today), and its SHA-256. */
  content: PublicProgress;
  contentHash: string;
}
export type BulletinCommand = PublishBulletin;

export type BulletinPublished = DomainEvent<
  'BulletinPublished',
  {
    bulletinId: string;
    period: string;
    periodLabel: string;
    title: string;
    content: PublicProgress;
    contentHash: string;
    publishedOn: CalendarDate;
    publishedBy: string;
    publishedByName: string;
    occurredAt: string;
  }
>;
export type BulletinEvent = BulletinPublished;
export const bulletinEventTypes: readonly BulletinEvent['type'][] = ['BulletinPublished'];

export interface BulletinState {
  bulletins: Array<BulletinPublished['data']>;
  version: number;
}

/** One stream per year of the period: `bulletin-2026`. */
export function bulletinStreamId(year: string): string {
  return `bulletin-${year}`;
}

export const bulletinCommandRoles: Record<BulletinCommand['type'], Role[]> = { PublishBulletin: ['leadership'] };

/** PUB-AUTH-1: leadership publishes bulletins. */
export function authorizeBulletinCommand(command: BulletinCommand, _state: BulletinState, actor: Actor): void {
  if (actor.roles.some((r) => bulletinCommandRoles[command.type].includes(r))) return;
  throw new NotPermitted({
    code: 'ROLE_NOT_PERMITTED',
    titleEn: `${command.type} needs the role leadership`,
    detail: '您的角色无权进行此操作；进展公报由领导小组发布。',
    rule: 'PUB-AUTH-1',
  });
}

/**
 * PUB-PUBLISH-1: a bulletin covers a month or a quarter that has begun, is published once per period,
 * and freezes its content with its SHA-256 (hex).
 */
function decide(command: BulletinCommand, state: BulletinState, ctx: CommandContext): BulletinEvent[] {
  const period = bulletinPeriod(command.period);
  if (!period) {
    throw new InvalidValue({
      code: 'PERIOD_INVALID',
      titleEn: 'period must be YYYY-MM or YYYY-Qn',
      detail: '公报期次应为月度（如 2026-10）或季度（如 2026-Q3）。',
      field: 'period',
      rule: 'PUB-PUBLISH-1',
    });
  }
  const today = shanghaiDate(ctx.now);
  const start = command.period.includes('Q')
    ? `${period.year}-${String((Number(command.period.slice(-1)) - 1) * 3 + 1).padStart(2, '0')}-01`
    : `${command.period}-01`;
  if (start > today) {
    throw new InvalidValue({
      code: 'PERIOD_IN_FUTURE',
      titleEn: 'The period has not begun',
      detail: `${period.label}尚未开始，不能发布该期公报。`,
      field: 'period',
      rule: 'PUB-PUBLISH-1',
    });
  }
  if (!/^[0-9a-f]{64}$/.test(command.contentHash)) {
    throw new InvalidValue({
      code: 'HASH_INVALID',
      titleEn: 'contentHash must be a SHA-256 in hex',
      detail: '公报内容摘要无效。',
      field: 'contentHash',
      rule: 'PUB-PUBLISH-1',
    });
  }
  const existing = state.bulletins.find((b) => b.period === command.period);
  if (existing) {
    throw new RuleViolation({
      code: 'BULLETIN_ALREADY_PUBLISHED',
      titleEn: 'A bulletin of this period was already published',
      detail: `${period.label}的进展公报已于${existing.publishedOn}发布，不能重复发布。`,
      rule: 'PUB-PUBLISH-1',
    });
  }
  return [
    {
      type: 'BulletinPublished',
      data: {
        bulletinId: command.bulletinId,
        period: command.period,
        periodLabel: period.label,
        title: command.title.trim() || `牡丹江市“十四五”生态环境保护规划实施进展公报（${period.label}）`,
        content: command.content,
        contentHash: command.contentHash,
        publishedOn: today,
        publishedBy: ctx.actor.userId,
        publishedByName: ctx.actor.displayName,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
}

export const bulletinDecider: Decider<BulletinState, BulletinCommand, BulletinEvent> = {
  initialState: () => ({ bulletins: [], version: 0 }),
  decide,
  evolve: (state, event) => ({ bulletins: [...state.bulletins, event.data], version: state.version + 1 }),
};
