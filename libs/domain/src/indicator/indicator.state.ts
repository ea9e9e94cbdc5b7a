import type { CalendarDate } from '../shared/dates';
import type { IndicatorLeaderInCharge } from './indicator.commands';
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
import type { IndicatorEvent } from './indicator.events';
import type { IndicatorPeriod } from './indicator.periods';

/** 待交办 until the supervision office assigns it: no department answers for it before. */
export type IndicatorAssignmentStatus = 'UNASSIGNED' | 'ASSIGNED';

export const indicatorAssignmentStatusLabels: Record<IndicatorAssignmentStatus, string> = {
  UNASSIGNED: '待交办',
  ASSIGNED: '已交办',
};

export function indicatorStreamId(id: string): string {
  return `indicator-${id}`;
}

export interface IndicatorAssignmentRecord {
  leadDepartment: string;
  cooperatingDepartments: string[];
  leaderInCharge: IndicatorLeaderInCharge | null;
  responsiblePerson: string | null;
  on: CalendarDate;
  by: string;
  /** null for the first assignment; the reason of a reassignment. */
  reason: string | null;
  at: string;
}

export interface IndicatorCorrection {
  previousValue: IndicatorValue;
  value: IndicatorValue;
  source: string;
  reason: string;
  correctedOn: CalendarDate;
  correctedBy: string;
  correctedByName: string;
  correctedByDepartment: string | null;
  correctedAt: string;
}

/** One period's value: as reported, and as it stands after any corrections (all kept). */
export interface IndicatorPeriodValue {
  period: IndicatorPeriod;
  /** The value in force: the latest correction's, else the reported one. */
  value: IndicatorValue;
  source: string;
  unit: string | null;
  reported: {
    value: IndicatorValue;
    source: string;
    note: string | null;
    reportedOn: CalendarDate;
    reportedBy: string;
    reportedByName: string;
    reportedByDepartment: string | null;
    reportedAt: string;
  };
  corrections: IndicatorCorrection[];
}

export interface ContributingProject {
  projectId: string;
  projectCode: string;
  projectName: string;
  note: string | null;
  linkedBy: string;
  linkedAt: string;
}

export interface IndicatorState {
  /** null until IndicatorRegistered: the stream does not exist yet. */
  status: IndicatorAssignmentStatus | null;
  indicatorId: string;
  code: string;
  name: string;
  category: IndicatorCategory | null;
  unit: string | null;
  measure: IndicatorMeasure;
  bounds: ValueBounds;
  baseline: IndicatorBaseline;
  target: IndicatorTarget;
  attribute: IndicatorAttribute | null;
  direction: IndicatorDirection | null;
  reportingFrequency: ReportingFrequency;
  source: string;
  planText: string | null;
  note: string | null;
  registeredAt: string | null;
  leadDepartment: string | null;
  cooperatingDepartments: string[];
  leaderInCharge: IndicatorLeaderInCharge | null;
  responsiblePerson: string | null;
  /** The day of the assignment in force (reassignment included): reports are owed from then on. */
  assignedOn: CalendarDate | null;
  assignments: IndicatorAssignmentRecord[];
  /** Sorted by year. */
  yearlyTargets: YearlyTarget[];
  /** One entry per reported period, sorted by period. */
  values: IndicatorPeriodValue[];
  contributingProjects: ContributingProject[];
  /** Number of events applied; equals the stream version. */
  version: number;
}

export function initialIndicatorState(): IndicatorState {
  return {
    status: null,
    indicatorId: '',
    code: '',
    name: '',
    category: null,
    unit: null,
    measure: 'NUMERIC',
    bounds: { min: null, max: null },
    baseline: { year: 0, value: null, wording: null },
    target: { year: 0, value: null, wording: '', qualifier: null, basis: 'VALUE' },
    attribute: null,
    direction: null,
    reportingFrequency: 'ANNUAL',
    source: '',
    planText: null,
    note: null,
    registeredAt: null,
    leadDepartment: null,
    cooperatingDepartments: [],
    leaderInCharge: null,
    responsiblePerson: null,
    assignedOn: null,
    assignments: [],
    yearlyTargets: [],
    values: [],
    contributingProjects: [],
    version: 0,
  };
}

