import { allowedActionsOf, type AllowedAction } from '../shared/allowed-actions';
import { shanghaiDate } from '../shared/dates';
import type { CommandContext, Decider } from '../shared/decider';
import { InvalidValue, RuleViolation, StreamNotFound, type DomainError } from '../shared/errors';
import { requireText, requireUniqueIds, statusError } from '../shared/validation';
import { indicatorCommandPolicies, indicatorPermissionError, indicatorRoleMaySend } from './indicator.authorization';
import {
  indicatorCommandLabels,
  type AssignIndicator,
  type CorrectIndicatorValue,
  type IndicatorCommand,
  type IndicatorCommandType,
  type IndicatorLeaderInCharge,
  type LinkContributingProject,
  type ReassignIndicator,
  type RegisterIndicator,
  type ReportIndicatorValue,
  type SetYearlyTargets,
} from './indicator.commands';
import {
  indicatorAssessmentLabels,
  indicatorCategories,
  reportingFrequencies,
  reportingFrequencyLabels,
  targetBases,
  type IndicatorValue,
  type ValueBounds,
} from './indicator.definition';
import type { IndicatorEvent } from './indicator.events';
import { parseIndicatorPeriod, periodFormats, type PeriodSpan } from './indicator.periods';
import {
  evolveIndicator,
  findPeriodValue,
  indicatorAssignmentStatusLabels,
  initialIndicatorState,
  type IndicatorAssignmentStatus,
  type IndicatorState,
} from './indicator.state';

type Handler<C extends IndicatorCommand> = (command: C, state: IndicatorState, ctx: CommandContext) => IndicatorEvent[];

/**
 * How the decider handles one command: `guard` holds what does not depend on the body (status and the
 * rules that hold whatever is sent), `decide` checks the body and returns the events. `allowedActions`
 * asks the same guards.
 */
interface IndicatorCommandHandler<C extends IndicatorCommand> {
  guard: (state: IndicatorState, ctx: CommandContext) => DomainError | undefined;
  decide: Handler<C>;
}

