import type {
  IndicatorAttribute,
  IndicatorBaseline,
  IndicatorCategory,
  IndicatorDirection,
  IndicatorMeasure,
  IndicatorTarget,
  IndicatorValue,
  ReportingFrequency,
  ValueBounds,
  YearlyTarget,
} from './indicator.definition';
import type { IndicatorPeriod } from './indicator.periods';

/** Sent by the seeder with the plan's data (libs/domain/src/seed/plan-indicators.ts). */
export interface RegisterIndicator {
  type: 'RegisterIndicator';
  indicatorId: string;
  /** e.g. 'IND-06' (表2 no. 6) or 'TG-03' (a 2025 target of the chapter text). */
  code: string;
  /** The plan's wording, without the unit. */
  name: string;
  /** As in 表2; null where no 表2 category fits. */
  category: IndicatorCategory | null;
  /** As the plan writes it ('%', 'μg/m³', '亿m³', '平方公里', '万吨'); null where the plan states none. */
  unit: string | null;
  measure: IndicatorMeasure;
  bounds: ValueBounds;
  baseline: IndicatorBaseline;
  target: IndicatorTarget;
  /** null where the plan states neither 约束性 nor 预期性 (the chapter-text targets). */
  attribute: IndicatorAttribute | null;
  /** null for QUALITATIVE indicators. */
  direction: IndicatorDirection | null;
  reportingFrequency: ReportingFrequency;
  /** Where in the plan, e.g. '表2 第6项' or '第三章 三（一）4'. */
  source: string;
  /** The plan's sentence for a target of the chapter text; null for a 表2 row. */
  planText: string | null;
  /** What the plan leaves unknown and how the seed reads it (Chinese, shown on the detail page). */
  note: string | null;
}

/** 责任领导: the city leader in charge. */
export interface IndicatorLeaderInCharge {
  name: string;
  title: string;
}

/** 交办: the supervision office names the departments that answer for the indicator. */
export interface AssignIndicator {
  type: 'AssignIndicator';
  leadDepartment: string;
  cooperatingDepartments: string[];
  leaderInCharge: IndicatorLeaderInCharge | null;
  responsiblePerson: string | null;
}

/** 重新交办: a new assignment of an assigned indicator, with the reason. */
export interface ReassignIndicator {
  type: 'ReassignIndicator';
  leadDepartment: string;
  cooperatingDepartments: string[];
  leaderInCharge: IndicatorLeaderInCharge | null;
  responsiblePerson: string | null;
  reason: string;
}

/**
 * The trajectory (序时进度): the value due by the end of each listed year. Years not listed keep their
 * earlier target. For 完成省定目标任务值 these are the province's figures.
 */
export interface SetYearlyTargets {
  type: 'SetYearlyTargets';
  targets: YearlyTarget[];
  /** What the figures rest on, e.g. the province's target document (文号). */
  grounds: string;
}

export interface ReportIndicatorValue {
  type: 'ReportIndicatorValue';
  period: IndicatorPeriod;
  /** A number in the indicator's unit, or MET / NOT_MET for a qualitative indicator. */
  value: IndicatorValue;
  /** The unit the value is given in; null or omitted means the indicator's own unit. */
  unit: string | null;
  /** Where the figure comes from: 监测站, 统计年鉴, 部门统计… */
  source: string;
  note: string | null;
}

/** A new value for a period already reported; the original stays in the history. */
export interface CorrectIndicatorValue {
  type: 'CorrectIndicatorValue';
  period: IndicatorPeriod;
  value: IndicatorValue;
  unit: string | null;
  /** null keeps the period's current source. */
  source: string | null;
  reason: string;
}

/** A key project or plan task that contributes to the indicator; the handler looks up its code and name. */
export interface LinkContributingProject {
  type: 'LinkContributingProject';
  projectId: string;
  projectCode: string;
  projectName: string;
  note: string | null;
}

export type IndicatorCommand =
  | RegisterIndicator
  | AssignIndicator
  | ReassignIndicator
  | SetYearlyTargets
  | ReportIndicatorValue
  | CorrectIndicatorValue
  | LinkContributingProject;

export type IndicatorCommandType = IndicatorCommand['type'];

export const indicatorCommandLabels: Record<IndicatorCommandType, string> = {
  RegisterIndicator: '登记指标',
  AssignIndicator: '交办指标',
  ReassignIndicator: '重新交办指标',
  SetYearlyTargets: '设定年度目标',
  ReportIndicatorValue: '报送指标数值',
  CorrectIndicatorValue: '更正指标数值',
  LinkContributingProject: '关联支撑工程',
};