export function findPeriodValue(state: IndicatorState, period: IndicatorPeriod): IndicatorPeriodValue | undefined {
  return state.values.find((v) => v.period === period);
}

function apply(state: IndicatorState, event: IndicatorEvent): IndicatorState {
  switch (event.type) {
    case 'IndicatorRegistered': {
      const { occurredAt, ...definition } = event.data;
      return { ...state, ...definition, status: 'UNASSIGNED', registeredAt: occurredAt };
    }
    case 'IndicatorAssigned': {
      const { leadDepartment, cooperatingDepartments, leaderInCharge, responsiblePerson, assignedOn, assignedBy, occurredAt } = event.data;
      const record: IndicatorAssignmentRecord = {
        leadDepartment,
        cooperatingDepartments,
        leaderInCharge,
        responsiblePerson,
        on: assignedOn,
        by: assignedBy,
        reason: null,
        at: occurredAt,
      };
      return { ...state, status: 'ASSIGNED', ...assignmentFields(record), assignments: [...state.assignments, record] };
    }
    case 'IndicatorReassigned': {
      const { leadDepartment, cooperatingDepartments, leaderInCharge, responsiblePerson, reassignedOn, reassignedBy, reason, occurredAt } =
        event.data;
      const record: IndicatorAssignmentRecord = {
        leadDepartment,
        cooperatingDepartments,
        leaderInCharge,
        responsiblePerson,
        on: reassignedOn,
        by: reassignedBy,
        reason,
        at: occurredAt,
      };
      return { ...state, ...assignmentFields(record), assignments: [...state.assignments, record] };
    }
    case 'YearlyTargetsSet': {
      const set = new Map(state.yearlyTargets.map((t) => [t.year, t.value]));
      event.data.targets.forEach((t) => set.set(t.year, t.value));
      const yearlyTargets = [...set.entries()].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year);
      return { ...state, yearlyTargets };
    }
    case 'IndicatorValueReported': {
      const { period, value, unit, source, note, reportedOn, reportedBy, reportedByName, reportedByDepartment, occurredAt } = event.data;
      const entry: IndicatorPeriodValue = {
        period,
        value,
        source,
        unit,
        reported: { value, source, note, reportedOn, reportedBy, reportedByName, reportedByDepartment, reportedAt: occurredAt },
        corrections: [],
      };
      const values = [...state.values, entry].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
      return { ...state, values };
    }
    case 'IndicatorValueCorrected': {
      const { period, occurredAt, unit: _unit, ...correction } = event.data;
      const values = state.values.map((v) =>
        v.period === period
          ? {
              ...v,
              value: correction.value,
              source: correction.source,
              corrections: [
                ...v.corrections,
                {
                  previousValue: correction.previousValue,
                  value: correction.value,
                  source: correction.source,
                  reason: correction.reason,
                  correctedOn: correction.correctedOn,
                  correctedBy: correction.correctedBy,
                  correctedByName: correction.correctedByName,
                  correctedByDepartment: correction.correctedByDepartment,
                  correctedAt: occurredAt,
                },
              ],
            }
          : v,
      );
      return { ...state, values };
    }
    case 'ContributingProjectLinked': {
      const { occurredAt, ...link } = event.data;
      return { ...state, contributingProjects: [...state.contributingProjects, { ...link, linkedAt: occurredAt }] };
    }
  }
}

function assignmentFields(record: IndicatorAssignmentRecord): Partial<IndicatorState> {
  return {
    leadDepartment: record.leadDepartment,
    cooperatingDepartments: [...record.cooperatingDepartments],
    leaderInCharge: record.leaderInCharge,
    responsiblePerson: record.responsiblePerson,
    assignedOn: record.on,
  };
}

export function evolveIndicator(state: IndicatorState, event: IndicatorEvent): IndicatorState {
  return { ...apply(state, event), version: state.version + 1 };
}
