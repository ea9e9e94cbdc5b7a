import {
  isAwaitingAssignment,
  keyProjectCommandLabelsFor,
  keyProjectStatusLabelsFor,
  milestoneVariance,
  planItemKindLabels,
  planItemWords,
  projectProgress,
  type KeyProjectState,
  type KeyProjectStatus,
} from '@app/domain';

export type KeyProjectKind = 'KEY_PROJECT' | 'COMMITMENT';

/** Dated commitments (DC-nn) are tracked like projects; the plan register's codes tell them apart. */
export function keyProjectKind(code: string): KeyProjectKind {
  return code.startsWith('DC-') ? 'COMMITMENT' : 'KEY_PROJECT';
}

export function milestoneViews(state: KeyProjectState) {
  return state.milestones.map((m) => {
    const variance = milestoneVariance(m);
    return {
      milestoneId: m.milestoneId,
      name: m.name,
      weight: m.weight,
      mandatory: m.mandatory,
      originalBaselineDate: m.originalBaselineDate,
      baselineDate: m.baselineDate,
      forecastDate: m.forecastDate,
      achievedOn: m.achievedOn,
      latestPercentComplete: m.latestPercentComplete,
      varianceDays: variance.daysAgainstOriginalBaseline,
      varianceAgainstCurrentBaselineDays: variance.daysAgainstCurrentBaseline,
      evidenceCount: m.evidence.length,
      evidence: m.evidence,
    };
  });
}

/** The full picture of one project: the detail endpoint, ?asOf= and the read-model row share it. */
export function keyProjectView(id: string, state: KeyProjectState) {
  const status = state.status as KeyProjectStatus;
  return {
    id,
    code: state.code,
    name: state.name,
    kind: keyProjectKind(state.code),
    planBox: state.planBox,
    category: state.category,
    /** 工程项目 / 工作任务 / 争取类: decides the commands and the words. */
    planItemKind: state.planItemKind,
    planItemKindLabel: planItemKindLabels[state.planItemKind],
    /** Where the plan lists the item (专栏, chapter and section). */
    source: state.source,
    /** 待交办: no department answers for the item yet. */
    awaitingAssignment: isAwaitingAssignment(state),
    leadDepartment: state.leadDepartment,
    cooperatingDepartments: state.cooperatingDepartments,
    implementingUnit: state.implementingUnit,
    responsiblePerson: state.responsiblePerson,
    responsibleLeader: state.responsibleLeader,
    /** 交办 and 重新交办, oldest first. */
    assignments: state.assignments,
    status,
    /** The words of the item's kind: its status, and each command as the buttons name it. */
    labels: {
      status: isAwaitingAssignment(state) ? '待交办' : keyProjectStatusLabelsFor(state.planItemKind)[status],
      words: planItemWords[state.planItemKind],
      commands: keyProjectCommandLabelsFor(state.planItemKind),
    },
    progress: projectProgress(state),
    plannedStart: state.plannedStart,
    plannedEnd: state.plannedEnd,
    plannedInvestment: state.plannedInvestment,
    description: state.description,
    registeredAt: state.registeredAt,
    startedOn: state.startedOn,
    completedOn: state.completedOn,
    milestones: milestoneViews(state),
    latestReport: (state.progressReports.at(-1) ?? null) as KeyProjectState['progressReports'][number] | null,
    progressReports: state.progressReports,
    baselineChanges: state.baselineChanges,
    suspensions: state.suspensions,
    acceptance: state.acceptance,
    cancellation: state.cancellation,
    version: state.version,
  };
}

export type KeyProjectView = ReturnType<typeof keyProjectView>;
