import type { DeadlineItem } from '../escalation/deadline-item';
import { deadlineItemKindLabels } from '../escalation/deadline-item';
import { daysBetween, type CalendarDate } from '../shared/dates';

/**
 * 年度考核: a department's score for a year, as of a day, from what the log says it answered for
 * (ASM-SCORE-1). Every figure carries the items behind it. Weights, deductions and grade thresholds
 * are configuration (defaults below, documented in docs/plan-mechanisms.md).
 */

export interface AssessmentConfig {
  /** Points of each rate; a rate without any item is left out and the others are scaled up to 100. */
  weights: { onTimeOriginal: number; onTimeCurrent: number; indicators: number; milestones: number };
  deductions: {
    /** Per day overdue, summed over the year's items, up to the cap. */
    perOverdueDay: number;
    overdueDaysCap: number;
    /** Per escalation raised in the year, by level (2 红色预警, 3 挂牌督办, 4 问责), up to the cap. */
    perEscalation: { 2: number; 3: number; 4: number };
    escalationsCap: number;
    /** Per referral for accountability (问责) in the year, up to the cap. */
    perAccountability: number;
    accountabilityCap: number;
  };
  /** Lowest score of each grade. */
  grades: { excellent: number; good: number; pass: number };
}

export const defaultAssessmentConfig: AssessmentConfig = {
  weights: { onTimeOriginal: 30, onTimeCurrent: 20, indicators: 25, milestones: 25 },
  deductions: {
    perOverdueDay: 0.05,
    overdueDaysCap: 10,
    perEscalation: { 2: 0.5, 3: 1, 4: 2 },
    escalationsCap: 10,
    perAccountability: 3,
    accountabilityCap: 10,
  },
  grades: { excellent: 90, good: 75, pass: 60 },
};

/** Overrides of the defaults, e.g. from ASSESSMENT_CONFIG='{"weights":{"indicators":30}}'; throws on an unknown key or a negative number. */
export function assessmentConfigFrom(overrides: unknown): AssessmentConfig {
  const merge = (base: Record<string, unknown>, over: unknown, path: string): Record<string, unknown> => {
    if (over === undefined || over === null) return base;
    if (typeof over !== 'object' || Array.isArray(over)) throw new Error(`ASSESSMENT_CONFIG: ${path || 'the value'} must be an object`);
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) {
      if (!(key in base)) throw new Error(`ASSESSMENT_CONFIG: unknown setting ${path}${key}`);
      if (typeof base[key] === 'number') {
        if (typeof value !== 'number' || !(value >= 0)) throw new Error(`ASSESSMENT_CONFIG: ${path}${key} must be a number ≥ 0`);
        out[key] = value;
      } else {
        out[key] = merge(base[key] as Record<string, unknown>, value, `${path}${key}.`);
      }
    }
    return out;
  };
  return merge(defaultAssessmentConfig as unknown as Record<string, unknown>, overrides, '') as unknown as AssessmentConfig;
}

export type AssessmentGrade = '优秀' | '良好' | '一般' | '较差';

export interface AssessedItem {
  subjectType: DeadlineItem['subjectType'] | 'ESCALATION';
  subjectId: string;
  subjectCode: string;
  subjectName: string;
  itemName: string;
  dueDate: CalendarDate | null;
  originalDueDate: CalendarDate | null;
  doneOn: CalendarDate | null;
  /** Whether the item counts for the department (on time, on target, done), or the deduction it causes. */
  ok: boolean;
  note: string;
  /** Where the item is in the web app. */
  link: string;
}

export interface AssessmentComponent {
  key: 'onTimeOriginal' | 'onTimeCurrent' | 'indicators' | 'milestones';
  label: string;
  weight: number;
  /** Items that count / items assessed; no items: not applicable, its weight goes to the others. */
  met: number;
  total: number;
  rate: number | null;
  points: number;
  items: AssessedItem[];
}

export interface AssessmentDeduction {
  key: 'overdueDays' | 'escalations' | 'accountability';
  label: string;
  /** Overdue days, escalations, or referrals. */
  count: number;
  points: number;
  cap: number;
  items: AssessedItem[];
}

export interface DepartmentAssessment {
  department: string;
  year: number;
  asOf: CalendarDate;
  /** null when the department answered for nothing assessable in the year. */
  score: number | null;
  grade: AssessmentGrade | null;
  base: number | null;
  components: AssessmentComponent[];
  deductions: AssessmentDeduction[];
  explanation: string;
}