/** A refusal of a value sent (422); `rule` is its id in docs/domain.md. */
function invalid(code: string, field: string, titleEn: string, detail: string, rule?: string): InvalidValue {
  return new InvalidValue({ code, field, titleEn, detail, ...(rule ? { rule } : {}) });
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function optionalText(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Units compare after Unicode compatibility folding (µ/μ, ³/3, ％/%) and with 'ug' read as 'μg'. */
export function sameUnit(a: string | null, b: string | null): boolean {
  const fold = (u: string | null) =>
    (u ?? '')
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .toLowerCase()
      .replace(/(^|[^a-z])u(?=g)/g, '$1μ');
  return fold(a) === fold(b);
}

function withinBounds(value: number, bounds: ValueBounds): boolean {
  return (bounds.min === null || value >= bounds.min) && (bounds.max === null || value <= bounds.max);
}

function boundsZh(bounds: ValueBounds, unit: string | null): string {
  const u = unit ?? '';
  if (bounds.min !== null && bounds.max !== null) return `${bounds.min} 到 ${bounds.max}${u}之间`;
  if (bounds.min !== null) return `不小于 ${bounds.min}${u}`;
  return `不大于 ${bounds.max}${u}`;
}

function formatValue(value: IndicatorValue, unit: string | null): string {
  return typeof value === 'number' ? `${value}${unit ?? ''}` : indicatorAssessmentLabels[value];
}

/** IND-STATE-1: the command is refused outside the statuses it may be sent from. */
function statusNotIn(
  state: IndicatorState,
  type: IndicatorCommandType,
  allowed: readonly IndicatorAssignmentStatus[],
): DomainError | undefined {
  return statusError(
    state.status,
    allowed,
    { type, labelZh: indicatorCommandLabels[type] },
    indicatorAssignmentStatusLabels,
    'IND-STATE-1',
  );
}

function requireDefinition(command: RegisterIndicator): void {
  requireText(command.indicatorId, 'indicatorId', '指标编号');
  requireText(command.code, 'code', '指标代码');
  requireText(command.name, 'name', '指标名称');
  requireText(command.source, 'source', '规划出处');
  requireText(command.target.wording, 'target.wording', '2025年目标（规划原文）');
  if (command.category !== null && !indicatorCategories.includes(command.category)) {
    throw invalid('INVALID_CATEGORY', 'category', 'category is not a 表2 category', '“指标类别”须为表2的七类之一，或留空。', 'IND-REG-1');
  }
  if (!reportingFrequencies.includes(command.reportingFrequency)) {
    throw invalid(
      'INVALID_FREQUENCY',
      'reportingFrequency',
      'reportingFrequency must be MONTHLY, QUARTERLY or ANNUAL',
      '“报送频次”须为按月、按季或按年。',
      'IND-REG-1',
    );
  }
  if (command.attribute !== null && command.attribute !== 'BINDING' && command.attribute !== 'EXPECTED') {
    throw invalid(
      'INVALID_ATTRIBUTE',
      'attribute',
      'attribute must be BINDING or EXPECTED',
      '“指标属性”须为约束性或预期性，规划未标明时留空。',
      'IND-REG-1',
    );
  }
  if (!targetBases.includes(command.target.basis)) {
    throw invalid('INVALID_TARGET', 'target.basis', 'target.basis is unknown', '“目标判定方式”无效。', 'IND-REG-1');
  }
  if (command.target.qualifier !== null && command.target.qualifier !== 'ABOUT' && command.target.qualifier !== 'STRIVE') {
    throw invalid(
      'INVALID_TARGET',
      'target.qualifier',
      'target.qualifier must be ABOUT or STRIVE',
      '目标限定词须为“左右”或“力争”，没有时留空。',
      'IND-REG-1',
    );
  }
  if (!isInteger(command.baseline.year) || !isInteger(command.target.year) || command.baseline.year >= command.target.year) {
    throw invalid(
      'INVALID_TARGET',
      'target.year',
      'the target year must follow the baseline year',
      '目标年份须晚于基准年份（规划为2020年基准、2025年目标）。',
      'IND-REG-1',
    );
  }
  if (command.measure === 'QUALITATIVE') requireQualitativeDefinition(command);
  else if (command.measure === 'NUMERIC') requireNumericDefinition(command);
  else throw invalid('INVALID_MEASURE', 'measure', 'measure must be NUMERIC or QUALITATIVE', '“指标类型”须为数值型或定性。', 'IND-REG-1');
}

function requireQualitativeDefinition(command: RegisterIndicator): void {
  const numericParts = [
    command.unit,
    command.direction,
    command.target.value,
    command.baseline.value,
    command.bounds.min,
    command.bounds.max,
  ];
  if (command.target.basis !== 'ASSESSMENT' || numericParts.some((part) => part !== null)) {
    throw invalid(
      'INVALID_TARGET',
      'measure',
      'a qualitative indicator has no unit, direction, numeric baseline, target or bounds, and is judged by assessment',
      '定性指标没有计量单位、方向和数值目标，按“达到/未达到”判定。',
      'IND-REG-1',
    );
  }
}

function requireNumericDefinition(command: RegisterIndicator): void {
  const { bounds, target, baseline } = command;
  if (command.direction !== 'AT_LEAST' && command.direction !== 'AT_MOST') {
    throw invalid(
      'INVALID_DIRECTION',
      'direction',
      'a numeric indicator needs a direction',
      '数值型指标须注明方向：≥（越高越好）或 ≤（越低越好）。',
      'IND-REG-1',
    );
  }
  if (command.unit !== null) requireText(command.unit, 'unit', '计量单位');
  const boundOk = (b: number | null) => b === null || isFiniteNumber(b);
  if (!boundOk(bounds.min) || !boundOk(bounds.max) || (bounds.min !== null && bounds.max !== null && bounds.min > bounds.max)) {
    throw invalid(
      'INVALID_BOUNDS',
      'bounds',
      'bounds must be numbers with min ≤ max',
      '数值范围无效：下限和上限须为数字，且下限不大于上限。',
      'IND-REG-1',
    );
  }
  if (target.basis === 'ASSESSMENT') {
    throw invalid(
      'INVALID_TARGET',
      'target.basis',
      'a numeric indicator is not judged by assessment',
      '数值型指标不能按“达到/未达到”判定。',
      'IND-REG-1',
    );
  }
  if (target.basis === 'VALUE' ? !(isFiniteNumber(target.value) && withinBounds(target.value, bounds)) : target.value !== null) {
    throw invalid(
      'INVALID_TARGET',
      'target.value',
      'target.value is a number within the bounds exactly when the target is a plain number',
      '目标为具体数值时须填写范围内的数字；目标为文字表述（如“完成省定目标任务值”）时数值留空。',
      'IND-REG-1',
    );
  }
  if (baseline.value !== null && !(isFiniteNumber(baseline.value) && withinBounds(baseline.value, bounds))) {
    throw invalid(
      'INVALID_BASELINE',
      'baseline.value',
      'baseline.value must be a number within the bounds',
      '基准值须为范围内的数字，规划未列明时留空。',
      'IND-REG-1',
    );
  }
}

/** IND-REG-1 */
function alreadyRegistered(state: IndicatorState): DomainError | undefined {
  if (state.status === null) return undefined;
  return new RuleViolation({
    code: 'INDICATOR_ALREADY_REGISTERED',
    titleEn: 'The indicator is already registered',
    detail: `指标 ${state.code}（${state.name}）已经登记，不能重复登记。`,
    rule: 'IND-REG-1',
  });
}

const register: Handler<RegisterIndicator> = (command, _state, ctx) => {
  requireDefinition(command);
  const { type: _type, ...definition } = command;
  return [
    {
      type: 'IndicatorRegistered',
      data: {
        ...definition,
        bounds: { ...command.bounds },
        baseline: { ...command.baseline },
        target: { ...command.target },
        planText: optionalText(command.planText),
        note: optionalText(command.note),
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

function requireAssignment(command: AssignIndicator | ReassignIndicator): void {
  requireText(command.leadDepartment, 'leadDepartment', '牵头单位');
  if (!Array.isArray(command.cooperatingDepartments)) {
    throw invalid(
      'INVALID_DEPARTMENTS',
      'cooperatingDepartments',
      'cooperatingDepartments must be a list',
      '“配合单位”须为单位列表，没有时留空。',
      'IND-ASSIGN-1',
    );
  }
  requireUniqueIds(command.cooperatingDepartments, 'cooperatingDepartments', '配合单位');
  if (command.cooperatingDepartments.includes(command.leadDepartment)) {
    throw invalid(
      'LEAD_DEPARTMENT_LISTED_AS_COOPERATING',
      'cooperatingDepartments',
      'The lead department is also listed as cooperating',
      '牵头单位不能同时列为配合单位，请从配合单位中移除。',
      'IND-ASSIGN-1',
    );
  }
  if (command.leaderInCharge !== null && command.leaderInCharge !== undefined) {
    requireText(command.leaderInCharge.name, 'leaderInCharge.name', '责任领导姓名');
    requireText(command.leaderInCharge.title, 'leaderInCharge.title', '责任领导职务');
  }
}

function assignmentOf(command: AssignIndicator | ReassignIndicator) {
  const leader: IndicatorLeaderInCharge | null = command.leaderInCharge
    ? { name: command.leaderInCharge.name.trim(), title: command.leaderInCharge.title.trim() }
    : null;
  return {
    leadDepartment: command.leadDepartment.trim(),
    cooperatingDepartments: command.cooperatingDepartments.map((d) => d.trim()),
    leaderInCharge: leader,
    responsiblePerson: optionalText(command.responsiblePerson),
  };
}

/** IND-ASSIGN-1: a second 交办 is a reassignment, with its reason. */
function alreadyAssigned(state: IndicatorState): DomainError | undefined {
  if (state.status !== 'ASSIGNED') return undefined;
  return new RuleViolation({
    code: 'INDICATOR_ALREADY_ASSIGNED',
    titleEn: 'The indicator is already assigned',
    detail: `指标“${state.name}”已于 ${state.assignedOn} 交办；如需调整责任单位，请使用“重新交办”并说明理由。`,
    rule: 'IND-ASSIGN-1',
  });
}

const assign: Handler<AssignIndicator> = (command, _state, ctx) => {
  requireAssignment(command);
  return [
    {
      type: 'IndicatorAssigned',
      data: {
        ...assignmentOf(command),
        assignedOn: shanghaiDate(ctx.now),
        assignedBy: ctx.actor.userId,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

const reassign: Handler<ReassignIndicator> = (command, state, ctx) => {
  requireAssignment(command);
  requireText(command.reason, 'reason', '重新交办理由');
  const next = assignmentOf(command);
  const previous = {
    leadDepartment: state.leadDepartment as string,
    cooperatingDepartments: [...state.cooperatingDepartments],
    leaderInCharge: state.leaderInCharge,
    responsiblePerson: state.responsiblePerson,
  };
  const sameDepartments = (a: string[], b: string[]) => a.length === b.length && a.every((d) => b.includes(d));
  if (
    next.leadDepartment === previous.leadDepartment &&
    sameDepartments(next.cooperatingDepartments, previous.cooperatingDepartments) &&
    next.leaderInCharge?.name === previous.leaderInCharge?.name &&
    next.leaderInCharge?.title === previous.leaderInCharge?.title &&
    next.responsiblePerson === previous.responsiblePerson
  ) {
    throw invalid(
      'ASSIGNMENT_UNCHANGED',
      'leadDepartment',
      'The new assignment equals the current one',
      '重新交办的内容与现行交办完全相同，无需重新交办。',
      'IND-ASSIGN-1',
    );
  }
  return [
    {
      type: 'IndicatorReassigned',
      data: {
        ...next,
        previous,
        reason: command.reason.trim(),
        reassignedOn: shanghaiDate(ctx.now),
        reassignedBy: ctx.actor.userId,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

function requireNumberInUnit(state: IndicatorState, value: unknown, field: string): asserts value is number {
  const unitZh = state.unit ? `以“${state.unit}”为单位的` : '';
  if (!isFiniteNumber(value)) {
    const example = state.target.value ?? state.baseline.value ?? 30.5;
    throw invalid(
      'VALUE_NOT_A_NUMBER',
      field,
      `${field} must be a number`,
      `“${state.name}”是数值型指标，请填写${unitZh}数字（如 ${example}），不要填写文字或符号。`,
      'IND-VALUE-1',
    );
  }
  if (!withinBounds(value, state.bounds)) {
    throw invalid(
      'VALUE_OUT_OF_RANGE',
      field,
      `${field} is outside the indicator's range`,
      `“${state.name}”的数值应${boundsZh(state.bounds, state.unit)}，填写的是 ${value}，请核对数值和单位。`,
      'IND-VALUE-1',
    );
  }
}

/** The value of a report or a correction, checked against the indicator's measure and unit. */
function requireValue(state: IndicatorState, value: unknown, unit: string | null | undefined): IndicatorValue {
  const given = optionalText(unit);
  if (state.measure === 'QUALITATIVE') {
    if (value !== 'MET' && value !== 'NOT_MET') {
      throw invalid(
        'ASSESSMENT_REQUIRED',
        'value',
        'a qualitative indicator takes MET or NOT_MET',
        `“${state.name}”是定性指标（目标：${state.target.wording}），请选择“达到”或“未达到”，并在说明中写明依据。`,
        'IND-VALUE-1',
      );
    }
    if (given !== null) {
      throw invalid(
        'UNIT_MISMATCH',
        'unit',
        'a qualitative indicator has no unit',
        `“${state.name}”是定性指标，没有计量单位，请不要填写单位。`,
        'IND-VALUE-1',
      );
    }
    return value;
  }
  if (given !== null && !sameUnit(given, state.unit)) {
    throw invalid(
      'UNIT_MISMATCH',
      'unit',
      `the unit must be ${state.unit ?? 'none'}`,
      state.unit
        ? `“${state.name}”的计量单位为“${state.unit}”，填写的单位“${given}”不符，请换算为“${state.unit}”后再填写。`
        : `“${state.name}”没有计量单位（规划未列单位），请只填写数值，不要填写单位“${given}”。`,
      'IND-VALUE-1',
    );
  }
  requireNumberInUnit(state, value, 'value');
  return value;
}

function requirePeriod(state: IndicatorState, period: unknown): PeriodSpan {
  const span = parseIndicatorPeriod(period, state.reportingFrequency);
  if (!span) {
    const { pattern, example } = periodFormats[state.reportingFrequency];
    throw invalid(
      'INVALID_PERIOD',
      'period',
      `period must be ${pattern}`,
      `“${state.name}”${reportingFrequencyLabels[state.reportingFrequency]}报送，统计期格式应为 ${pattern}（如 ${example}）。`,
      'IND-PERIOD-1',
    );
  }
  return span;
}

const report: Handler<ReportIndicatorValue> = (command, state, ctx) => {
  const span = requirePeriod(state, command.period);
  if (span.year <= state.baseline.year) {
    throw invalid(
      'PERIOD_BEFORE_PLAN',
      'period',
      'the period lies in or before the baseline year',
      `${state.baseline.year}年为规划基准年，基准值以规划为准；请报送${state.baseline.year + 1}年及以后的统计期。`,
      'IND-PERIOD-1',
    );
  }
  const today = shanghaiDate(ctx.now);
  if (span.end >= today) {
    throw invalid(
      'PERIOD_NOT_ENDED',
      'period',
      'the period has not ended yet',
      `统计期“${span.labelZh}”${span.start > today ? '尚未开始' : '尚未结束'}（截至 ${span.end}），结束后方可报送该期数值。`,
      'IND-PERIOD-1',
    );
  }
  const existing = findPeriodValue(state, span.period);
  if (existing) {
    throw new RuleViolation({
      code: 'PERIOD_ALREADY_REPORTED',
      titleEn: 'A value was already reported for this period',
      detail: `统计期“${span.labelZh}”已于 ${existing.reported.reportedOn} 报送数值 ${formatValue(existing.value, state.unit)}；如需修改，请提交更正并说明理由。`,
      rule: 'IND-REPORT-1',
    });
  }
  const value = requireValue(state, command.value, command.unit);
  requireText(command.source, 'source', '数据来源');
  return [
    {
      type: 'IndicatorValueReported',
      data: {
        period: span.period,
        value,
        unit: state.unit,
        source: command.source.trim(),
        note: optionalText(command.note),
        reportedOn: today,
        reportedBy: ctx.actor.userId,
        reportedByName: ctx.actor.displayName,
        reportedByDepartment: ctx.actor.department,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

const correct: Handler<CorrectIndicatorValue> = (command, state, ctx) => {
  const span = requirePeriod(state, command.period);
  const existing = findPeriodValue(state, span.period);
  if (!existing) {
    throw new RuleViolation({
      code: 'PERIOD_NOT_REPORTED',
      titleEn: 'No value was reported for this period',
      detail: `统计期“${span.labelZh}”尚未报送数值，无法更正；请先报送该期数值。`,
      rule: 'IND-CORRECT-1',
    });
  }
  const value = requireValue(state, command.value, command.unit);
  const source = optionalText(command.source) ?? existing.source;
  if (value === existing.value && source === existing.source) {
    throw invalid(
      'CORRECTION_UNCHANGED',
      'value',
      'The correction equals the value in force',
      `更正后的数值与现行数值（${formatValue(existing.value, state.unit)}，来源：${existing.source}）相同，无需更正。`,
      'IND-CORRECT-1',
    );
  }
  requireText(command.reason, 'reason', '更正理由');
  return [
    {
      type: 'IndicatorValueCorrected',
      data: {
        period: span.period,
        previousValue: existing.value,
        value,
        unit: state.unit,
        source,
        reason: command.reason.trim(),
        correctedOn: shanghaiDate(ctx.now),
        correctedBy: ctx.actor.userId,
        correctedByName: ctx.actor.displayName,
        correctedByDepartment: ctx.actor.department,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

/** IND-TARGET-1: a qualitative indicator is judged by 达到/未达到 and has no trajectory. */
function qualitativeHasNoTrajectory(state: IndicatorState): DomainError | undefined {
  if (state.measure !== 'QUALITATIVE') return undefined;
  return new RuleViolation({
    code: 'QUALITATIVE_INDICATOR_HAS_NO_TRAJECTORY',
    titleEn: 'A qualitative indicator has no yearly numeric targets',
    detail: `“${state.name}”是定性指标（目标：${state.target.wording}），按“达到/未达到”判定，没有年度数值目标。`,
    rule: 'IND-TARGET-1',
  });
}

/** IND-CORRECT-1: a correction needs a reported value. */
function nothingReported(state: IndicatorState): DomainError | undefined {
  if (state.values.length > 0) return undefined;
  return new RuleViolation({
    code: 'NO_VALUE_REPORTED',
    titleEn: 'No value has been reported for this indicator',
    detail: `指标“${state.name}”尚未报送任何数值，没有可更正的数值；请先报送。`,
    rule: 'IND-CORRECT-1',
  });
}

const setYearlyTargets: Handler<SetYearlyTargets> = (command, state, ctx) => {
  if (!Array.isArray(command.targets) || command.targets.length === 0) {
    throw invalid('TARGETS_REQUIRED', 'targets', 'at least one yearly target is needed', '请至少填写一个年度的目标值。', 'IND-TARGET-1');
  }
  const firstYear = state.baseline.year + 1;
  const lastYear = state.target.year;
  for (const t of command.targets) {
    if (!isInteger(t?.year) || t.year < firstYear || t.year > lastYear) {
      throw invalid(
        'YEAR_OUTSIDE_PLAN',
        'targets.year',
        `years run from ${firstYear} to ${lastYear}`,
        `年度目标的年份应在 ${firstYear} 至 ${lastYear} 年之间（规划期），填写的是“${String(t?.year)}”。`,
        'IND-TARGET-1',
      );
    }
    requireNumberInUnit(state, t.value, 'targets.value');
  }
  if (new Set(command.targets.map((t) => t.year)).size !== command.targets.length) {
    throw invalid('DUPLICATE_YEAR', 'targets.year', 'a year is listed twice', '同一年度只能填写一个目标值。', 'IND-TARGET-1');
  }
  const final = command.targets.find((t) => t.year === lastYear);
  const planValue = state.target.basis === 'VALUE' ? state.target.value : null;
  if (final && planValue !== null && (state.direction === 'AT_LEAST' ? final.value < planValue : final.value > planValue)) {
    throw invalid(
      'TRAJECTORY_WEAKER_THAN_PLAN',
      'targets.value',
      'the final year target is weaker than the plan target',
      `${lastYear}年目标 ${final.value}${state.unit ?? ''} 低于规划目标（${state.target.wording}），年度目标不能放宽规划目标。`,
      'IND-TARGET-1',
    );
  }
  const current = new Map(state.yearlyTargets.map((t) => [t.year, t.value]));
  if (command.targets.every((t) => current.get(t.year) === t.value)) {
    throw invalid(
      'TRAJECTORY_UNCHANGED',
      'targets',
      'every target equals the one in force',
      '填写的年度目标与现行年度目标相同，无需重新设定。',
      'IND-TARGET-1',
    );
  }
  requireText(command.grounds, 'grounds', '目标依据');
  return [
    {
      type: 'YearlyTargetsSet',
      data: {
        targets: [...command.targets]
          .sort((a, b) => a.year - b.year)
          .map((t) => ({ year: t.year, value: t.value, previousValue: current.get(t.year) ?? null })),
        grounds: command.grounds.trim(),
        setBy: ctx.actor.userId,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

const linkProject: Handler<LinkContributingProject> = (command, state, ctx) => {
  requireText(command.projectId, 'projectId', '工程编号');
  requireText(command.projectCode, 'projectCode', '工程代码');
  requireText(command.projectName, 'projectName', '工程名称');
  if (state.contributingProjects.some((p) => p.projectId === command.projectId)) {
    throw new RuleViolation({
      code: 'PROJECT_ALREADY_LINKED',
      titleEn: 'The project is already linked to this indicator',
      detail: `工程 ${command.projectCode}（${command.projectName}）已关联到指标“${state.name}”，无需重复关联。`,
      rule: 'IND-LINK-1',
    });
  }
  return [
    {
      type: 'ContributingProjectLinked',
      data: {
        projectId: command.projectId,
        projectCode: command.projectCode.trim(),
        projectName: command.projectName.trim(),
        note: optionalText(command.note),
        linkedBy: ctx.actor.userId,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

const handlers: { [K in IndicatorCommandType]: IndicatorCommandHandler<Extract<IndicatorCommand, { type: K }>> } = {
  RegisterIndicator: { guard: alreadyRegistered, decide: register },
  AssignIndicator: { guard: alreadyAssigned, decide: assign },
  ReassignIndicator: { guard: (state) => statusNotIn(state, 'ReassignIndicator', ['ASSIGNED']), decide: reassign },
  SetYearlyTargets: { guard: qualitativeHasNoTrajectory, decide: setYearlyTargets },
  ReportIndicatorValue: { guard: () => undefined, decide: report },
  CorrectIndicatorValue: { guard: nothingReported, decide: correct },
  LinkContributingProject: { guard: () => undefined, decide: linkProject },
};

/**
 * Why the actor may not send a command of this type to the indicator now, whatever its body, or
 * undefined: permission first (403), then status and the rules that do not depend on the body (409).
 */
export function indicatorGuard(type: IndicatorCommandType, state: IndicatorState, ctx: CommandContext): DomainError | undefined {
  return indicatorPermissionError(type, state, ctx.actor) ?? handlers[type].guard(state, ctx);
}

/** Order of refusal: unknown stream (404), then permission (403), then state and rules (409/422). */
function decideIndicator(command: IndicatorCommand, state: IndicatorState, ctx: CommandContext): IndicatorEvent[] {
  if (command.type !== 'RegisterIndicator' && state.status === null) throw new StreamNotFound('指标', 'Indicator');
  const refusal = indicatorGuard(command.type, state, ctx);
  if (refusal) throw refusal;
  const handler = handlers[command.type] as IndicatorCommandHandler<IndicatorCommand>;
  return handler.decide(command, state, ctx);
}

/** The commands sent to an existing indicator (RegisterIndicator creates one). */
export const indicatorActionCommandTypes = (Object.keys(indicatorCommandPolicies) as IndicatorCommandType[]).filter(
  (t) => t !== 'RegisterIndicator',
);

/**
 * The commands the actor's roles may send to this indicator, each allowed or not now, with the
 * reason. Computed by the same guards `decide` runs first.
 */
export function indicatorAllowedActions(state: IndicatorState, ctx: CommandContext): AllowedAction<IndicatorCommandType>[] {
  return allowedActionsOf(indicatorActionCommandTypes, indicatorRoleMaySend, indicatorGuard, state, ctx);
}

export const indicatorDecider: Decider<IndicatorState, IndicatorCommand, IndicatorEvent> = {
  initialState: initialIndicatorState,
  decide: decideIndicator,
  evolve: evolveIndicator,
};
