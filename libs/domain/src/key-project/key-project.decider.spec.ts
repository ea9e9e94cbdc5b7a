import { at, context, DeciderSpecification } from '../testing/decider-spec';
import { keyProjectDecider } from './key-project.decider';
import type { KeyProjectEvent } from './key-project.events';
import {
  achieved,
  allAchieved,
  baselineRequested,
  completed,
  forestryBureau,
  housingBureau,
  inProgress,
  leadership,
  planned,
  registerCommand,
  registered,
  reported,
  started,
  supervision,
  suspended,
  waterBureau,
} from './key-project.fixtures';
import { milestoneVariance, projectProgress, type KeyProjectState } from './key-project.state';

const NOW = at('2024-03-15 10:00');
const T = NOW.toISOString();
const TODAY = '2024-03-15';

const by = (who: typeof supervision) => ({ actor: who });
const spec = DeciderSpecification(keyProjectDecider, context(NOW, waterBureau));

describe('RegisterKeyProject', () => {
  it('registers a planned project', () => {
    spec
      .given([])
      .when(registerCommand, by(supervision))
      .then([{ ...registered, data: { ...registered.data, occurredAt: T } }]);
  });

  it('accepts a project for which the plan names no department or dates', () => {
    spec
      .given([])
      .when(
        {
          ...registerCommand,
          leadDepartment: null,
          cooperatingDepartments: [],
          plannedStart: null,
          plannedEnd: null,
          plannedInvestment: null,
        },
        by(supervision),
      )
      .thenState((state) => {
        expect(state.status).toBe('PLANNED');
        expect(state.leadDepartment).toBeNull();
      });
  });

  it('refuses to register the same project twice', () => {
    spec
      .given([registered])
      .when(registerCommand, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'KEY_PROJECT_ALREADY_REGISTERED' });
  });

  it('accepts a dated commitment that belongs to no plan box', () => {
    spec
      .given([])
      .when({ ...registerCommand, planBox: null }, by(supervision))
      .thenState((state) => expect(state.planBox).toBeNull());
  });

  it('refuses a plan box outside 1–9', () => {
    spec
      .given([])
      .when({ ...registerCommand, planBox: 10 }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'INVALID_PLAN_BOX' });
  });

  it('refuses a planned end before the planned start', () => {
    spec
      .given([])
      .when({ ...registerCommand, plannedStart: '2025-01-01', plannedEnd: '2024-12-31' }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'PLANNED_END_BEFORE_START' });
  });

  it('refuses a negative investment', () => {
    spec
      .given([])
      .when({ ...registerCommand, plannedInvestment: -1 }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'INVALID_INVESTMENT' });
  });

  it('refuses a blank name', () => {
    const error = spec
      .given([])
      .when({ ...registerCommand, name: '  ' }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'FIELD_REQUIRED' });
    expect(error.detail).toContain('工程名称');
  });

  it('refuses the lead department listed as cooperating', () => {
    spec
      .given([])
      .when({ ...registerCommand, cooperatingDepartments: ['市水务局'] }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'LEAD_DEPARTMENT_LISTED_AS_COOPERATING' });
  });

  it('refuses a project-lead (only the supervision office registers)', () => {
    spec.given([]).when(registerCommand, by(waterBureau)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('StartKeyProject', () => {
  it('moves a planned project into progress', () => {
    spec
      .given([registered])
      .when({ type: 'StartKeyProject', startedOn: '2024-03-01' })
      .then([{ type: 'KeyProjectStarted', data: { startedOn: '2024-03-01', occurredAt: T } }]);
  });

  it('refuses to start a project already in progress', () => {
    const error = spec
      .given([registered, started])
      .when({ type: 'StartKeyProject', startedOn: '2024-03-01' })
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
    expect(error.rule).toBe('KP-STATE-1');
    expect(error.detail).toContain('实施中');
  });

  it('refuses a start date in the future', () => {
    spec
      .given([registered])
      .when({ type: 'StartKeyProject', startedOn: '2024-03-16' })
      .thenThrows({ kind: 'invalid', code: 'DATE_IN_FUTURE' });
  });

  it('refuses a cooperating department', () => {
    spec
      .given([registered])
      .when({ type: 'StartKeyProject', startedOn: '2024-03-01' }, by(housingBureau))
      .thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });

  it('answers not-found for a project that was never registered', () => {
    spec.given([]).when({ type: 'StartKeyProject', startedOn: '2024-03-01' }).thenThrows({ kind: 'not-found', code: 'STREAM_NOT_FOUND' });
  });
});

describe('PlanMilestone', () => {
  const command = { type: 'PlanMilestone', milestoneId: 'm9', name: '主体工程完工', weight: 30, baselineDate: '2024-09-30' } as const;

  it('plans a mandatory milestone by default', () => {
    spec
      .given([registered])
      .when(command)
      .then([
        {
          type: 'MilestonePlanned',
          data: { milestoneId: 'm9', name: '主体工程完工', weight: 30, mandatory: true, baselineDate: '2024-09-30', occurredAt: T },
        },
      ]);
  });

  it('keeps the planned baseline as the original baseline', () => {
    spec
      .given(inProgress)
      .when(command, by(supervision))
      .thenState((state) => {
        const milestone = state.milestones.find((m) => m.milestoneId === 'm9');
        expect(milestone).toMatchObject({ originalBaselineDate: '2024-09-30', baselineDate: '2024-09-30', achievedOn: null });
      });
  });

  it('refuses a milestone id already used (the baseline changes only by request)', () => {
    spec
      .given(inProgress)
      .when({ ...command, milestoneId: 'm1' })
      .thenThrows({ kind: 'conflict', code: 'MILESTONE_ALREADY_PLANNED' });
  });

  it('plans a milestone without a baseline where the plan gives no date, and reports no variance', () => {
    spec
      .given([registered])
      .when({ ...command, baselineDate: null })
      .thenState((state) => {
        const milestone = state.milestones.find((m) => m.milestoneId === 'm9');
        expect(milestone).toMatchObject({ originalBaselineDate: null, baselineDate: null });
        expect(milestoneVariance(milestone!)).toEqual({
          comparedDate: null,
          daysAgainstOriginalBaseline: null,
          daysAgainstCurrentBaseline: null,
        });
      });
  });

  it('refuses a weight of zero', () => {
    spec
      .given([registered])
      .when({ ...command, weight: 0 })
      .thenThrows({ kind: 'invalid', code: 'INVALID_WEIGHT' });
  });

  it('refuses an impossible baseline date', () => {
    spec
      .given([registered])
      .when({ ...command, baselineDate: '2024-02-30' })
      .thenThrows({ kind: 'invalid', code: 'INVALID_DATE' });
  });

  it('refuses to plan on a completed project', () => {
    spec
      .given([...allAchieved, completed])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });
});

describe('ReportProjectProgress', () => {
  const command = {
    type: 'ReportProjectProgress',
    reportId: 'r-1',
    milestoneId: 'm1',
    percentComplete: 50,
    forecastDate: '2024-07-15',
    narrative: '土建完成一半',
  } as const;

  it('records a report against a milestone', () => {
    spec
      .given(inProgress)
      .when(command)
      .then([
        {
          type: 'ProgressReported',
          data: {
            reportId: 'r-1',
            milestoneId: 'm1',
            percentComplete: 50,
            forecastDate: '2024-07-15',
            narrative: '土建完成一半',
            reportedOn: TODAY,
            reportedBy: 'u-water',
            reportedByDepartment: '市水务局',
            occurredAt: T,
          },
        },
      ]);
  });

  it('updates the forecast and the milestone percentage', () => {
    spec
      .given(inProgress)
      .when(command)
      .thenState((state) => {
        expect(state.milestones[0]).toMatchObject({ forecastDate: '2024-07-15', latestPercentComplete: 50, baselineDate: '2024-06-30' });
        expect(projectProgress(state)).toBe(30);
      });
  });

  it('lets a cooperating department report, and records which department did', () => {
    spec
      .given(inProgress)
      .when(command, by(housingBureau))
      .thenState((state) => {
        expect(state.progressReports.at(-1)).toMatchObject({ reportedBy: 'u-housing', reportedByDepartment: '市住建局' });
      });
  });

  it('accepts a narrative-only report', () => {
    spec
      .given(inProgress)
      .when({ ...command, milestoneId: null, percentComplete: null, forecastDate: null })
      .thenState((state) => {
        expect(state.progressReports).toHaveLength(1);
        expect(state.milestones[0].latestPercentComplete).toBeNull();
      });
  });

  it('is append-only: a correction is a new report and the latest one counts', () => {
    spec
      .given([...inProgress, reported('r-0', 'm1', 80)])
      .when({ ...command, reportId: 'r-1', percentComplete: 40 })
      .thenState((state) => {
        expect(state.progressReports.map((r) => r.percentComplete)).toEqual([80, 40]);
        expect(state.milestones[0].latestPercentComplete).toBe(40);
      });
  });

  it('refuses to overwrite an earlier report', () => {
    spec
      .given([...inProgress, reported('r-1', 'm1', 80)])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'REPORT_ALREADY_RECORDED' });
  });

  it('refuses a percentage above 100', () => {
    spec
      .given(inProgress)
      .when({ ...command, percentComplete: 120 })
      .thenThrows({ kind: 'invalid', code: 'INVALID_PERCENTAGE' });
  });

  it('refuses a percentage without a milestone', () => {
    spec
      .given(inProgress)
      .when({ ...command, milestoneId: null })
      .thenThrows({ kind: 'invalid', code: 'MILESTONE_REQUIRED_FOR_PERCENTAGE' });
  });

  it('refuses an unknown milestone', () => {
    spec
      .given(inProgress)
      .when({ ...command, milestoneId: 'nope' })
      .thenThrows({ kind: 'not-found', code: 'MILESTONE_NOT_FOUND' });
  });

  it('refuses a report against an achieved milestone', () => {
    spec
      .given([...inProgress, achieved('m1', '2024-03-01')])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'MILESTONE_ALREADY_ACHIEVED' });
  });

  it('refuses a report while suspended', () => {
    spec
      .given([...inProgress, suspended])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a department that neither leads nor cooperates', () => {
    spec.given(inProgress).when(command, by(forestryBureau)).thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });
});