/** An indicator led by the department, judged on its latest value of the year. */
export interface AssessedIndicator {
  id: string;
  code: string;
  name: string;
  department: string | null;
  /** The latest reported period of the year and its judgement; null when none was reported. */
  latest: { periodLabel: string; status: string; reason: string } | null;
}

export interface AssessedEscalation {
  id: string;
  department: string | null;
  level: number;
  levelLabel: string;
  subjectCode: string;
  subjectName: string;
  itemName: string;
  raisedOn: CalendarDate | null;
  /** Days of the referrals for accountability (问责) made on it. */
  referredOn: CalendarDate[];
}

export interface AssessmentInput {
  department: string;
  year: number;
  asOf: CalendarDate;
  items: DeadlineItem[];
  indicators: AssessedIndicator[];
  escalations: AssessedEscalation[];
}

const inYear = (date: CalendarDate | null, year: number) => date !== null && date.startsWith(`${year}-`);
const round1 = (n: number) => Math.round(n * 10) / 10;

function itemLink(item: DeadlineItem): string {
  if (item.subjectType === 'KEY_PROJECT') return `/projects/${item.subjectId}`;
  if (item.subjectType === 'RECTIFICATION_ORDER') return `/orders/${item.subjectId}`;
  return `/indicators/${item.subjectId}`;
}

function assessed(item: DeadlineItem, ok: boolean, note: string): AssessedItem {
  return {
    subjectType: item.subjectType,
    subjectId: item.subjectId,
    subjectCode: item.subjectCode,
    subjectName: item.subjectName,
    itemName: `${deadlineItemKindLabels[item.kind]}：${item.itemName}`,
    dueDate: item.dueDate,
    originalDueDate: item.originalDueDate,
    doneOn: item.doneOn,
    ok,
    note,
    link: itemLink(item),
  };
}

/** Days an item was overdue by `asOf` (0 when not overdue). */
export function overdueDaysAsOf(item: Pick<DeadlineItem, 'dueDate' | 'doneOn'>, asOf: CalendarDate): number {
  if (item.dueDate >= asOf && (!item.doneOn || item.doneOn <= item.dueDate)) return 0;
  const end = item.doneOn && item.doneOn <= asOf ? item.doneOn : asOf;
  return Math.max(0, daysBetween(item.dueDate, end));
}

export function gradeOf(score: number, config: AssessmentConfig): AssessmentGrade {
  if (score >= config.grades.excellent) return '优秀';
  if (score >= config.grades.good) return '良好';
  if (score >= config.grades.pass) return '一般';
  return '较差';
}

/**
 * ASM-SCORE-1: the score is 100 × the weighted mean of the applicable rates (on time against the
 * original deadlines, on time against the current ones, indicators on target, milestones completed),
 * less the deductions (overdue days, escalations by level, referrals for accountability), each capped,
 * never below 0, to one decimal.
 */
