/**
 * What an indicator (指标) is, as the plan states it: the 24 indicators of 表2 and the further 2025
 * targets of the chapter text. These fields are set once, at registration, from the plan.
 */

/** The seven categories of 表2 (第二章 三（二）: 水、大气、土壤地下水农村、应对气候变化、生态状况、核与辐射、主要污染物排放总量). */
export type IndicatorCategory =
  'WATER' | 'AIR' | 'SOIL_GROUNDWATER_RURAL' | 'CLIMATE' | 'ECOLOGY' | 'NUCLEAR_RADIATION' | 'TOTAL_EMISSIONS';

export const indicatorCategories: readonly IndicatorCategory[] = [
  'WATER',
  'AIR',
  'SOIL_GROUNDWATER_RURAL',
  'CLIMATE',
  'ECOLOGY',
  'NUCLEAR_RADIATION',
  'TOTAL_EMISSIONS',
];

export const indicatorCategoryLabels: Record<IndicatorCategory, string> = {
  WATER: '水',
  AIR: '大气',
  SOIL_GROUNDWATER_RURAL: '土壤地下水农村',
  CLIMATE: '应对气候变化',
  ECOLOGY: '生态状况',
  NUCLEAR_RADIATION: '核与辐射',
  TOTAL_EMISSIONS: '主要污染物排放总量',
};

/** 约束性 (binding: the city is assessed on it) / 预期性 (expected). */
export type IndicatorAttribute = 'BINDING' | 'EXPECTED';

export const indicatorAttributeLabels: Record<IndicatorAttribute, string> = {
  BINDING: '约束性',
  EXPECTED: '预期性',
};

/** Which way is better: AT_LEAST (≥, higher is better) or AT_MOST (≤, lower is better, e.g. PM2.5). */
export type IndicatorDirection = 'AT_LEAST' | 'AT_MOST';

export const indicatorDirectionSymbols: Record<IndicatorDirection, string> = {
  AT_LEAST: '≥',
  AT_MOST: '≤',
};

/**
 * NUMERIC: a value is a number in the indicator's unit. QUALITATIVE: the plan states the target in
 * words only and no unit (有效保障, 避免发生, 基本消除, 全覆盖…); a value is a judgement, MET or NOT_MET.
 */
export type IndicatorMeasure = 'NUMERIC' | 'QUALITATIVE';

export const indicatorMeasureLabels: Record<IndicatorMeasure, string> = {
  NUMERIC: '数值型',
  QUALITATIVE: '定性',
};

export type ReportingFrequency = 'MONTHLY' | 'QUARTERLY' | 'ANNUAL';

export const reportingFrequencies: readonly ReportingFrequency[] = ['MONTHLY', 'QUARTERLY', 'ANNUAL'];

export const reportingFrequencyLabels: Record<ReportingFrequency, string> = {
  MONTHLY: '按月',
  QUARTERLY: '按季',
  ANNUAL: '按年',
};

/**
 * What a value is judged against when the target is not a plain number:
 * - VALUE: the 2025 target is a number (and, with a numeric 2020 baseline, the years between are
 *   interpolated: 序时进度);
 * - PROVINCIAL_VALUE: 完成省定目标任务值, judged only against the yearly targets the province sets
 *   (recorded with SetYearlyTargets);
 * - BASELINE: 不降低 / 保持现状, judged against the 2020 baseline;
 * - PREVIOUS_VALUE: 稳中向好, judged against the previous period's value;
 * - ASSESSMENT: a qualitative target (有效保障, 避免发生…), judged by the reported MET / NOT_MET.
 */
export type TargetBasis = 'VALUE' | 'PROVINCIAL_VALUE' | 'BASELINE' | 'PREVIOUS_VALUE' | 'ASSESSMENT';

export const targetBases: readonly TargetBasis[] = ['VALUE', 'PROVINCIAL_VALUE', 'BASELINE', 'PREVIOUS_VALUE', 'ASSESSMENT'];

/** The plan's qualifiers: 左右 (ABOUT: within the 接近 tolerance counts as met) and 力争 (STRIVE: escalated at most to yellow). */
export type TargetQualifier = 'ABOUT' | 'STRIVE';

export interface IndicatorBaseline {
  year: number;
  /** null where the plan gives “—” or words only */
  value: number | null;
  /** the plan's words where the baseline is not a number (e.g. 未发生); else null */
  wording: string | null;
}

export interface IndicatorTarget {
  year: number;
  /** set only with basis VALUE */
  value: number | null;
  /** the plan's own words, e.g. '83.3', '完成省定目标任务值', '达到90%左右' */
  wording: string;
  qualifier: TargetQualifier | null;
  basis: TargetBasis;
}

/** The values a NUMERIC indicator can take in its unit (a share is 0–100 %); null = unbounded. */
export interface ValueBounds {
  min: number | null;
  max: number | null;
}

export type IndicatorAssessment = 'MET' | 'NOT_MET';

export const indicatorAssessmentLabels: Record<IndicatorAssessment, string> = {
  MET: '达到',
  NOT_MET: '未达到',
};

/** A reported value: a number for NUMERIC indicators, a judgement for QUALITATIVE ones. */
export type IndicatorValue = number | IndicatorAssessment;

export interface YearlyTarget {
  year: number;
  value: number;
}