describe('RequestBaselineChange', () => {
  const command = {
    type: 'RequestBaselineChange',
    requestId: 'bc-1',
    milestoneId: 'm1',
    proposedBaselineDate: '2024-09-30',
    reason: '设备采购延误',
  } as const;

  it('records the request with the baseline it would replace', () => {
    spec
      .given(inProgress)
      .when(command)
      .then([{ ...baselineRequested, data: { ...baselineRequested.data, occurredAt: T } }]);
  });

  it('does not move the baseline before leadership approves', () => {
    spec
      .given(inProgress)
      .when(command)
      .thenState((state) => {
        expect(state.milestones[0].baselineDate).toBe('2024-06-30');
        expect(state.baselineChanges[0].status).toBe('PENDING');
      });
  });

  it('may be requested while suspended', () => {
    spec
      .given([...inProgress, suspended])
      .when(command)
      .thenState((state) => expect(state.baselineChanges).toHaveLength(1));
  });

  it('refuses a second pending request for the same milestone', () => {
    spec
      .given([...inProgress, baselineRequested])
      .when({ ...command, requestId: 'bc-2' })
      .thenThrows({ kind: 'conflict', code: 'BASELINE_CHANGE_ALREADY_PENDING' });
  });

  it('refuses a request id already used', () => {
    spec
      .given([...inProgress, baselineRequested])
      .when({ ...command, milestoneId: 'm2' })
      .thenThrows({ kind: 'conflict', code: 'BASELINE_CHANGE_ALREADY_REQUESTED' });
  });

  it('refuses a proposed date equal to the current baseline', () => {
    spec
      .given(inProgress)
      .when({ ...command, proposedBaselineDate: '2024-06-30' })
      .thenThrows({ kind: 'invalid', code: 'BASELINE_DATE_UNCHANGED' });
  });

  it('refuses a request without a reason', () => {
    spec
      .given(inProgress)
      .when({ ...command, reason: '' })
      .thenThrows({ kind: 'invalid', code: 'FIELD_REQUIRED' });
  });

  it('refuses a change to an achieved milestone', () => {
    spec
      .given([...inProgress, achieved('m1', '2024-03-01')])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'MILESTONE_ALREADY_ACHIEVED' });
  });

  it('refuses once the project is completed', () => {
    spec
      .given([...allAchieved, completed])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses leadership (the lead department requests, leadership decides)', () => {
    spec.given(inProgress).when(command, by(leadership)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('ApproveBaselineChange', () => {
  const command = { type: 'ApproveBaselineChange', requestId: 'bc-1', note: '同意' } as const;

  it('approves the request', () => {
    spec
      .given([...inProgress, baselineRequested])
      .when(command, by(leadership))
      .then([
        {
          type: 'BaselineChangeApproved',
          data: {
            requestId: 'bc-1',
            milestoneId: 'm1',
            previousBaselineDate: '2024-06-30',
            newBaselineDate: '2024-09-30',
            note: '同意',
            decidedBy: 'u-leader',
            occurredAt: T,
          },
        },
      ]);
  });

  it('moves the baseline and keeps the original for variance', () => {
    spec
      .given([...inProgress, reported('r-1', 'm1', 70, '2024-10-10'), baselineRequested])
      .when(command, by(leadership))
      .thenState((state) => {
        const milestone = state.milestones[0];
        expect(milestone).toMatchObject({ originalBaselineDate: '2024-06-30', baselineDate: '2024-09-30' });
        expect(milestoneVariance(milestone)).toEqual({
          comparedDate: '2024-10-10',
          daysAgainstOriginalBaseline: 102,
          daysAgainstCurrentBaseline: 10,
        });
      });
  });

  it('refuses a request already decided', () => {
    const approvedEvent: KeyProjectEvent = {
      type: 'BaselineChangeApproved',
      data: {
        requestId: 'bc-1',
        milestoneId: 'm1',
        previousBaselineDate: '2024-06-30',
        newBaselineDate: '2024-09-30',
        note: null,
        decidedBy: 'u-leader',
        occurredAt: T,
      },
    };
    const another: KeyProjectEvent = {
      ...baselineRequested,
      data: { ...(baselineRequested.data as object), requestId: 'bc-2', proposedBaselineDate: '2024-12-31' },
    } as KeyProjectEvent;
    spec
      .given([...inProgress, baselineRequested, approvedEvent, another])
      .when(command, by(leadership))
      .thenThrows({ kind: 'conflict', code: 'BASELINE_CHANGE_ALREADY_DECIDED' });
    spec
      .given([...inProgress, baselineRequested, approvedEvent])
      .when(command, by(leadership))
      .thenThrows({ kind: 'conflict', code: 'NO_PENDING_BASELINE_CHANGE' });
  });

  it('refuses an unknown request', () => {
    spec
      .given([...inProgress, baselineRequested])
      .when({ ...command, requestId: 'bc-9' }, by(leadership))
      .thenThrows({ kind: 'not-found', code: 'BASELINE_CHANGE_NOT_FOUND' });
  });

  it('refuses once the milestone has been achieved meanwhile', () => {
    spec
      .given([...inProgress, baselineRequested, achieved('m1', '2024-03-10')])
      .when(command, by(leadership))
      .thenThrows({ kind: 'conflict', code: 'MILESTONE_ALREADY_ACHIEVED' });
  });

  it('refuses anyone but leadership', () => {
    spec
      .given([...inProgress, baselineRequested])
      .when(command, by(waterBureau))
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
    spec
      .given([...inProgress, baselineRequested])
      .when(command, by(supervision))
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('RejectBaselineChange', () => {
  const command = { type: 'RejectBaselineChange', requestId: 'bc-1', reason: '理由不充分' } as const;

  it('rejects the request and leaves the baseline alone', () => {
    spec
      .given([...inProgress, baselineRequested])
      .when(command, by(leadership))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'BaselineChangeRejected',
            data: { requestId: 'bc-1', milestoneId: 'm1', reason: '理由不充分', decidedBy: 'u-leader', occurredAt: T },
          },
        ]);
        expect(state.milestones[0].baselineDate).toBe('2024-06-30');
        expect(state.baselineChanges[0]).toMatchObject({ status: 'REJECTED', decisionNote: '理由不充分' });
      });
  });

  it('allows a new request after a rejection', () => {
    const rejected: KeyProjectEvent = {
      type: 'BaselineChangeRejected',
      data: { requestId: 'bc-1', milestoneId: 'm1', reason: '理由不充分', decidedBy: 'u-leader', occurredAt: T },
    };
    spec
      .given([...inProgress, baselineRequested, rejected])
      .when({ type: 'RequestBaselineChange', requestId: 'bc-2', milestoneId: 'm1', proposedBaselineDate: '2024-08-31', reason: '补充说明' })
      .thenState((state) => expect(state.baselineChanges.map((c) => c.status)).toEqual(['REJECTED', 'PENDING']));
  });

  it('refuses a rejection without a reason', () => {
    spec
      .given([...inProgress, baselineRequested])
      .when({ ...command, reason: '' }, by(leadership))
      .thenThrows({ kind: 'invalid', code: 'FIELD_REQUIRED' });
  });

  it('refuses the supervision office', () => {
    spec
      .given([...inProgress, baselineRequested])
      .when(command, by(supervision))
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('AchieveMilestone', () => {
  const evidence = [{ evidenceId: 'ev-1', title: '竣工验收报告', uri: 'doc://2024/031' }];
  const command = { type: 'AchieveMilestone', milestoneId: 'm1', achievedOn: '2024-03-14', evidence } as const;

  it('records the achievement with its evidence', () => {
    spec
      .given(inProgress)
      .when(command)
      .then([{ type: 'MilestoneAchieved', data: { milestoneId: 'm1', achievedOn: '2024-03-14', evidence, occurredAt: T } }]);
  });

  it('counts the milestone weight in progress and reports variance against the baseline', () => {
    spec
      .given(inProgress)
      .when(command)
      .thenState((state) => {
        expect(projectProgress(state)).toBe(60);
        expect(milestoneVariance(state.milestones[0]).daysAgainstOriginalBaseline).toBe(-108);
      });
  });

  it('accepts today in Shanghai even when it is still yesterday in UTC', () => {
    spec
      .given(inProgress)
      .when({ ...command, achievedOn: '2024-03-15' }, { now: at('2024-03-15 07:00') })
      .thenState((state) => expect(state.milestones[0].achievedOn).toBe('2024-03-15'));
  });

  it('refuses an achieved date in the future', () => {
    spec
      .given(inProgress)
      .when({ ...command, achievedOn: '2024-03-16' })
      .thenThrows({ kind: 'invalid', code: 'DATE_IN_FUTURE' });
  });

  it('refuses an achievement without evidence', () => {
    const error = spec
      .given(inProgress)
      .when({ ...command, evidence: [] })
      .thenThrows({ kind: 'invalid', code: 'EVIDENCE_REQUIRED' });
    expect(error.rule).toBe('KP-MS-3');
  });

  it('refuses duplicate evidence ids', () => {
    spec
      .given(inProgress)
      .when({ ...command, evidence: [evidence[0], evidence[0]] })
      .thenThrows({ kind: 'invalid', code: 'DUPLICATE_ID' });
  });

  it('refuses a milestone already achieved', () => {
    spec
      .given([...inProgress, achieved('m1', '2024-03-01')])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'MILESTONE_ALREADY_ACHIEVED' });
  });

  it('refuses before the project has started', () => {
    spec
      .given([registered, planned('m1', 60, '2024-06-30')])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a cooperating department', () => {
    spec.given(inProgress).when(command, by(housingBureau)).thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });
});

describe('SuspendKeyProject and ResumeKeyProject', () => {
  it('suspends a project in progress, with a reason', () => {
    spec
      .given(inProgress)
      .when({ type: 'SuspendKeyProject', reason: '冬季停工' })
      .then([{ type: 'KeyProjectSuspended', data: { reason: '冬季停工', occurredAt: T } }]);
  });

  it('lets leadership suspend', () => {
    spec
      .given(inProgress)
      .when({ type: 'SuspendKeyProject', reason: '资金未到位' }, by(leadership))
      .thenState((state) => {
        expect(state.status).toBe('SUSPENDED');
        expect(state.suspensions[0]).toMatchObject({ reason: '资金未到位', resumedAt: null });
      });
  });

  it('refuses a suspension without a reason', () => {
    spec.given(inProgress).when({ type: 'SuspendKeyProject', reason: '' }).thenThrows({ kind: 'invalid', code: 'FIELD_REQUIRED' });
  });

  it('refuses to suspend a project not in progress', () => {
    spec
      .given([registered])
      .when({ type: 'SuspendKeyProject', reason: '冬季停工' })
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses the supervision office', () => {
    spec
      .given(inProgress)
      .when({ type: 'SuspendKeyProject', reason: '冬季停工' }, by(supervision))
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });

  it('resumes a suspended project', () => {
    spec
      .given([...inProgress, suspended])
      .when({ type: 'ResumeKeyProject', note: '复工' })
      .thenState((state, events) => {
        expect(events).toEqual([{ type: 'KeyProjectResumed', data: { note: '复工', occurredAt: T } }]);
        expect(state.status).toBe('IN_PROGRESS');
        expect(state.suspensions[0]).toMatchObject({ resumedAt: T, resumeNote: '复工' });
      });
  });

  it('refuses to resume a project that is not suspended', () => {
    spec
      .given(inProgress)
      .when({ type: 'ResumeKeyProject', note: null })
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });
});

describe('CompleteKeyProject', () => {
  const command = { type: 'CompleteKeyProject', completedOn: '2024-03-10' } as const;

  it('completes when every mandatory milestone is achieved, even with an optional one open', () => {
    spec
      .given([...allAchieved, planned('m3', 10, '2025-06-30', false)])
      .when(command)
      .then([{ type: 'KeyProjectCompleted', data: { completedOn: '2024-03-10', occurredAt: T } }]);
  });

  it('refuses while a mandatory milestone is outstanding', () => {
    const error = spec
      .given([...inProgress, achieved('m1', '2024-03-01')])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'MANDATORY_MILESTONES_OUTSTANDING' });
    expect(error.detail).toContain('节点m2');
  });

  it('refuses a project without milestones', () => {
    spec.given([registered, started]).when(command).thenThrows({ kind: 'conflict', code: 'NO_MILESTONES_PLANNED' });
  });

  it('refuses while suspended', () => {
    spec
      .given([...allAchieved, suspended])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a completion date in the future', () => {
    spec
      .given(allAchieved)
      .when({ ...command, completedOn: '2024-04-01' })
      .thenThrows({ kind: 'invalid', code: 'DATE_IN_FUTURE' });
  });
});

describe('AcceptKeyProject', () => {
  const acceptanceRecord = {
    recordId: 'acc-1',
    acceptedOn: '2024-03-14',
    acceptingBody: '市生态环境局专家组',
    documentRef: '牡环验〔2024〕12号',
    summary: '出水稳定达到一级A标准',
  };
  const command = { type: 'AcceptKeyProject', acceptanceRecord } as const;

  it('accepts a completed project with an acceptance record', () => {
    spec
      .given([...allAchieved, completed])
      .when(command, by(leadership))
      .then([{ type: 'KeyProjectAccepted', data: { acceptanceRecord, recordedBy: 'u-leader', occurredAt: T } }]);
  });

  it('lets the supervision office record the acceptance', () => {
    spec
      .given([...allAchieved, completed])
      .when(command, by(supervision))
      .thenState((state) => {
        expect(state.status).toBe('ACCEPTED');
        expect(state.acceptance).toMatchObject({ documentRef: '牡环验〔2024〕12号', recordedBy: 'u-sup' });
        expect(projectProgress(state)).toBe(100);
      });
  });

  it('refuses without an acceptance document', () => {
    spec
      .given([...allAchieved, completed])
      .when({ ...command, acceptanceRecord: { ...acceptanceRecord, documentRef: '' } }, by(leadership))
      .thenThrows({ kind: 'invalid', code: 'ACCEPTANCE_RECORD_INCOMPLETE' });
  });

  it('refuses an acceptance dated before completion', () => {
    spec
      .given([...allAchieved, completed])
      .when({ ...command, acceptanceRecord: { ...acceptanceRecord, acceptedOn: '2024-03-09' } }, by(leadership))
      .thenThrows({ kind: 'invalid', code: 'ACCEPTED_BEFORE_COMPLETION' });
  });

  it('refuses a project that is not completed', () => {
    spec.given(allAchieved).when(command, by(leadership)).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses the lead department', () => {
    spec
      .given([...allAchieved, completed])
      .when(command, by(waterBureau))
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('CancelKeyProject', () => {
  const command = { type: 'CancelKeyProject', reason: '规划调整，项目取消' } as const;

  it('cancels a planned project', () => {
    spec
      .given([registered])
      .when(command, by(leadership))
      .then([
        {
          type: 'KeyProjectCancelled',
          data: { reason: '规划调整，项目取消', cancelledFrom: 'PLANNED', decidedBy: 'u-leader', occurredAt: T },
        },
      ]);
  });

  it('cancels a suspended project', () => {
    spec
      .given([...inProgress, suspended])
      .when(command, by(leadership))
      .thenState((state: KeyProjectState) => {
        expect(state.status).toBe('CANCELLED');
        expect(state.cancellation).toMatchObject({ reason: '规划调整，项目取消', decidedBy: 'u-leader' });
      });
  });

  it('refuses to cancel a project in progress (suspend it first)', () => {
    spec.given(inProgress).when(command, by(leadership)).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses anyone but leadership', () => {
    spec.given([registered]).when(command, by(supervision)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
    spec.given([registered]).when(command, by(waterBureau)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });

  it('refuses a cancellation without a reason', () => {
    spec
      .given([registered])
      .when({ ...command, reason: '' }, by(leadership))
      .thenThrows({ kind: 'invalid', code: 'FIELD_REQUIRED' });
  });
});

describe('projectProgress', () => {
  const stateOf = (events: KeyProjectEvent[]) => events.reduce(keyProjectDecider.evolve, keyProjectDecider.initialState());

  it('is 0 without milestones', () => {
    expect(projectProgress(stateOf([registered]))).toBe(0);
  });

  it('weights achieved milestones and the latest percentage of the one in progress', () => {
    const state = stateOf([...inProgress, achieved('m1', '2024-03-01'), reported('r-1', 'm2', 90), reported('r-2', 'm2', 25)]);
    expect(projectProgress(state)).toBe(70);
  });

  it('normalises weights that do not sum to 100', () => {
    const state = stateOf([registered, started, planned('a', 1, '2024-06-30'), planned('b', 2, '2024-06-30'), achieved('a', '2024-03-01')]);
    expect(projectProgress(state)).toBe(33.3);
  });
});
