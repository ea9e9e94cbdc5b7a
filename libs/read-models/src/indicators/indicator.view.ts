import {
  departmentName,
  indicatorAssignmentStatusLabels,
  indicatorAttributeLabels,
  indicatorCategoryLabels,
  indicatorDirectionSymbols,
  indicatorMeasureLabels,
  indicatorSeries,
  indicatorStatus,
  indicatorStatusLabels,
  reportingFrequencyLabels,
  trajectoryFor,
  trajectoryLine,
  type IndicatorAssignmentStatus,
  type IndicatorState,
} from '@app/domain';

/**
 * The full picture of one indicator: the detail endpoint, ?asOf= and the read-model row share it.
 * Every figure is a function of the indicator's events (the trajectory year is the latest reported
 * period's, never today's), so a rebuild gives the same row.
 */
export function indicatorView(id: string, state: IndicatorState) {
  const standing = indicatorStatus(state);
  const series = indicatorSeries(state);
  const latest = standing.latest;
  const latestTrajectory = latest ? trajectoryFor(state, latest.year) : null;
  return {
    id,
    code: state.code,
    name: state.name,
    category: state.category,
    categoryLabel: state.category ? indicatorCategoryLabels[state.category] : null,
    unit: state.unit,
    measure: state.measure,
    measureLabel: indicatorMeasureLabels[state.measure],
    bounds: state.bounds,
    baseline: state.baseline,
    target: state.target,
    attribute: state.attribute,
    attributeLabel: state.attribute ? indicatorAttributeLabels[state.attribute] : null,
    direction: state.direction,
    directionSymbol: state.direction ? indicatorDirectionSymbols[state.direction] : null,
    reportingFrequency: state.reportingFrequency,
    reportingFrequencyLabel: reportingFrequencyLabels[state.reportingFrequency],
    source: state.source,
    planText: state.planText,
    note: state.note,
    assignmentStatus: state.status as IndicatorAssignmentStatus,
    assignmentStatusLabel: indicatorAssignmentStatusLabels[state.status as IndicatorAssignmentStatus],
    leadDepartment: state.leadDepartment,
    leadDepartmentName: state.leadDepartment ? departmentName(state.leadDepartment) : null,
    cooperatingDepartments: state.cooperatingDepartments,
    cooperatingDepartmentNames: state.cooperatingDepartments.map(departmentName),
    leaderInCharge: state.leaderInCharge,
    responsiblePerson: state.responsiblePerson,
    assignedOn: state.assignedOn,
    assignments: state.assignments,
    /** 达标 / 接近 / 滞后 / 无数据 / 待定目标 of the latest value against its year's trajectory. */
    status: standing.status,
    statusLabel: indicatorStatusLabels[standing.status],
    statusReason: standing.reasonZh,
    /** Whether the latest value already meets the 2025 target; null when it cannot be told. */
    targetMet: standing.targetMet,
    latest: latest && {
      period: latest.period,
      periodLabel: latest.periodLabel,
      value: latest.value,
      corrected: latest.corrected,
      yardstick: latest.yardstick,
      gap: latest.gap,
    },
    /** The trajectory value of the latest value's year (序时进度), where there is one. */
    latestTrajectory,
    series: series.map((s) => ({ ...s, statusLabel: indicatorStatusLabels[s.status] })),
    trajectory: trajectoryLine(state),
    yearlyTargets: state.yearlyTargets,
    values: state.values,
    contributingProjects: state.contributingProjects,
    registeredAt: state.registeredAt,
    version: state.version,
  };
}

export type IndicatorView = ReturnType<typeof indicatorView>;