export function assessDepartment(input: AssessmentInput, config: AssessmentConfig = defaultAssessmentConfig): DepartmentAssessment {
  const { department, year, asOf } = input;
  const mine = input.items.filter((i) => i.department === department);

  const originalDue = mine.filter((i) => inYear(i.originalDueDate, year) && i.originalDueDate <= asOf);
  const currentDue = mine.filter((i) => inYear(i.dueDate, year) && i.dueDate <= asOf);
  const milestones = currentDue.filter((i) => i.kind === 'MILESTONE' || i.kind === 'STRIVE_MILESTONE');
  const indicators = input.indicators.filter((i) => i.department === department && i.latest && i.latest.status !== 'NOT_ASSESSABLE');

  const component = (key: AssessmentComponent['key'], label: string, items: AssessedItem[]): AssessmentComponent => {
    const met = items.filter((i) => i.ok).length;
    return {
      key,
      label,
      weight: config.weights[key],
      met,
      total: items.length,
      rate: items.length ? met / items.length : null,
      points: 0,
      items,
    };
  };
  const components = [
    component(
      'onTimeOriginal',
      '按原定时限完成率',
      originalDue.map((i) => {
        const ok = i.doneOn !== null && i.doneOn <= i.originalDueDate;
        return assessed(
          i,
          ok,
          ok
            ? `原定${i.originalDueDate}，${i.doneOn}完成`
            : i.doneOn
              ? `原定${i.originalDueDate}，${i.doneOn}才完成`
              : `原定${i.originalDueDate}，尚未完成`,
        );
      }),
    ),
    component(
      'onTimeCurrent',
      '按现行时限完成率',
      currentDue.map((i) => {
        const ok = i.doneOn !== null && i.doneOn <= i.dueDate;
        return assessed(
          i,
          ok,
          ok ? `时限${i.dueDate}，${i.doneOn}完成` : i.doneOn ? `时限${i.dueDate}，${i.doneOn}才完成` : `时限${i.dueDate}，尚未完成`,
        );
      }),
    ),
    component(
      'indicators',
      '指标达标率',
      indicators.map((ind) => ({
        subjectType: 'INDICATOR' as const,
        subjectId: ind.id,
        subjectCode: ind.code,
        subjectName: ind.name,
        itemName: ind.latest?.periodLabel ?? '',
        dueDate: null,
        originalDueDate: null,
        doneOn: null,
        ok: ind.latest?.status === 'ON_TARGET',
        note: ind.latest?.reason ?? '',
        link: `/indicators/${ind.id}`,
      })),
    ),
    component(
      'milestones',
      '节点完成率（已完成/应完成）',
      milestones.map((i) => assessed(i, i.doneOn !== null, i.doneOn ? `${i.doneOn}完成` : `应于${i.dueDate}完成，尚未完成`)),
    ),
  ];
  const applicableWeight = components.filter((c) => c.rate !== null).reduce((s, c) => s + c.weight, 0);
  for (const c of components) c.points = c.rate !== null && applicableWeight > 0 ? round1((100 * c.weight * c.rate) / applicableWeight) : 0;
  const base =
    applicableWeight > 0
      ? round1(components.reduce((s, c) => s + (c.rate !== null ? (100 * c.weight * c.rate) / applicableWeight : 0), 0))
      : null;

  const overdue = mine
    .filter((i) => inYear(i.dueDate, year) && i.dueDate < asOf)
    .map((i) => ({ item: i, days: overdueDaysAsOf(i, asOf) }))
    .filter((o) => o.days > 0);
  const overdueDays = overdue.reduce((s, o) => s + o.days, 0);
  const escalations = input.escalations.filter(
    (e) => e.department === department && inYear(e.raisedOn, year) && e.raisedOn! <= asOf && e.level >= 2,
  );
  const referrals = input.escalations
    .filter((e) => e.department === department)
    .flatMap((e) => e.referredOn.filter((d) => inYear(d, year) && d <= asOf).map((d) => ({ e, d })));
  const escalationItem = (e: AssessedEscalation, note: string): AssessedItem => ({
    subjectType: 'ESCALATION',
    subjectId: e.id,
    subjectCode: e.subjectCode,
    subjectName: e.subjectName,
    itemName: e.itemName,
    dueDate: null,
    originalDueDate: null,
    doneOn: null,
    ok: false,
    note,
    link: `/?escalation=${e.id}`,
  });
  const d = config.deductions;
  const deductions: AssessmentDeduction[] = [
    {
      key: 'overdueDays',
      label: '逾期天数',
      count: overdueDays,
      cap: d.overdueDaysCap,
      points: round1(Math.min(d.overdueDaysCap, overdueDays * d.perOverdueDay)),
      items: overdue.map((o) => assessed(o.item, false, `逾期${o.days}天`)),
    },
    {
      key: 'escalations',
      label: '督办预警（按等级）',
      count: escalations.length,
      cap: d.escalationsCap,
      points: round1(
        Math.min(
          d.escalationsCap,
          escalations.reduce((s, e) => s + (d.perEscalation[Math.min(4, e.level) as 2 | 3 | 4] ?? 0), 0),
        ),
      ),
      items: escalations.map((e) => escalationItem(e, `${e.raisedOn}，${e.levelLabel}`)),
    },
    {
      key: 'accountability',
      label: '问责移送',
      count: referrals.length,
      cap: d.accountabilityCap,
      points: round1(Math.min(d.accountabilityCap, referrals.length * d.perAccountability)),
      items: referrals.map(({ e, d: on }) => escalationItem(e, `${on}移送问责`)),
    },
  ];
  const deducted = deductions.reduce((s, x) => s + x.points, 0);
  const score = base === null ? null : round1(Math.max(0, base - deducted));
  const explanation =
    score === null
      ? `${year}年截至${asOf}无考核事项。`
      : `基础分${base}（${components
          .filter((c) => c.rate !== null)
          .map((c) => `${c.label}${c.met}/${c.total}，权重${c.weight}，得${c.points}`)
          .join(
            '；',
          )}），扣分${round1(deducted)}（${deductions.map((x) => `${x.label}${x.count}，扣${x.points}`).join('；')}），得分${score}。`;
  return {
    department,
    year,
    asOf,
    score,
    grade: score === null ? null : gradeOf(score, config),
    base,
    components,
    deductions,
    explanation,
  };
}
