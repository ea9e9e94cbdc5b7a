import {
  approvedPlan,
  deadlineKindLabels,
  orderSourceLabels,
  orderStatusLabel,
  pendingPlan,
  petitionFindingLabels,
  sectorLabels,
  type RectificationOrderState,
} from '@app/domain';

/** One order as the ledger (台账) shows it; the same shape for the read model and for ?asOf= replays. */
export function orderSummary(id: string, s: RectificationOrderState) {
  return {
    id,
    code: s.code,
    source: s.source,
    sourceLabel: s.source ? orderSourceLabels[s.source] : null,
    batch: s.batch,
    finding: s.finding,
    target: s.target,
    sector: s.sector ?? null,
    sectorLabel: s.sector ? sectorLabels[s.sector] : null,
    /** 补录: who entered the order and when; null for orders issued in the system. */
    backfill: s.backfill ?? null,
    deadlineKind: s.deadlineKind,
    deadlineKindLabel: s.deadlineKind ? deadlineKindLabels[s.deadlineKind] : null,
    originalDeadline: s.originalDeadline,
    currentDeadline: s.currentDeadline,
    issuedOn: s.issuedOn,
    closedOn: s.closedOn,
    status: s.status,
    statusLabel: orderStatusLabel(s),
    leadDepartment: s.leadDepartment,
    cooperatingDepartments: s.cooperatingDepartments,
    acceptanceDepartment: s.acceptanceDepartment,
    responsiblePerson: s.responsiblePerson,
    leaderInCharge: s.leaderInCharge ?? null,
    planDueOn: s.planDueOn ?? null,
    planStatus: planStatus(s),
    measures: s.measures.map(({ measureId, description, dueDate, status, completedOn, responsiblePerson }) => ({
      measureId,
      description,
      dueDate,
      status,
      completedOn,
      responsiblePerson: responsiblePerson ?? null,
    })),
    hasOpenObjection: s.objections.some((o) => o.status === 'OPEN'),
    publicNotice: s.publicNotice && {
      noticeId: s.publicNotice.noticeId,
      publishedOn: s.publicNotice.publishedOn,
      endsOn: s.publicNotice.endsOn,
    },
    petition: s.petition && {
      caseNumber: s.petition.caseNumber,
      forwardedOn: s.petition.forwardedOn,
      reportDueOn: s.petition.reportDueOn,
      finding: s.petition.finding,
      findingLabel: s.petition.finding ? petitionFindingLabels[s.petition.finding] : null,
      secondCheckDone: s.petition.secondCheck !== null,
      linkedOrderId: s.petition.stagedConclusion?.linkedOrderId ?? null,
      followUpVisitCount: s.petition.followUpVisits.length,
      /** 办结 (ORD-PET-6): when, and where the result was made public. */
      conclusion: s.petition.conclusion ?? null,
    },
    extensions: s.extensions,
    evidenceCount: s.evidence.length,
    version: s.version,
  };
}

export type OrderSummary = ReturnType<typeof orderSummary>;

/** 整改方案: awaiting review, approved, owed (not yet approved), or not owed (measures set at issue). */
function planStatus(s: RectificationOrderState): 'PENDING_REVIEW' | 'APPROVED' | 'OWED' | 'NOT_REQUIRED' {
  if (pendingPlan(s)) return 'PENDING_REVIEW';
  if (approvedPlan(s)) return 'APPROVED';
  return s.planDueOn ? 'OWED' : 'NOT_REQUIRED';
}

/** The summary plus everything the aggregate knows (reports, evidence, checks, notices, objections). */
export function orderDetail(id: string, s: RectificationOrderState) {
  return {
    ...orderSummary(id, s),
    startedOn: s.startedOn,
    evidence: s.evidence,
    progressReports: s.progressReports,
    acceptanceRequestedOn: s.acceptanceRequestedOn,
    acceptanceChecks: s.acceptanceChecks,
    publicNotices: s.publicNotices,
    objections: s.objections,
    periodicReportDueOn: s.periodicReportDueOn,
    periodicReports: s.periodicReports,
    petitionCase: s.petition,
    reopenings: s.reopenings,
    plans: s.plans ?? [],
    reassignments: s.reassignments ?? [],
  };
}
