import { defaultDomainConfig } from '../shared/decider';
import { at, context, DeciderSpecification } from '../testing/decider-spec';
import { rectificationOrderDecider } from './rectification-order.decider';
import type { IssueOrder } from './rectification-order.commands';
import type { RectificationOrderEvent } from './rectification-order.events';
import { orderStatusLabel } from './rectification-order.state';
import {
  assigned,
  followUpVisited,
  leadership,
  petitionConcluded,
  closed,
  findingReported,
  housingBureau,
  inProgress,
  issueCommand,
  petitionInNotice,
  petitionInProgress,
  petitionIssued,
  secondCheckConfirmed,
  supervision,
  waterBureau,
} from './rectification-order.fixtures';

/** Petition forwarded 2024-03-10, first report due 2024-03-17. */
const NOW = at('2024-03-15 10:00');
const T = NOW.toISOString();
const TODAY = '2024-03-15';

const by = (who: typeof supervision) => ({ actor: who });
const spec = DeciderSpecification(rectificationOrderDecider, context(NOW, waterBureau));
type Event = RectificationOrderEvent;

describe('IssueOrder for a petition case', () => {
  const command: IssueOrder = {
    ...issueCommand,
    orderId: 'o-petition',
    source: 'PETITION',
    measures: [],
    petition: { forwardedOn: '2024-03-10', caseNumber: 'D2024-031' },
  };

  it('sets the first report due seven working days after forwarding (forwarded on a Sunday)', () => {
    spec
      .given([])
      .when(command, by(supervision))
      .thenState((state, [event]) => {
        expect(event.data).toMatchObject({ petition: { forwardedOn: '2024-03-10', caseNumber: 'D2024-031', reportDueOn: '2024-03-19' } });
        expect(state.petition).toMatchObject({ reportDueOn: '2024-03-19', finding: null, secondCheck: null, followUpVisits: [] });
      });
  });

  it('uses the configured report period', () => {
    spec
      .given([])
      .when(command, { actor: supervision, config: { ...defaultDomainConfig, petitionReportDays: 10 } })
      .thenState((state) => expect(state.petition?.reportDueOn).toBe('2024-03-22'));
  });

  it('refuses a petition case without its forwarding date', () => {
    spec
      .given([])
      .when({ ...command, petition: null }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'PETITION_DETAILS_REQUIRED' });
  });

  it('refuses a forwarding date after the issue date', () => {
    spec
      .given([])
      .when({ ...command, petition: { forwardedOn: '2024-03-16', caseNumber: null } }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'DATE_IN_FUTURE' });
  });
});

describe('ReportPetitionFinding', () => {
  const command = { type: 'ReportPetitionFinding', finding: 'PARTLY_TRUE', summary: '养殖场存在粪污外溢，未发现直排' } as const;

  it('records the finding within the reporting period', () => {
    spec
      .given(petitionInProgress)
      .when(command)
      .then([
        {
          type: 'PetitionFindingReported',
          data: {
            finding: 'PARTLY_TRUE',
            summary: '养殖场存在粪污外溢，未发现直排',
            reportedOn: TODAY,
            dueOn: '2024-03-17',
            late: false,
            occurredAt: T,
          },
        },
      ]);
  });

  it('accepts a late report on the day after it was due, flagged late', () => {
    spec
      .given(petitionInProgress)
      .when(command, { now: at('2024-03-18 09:00') })
      .thenState((state, [event]) => {
        expect(event.data).toMatchObject({ reportedOn: '2024-03-18', late: true });
        expect(state.petition).toMatchObject({ finding: 'PARTLY_TRUE', findingReportedLate: true });
      });
  });

  it('may be reported before rectification has started', () => {
    spec
      .given([petitionIssued, assigned])
      .when(command)
      .thenState((state) => expect(state.petition?.finding).toBe('PARTLY_TRUE'));
  });

  it('refuses an order that is not a petition case', () => {
    spec.given(inProgress).when(command).thenThrows({ kind: 'conflict', code: 'NOT_A_PETITION_CASE' });
  });

  it('refuses a second report (corrections go through the second check)', () => {
    spec
      .given([...petitionInProgress, findingReported('TRUE')])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'PETITION_FINDING_ALREADY_REPORTED' });
  });

  it('refuses once acceptance has been requested', () => {
    const requested: Event = {
      type: 'AcceptanceRequested',
      data: { requestedOn: TODAY, note: null, requestedBy: 'u-water', occurredAt: T },
    };
    spec
      .given([...petitionInProgress, requested])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a cooperating department', () => {
    spec.given(petitionInProgress).when(command, by(housingBureau)).thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });
});

describe('a petition case does not go through acceptance, notice and 销号 (ORD-CLOSE-6)', () => {
  it.each([
    ['RequestAcceptance', [...petitionInProgress, findingReported('TRUE')], { type: 'RequestAcceptance', note: null }, waterBureau],
    [
      'PublishClosingNotice',
      [...petitionInProgress, findingReported('TRUE')],
      { type: 'PublishClosingNotice', noticeId: 'n-1' },
      supervision,
    ],
    [
      'CloseOrder (a case already in notice, recorded before ORD-PET-6)',
      petitionInNotice(findingReported('TRUE')),
      { type: 'CloseOrder' },
      supervision,
    ],
  ] as const)('refuses %s', (_, given, command, who) => {
    const error = spec
      .given([...given])
      .when(command as never, by(who))
      .thenThrows({ kind: 'conflict', code: 'PETITION_CASE_CONCLUDED_NOT_CLOSED' });
    expect(error.detail).toContain('办结');
  });
});

describe('RecordSecondCheck', () => {
  const confirm = {
    type: 'RecordSecondCheck',
    checkedOn: '2024-03-14',
    outcome: 'CONFIRMED',
    revisedFinding: null,
    summary: '复核维持原结论',
  } as const;
  const revise = { ...confirm, outcome: 'REVISED', revisedFinding: 'PARTLY_TRUE', summary: '复核发现部分属实' } as const;

  it('records a second check confirming an untrue finding', () => {
    spec
      .given([...petitionInProgress, findingReported('UNTRUE')])
      .when(confirm, by(supervision))
      .then([
        {
          type: 'PetitionSecondCheckRecorded',
          data: {
            checkedOn: '2024-03-14',
            outcome: 'CONFIRMED',
            originalFinding: 'UNTRUE',
            revisedFinding: null,
            summary: '复核维持原结论',
            occurredAt: T,
          },
        },
      ]);
  });

  it('a revised second check replaces the finding and keeps the original on record', () => {
    spec
      .given([...petitionInProgress, findingReported('UNTRUE')])
      .when(revise, by(supervision))
      .thenState((state) => {
        expect(state.petition).toMatchObject({
          finding: 'PARTLY_TRUE',
          secondCheck: { originalFinding: 'UNTRUE', revisedFinding: 'PARTLY_TRUE' },
        });
      });
  });

  it('refuses a revision back to untrue', () => {
    spec
      .given([...petitionInProgress, findingReported('UNTRUE')])
      .when({ ...revise, revisedFinding: 'UNTRUE' }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'INVALID_OPTION' });
  });

  it('refuses a revision without the revised finding', () => {
    spec
      .given([...petitionInProgress, findingReported('UNTRUE')])
      .when({ ...revise, revisedFinding: null }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'INVALID_OPTION' });
  });

  it('refuses a second check of a finding other than untrue', () => {
    spec
      .given([...petitionInProgress, findingReported('BASICALLY_TRUE')])
      .when(confirm, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'SECOND_CHECK_NOT_REQUIRED' });
  });

  it('refuses before any finding is reported', () => {
    spec.given(petitionInProgress).when(confirm, by(supervision)).thenThrows({ kind: 'conflict', code: 'PETITION_FINDING_REQUIRED' });
  });

  it('refuses a second second check', () => {
    spec
      .given([...petitionInProgress, findingReported('UNTRUE'), secondCheckConfirmed])
      .when(confirm, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'SECOND_CHECK_ALREADY_RECORDED' });
  });

  it('refuses a check dated in the future', () => {
    spec
      .given([...petitionInProgress, findingReported('UNTRUE')])
      .when({ ...confirm, checkedOn: '2024-03-16' }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'DATE_IN_FUTURE' });
  });

  it('refuses an order that is not a petition case', () => {
    spec.given(inProgress).when(confirm, by(supervision)).thenThrows({ kind: 'conflict', code: 'NOT_A_PETITION_CASE' });
  });

  it('refuses the department that investigated', () => {
    spec
      .given([...petitionInProgress, findingReported('UNTRUE')])
      .when(confirm)
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('ConcludePetitionCase (办结, ORD-PET-6)', () => {
  const conclude = {
    type: 'ConcludePetitionCase',
    result: '  经调查核实，反映问题属实，已责令整改到位。 ',
    publication: { channel: '牡丹江日报', publishedOn: '2024-03-15', reference: '第3版' },
  } as const;

  it('ends the case (已办结) with its result and where it was made public', () => {
    spec
      .given([...petitionInProgress, findingReported('TRUE'), followUpVisited])
      .when(conclude, by(supervision))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'PetitionCaseConcluded',
            data: {
              result: '经调查核实，反映问题属实，已责令整改到位。',
              publication: { channel: '牡丹江日报', publishedOn: '2024-03-15', reference: '第3版' },
              concludedOn: TODAY,
              concludedBy: supervision.userId,
              finding: 'TRUE',
              followUpVisits: 1,
              occurredAt: T,
            },
          },
        ]);
        expect(state).toMatchObject({ status: 'CLOSED', closedOn: TODAY });
        expect(orderStatusLabel(state)).toBe('已办结');
        expect(state.petition?.conclusion).toMatchObject({ concludedOn: TODAY, publication: { channel: '牡丹江日报' } });
      });
  });

  it('needs the investigation report (调查核实情况报告) first', () => {
    spec
      .given([...petitionInProgress, followUpVisited])
      .when(conclude, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'PETITION_FINDING_REQUIRED' });
  });

  it('needs a follow-up visit', () => {
    spec
      .given([...petitionInProgress, findingReported('TRUE')])
      .when(conclude, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'FOLLOW_UP_VISIT_REQUIRED' });
  });

  it('needs the second check of an untrue finding', () => {
    const error = spec
      .given([...petitionInProgress, findingReported('UNTRUE'), followUpVisited])
      .when(conclude, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'SECOND_CHECK_REQUIRED' });
    expect(error.detail).toContain('不属实');
    spec
      .given([...petitionInProgress, findingReported('UNTRUE'), secondCheckConfirmed, followUpVisited])
      .when(conclude, by(supervision))
      .thenState((state) => expect(state.status).toBe('CLOSED'));
  });

  it('needs every measure done, unless the remaining work went to another order (阶段性办结)', () => {
    const withMeasure = {
      ...petitionIssued,
      data: {
        ...(petitionIssued.data as Extract<Event, { type: 'OrderIssued' }>['data']),
        measures: [{ measureId: 'm1', description: '清运粪污', dueDate: '2024-03-30' }],
      },
    } as Event;
    const given = [withMeasure, ...petitionInProgress.slice(1), findingReported('TRUE'), followUpVisited];
    const error = spec.given(given).when(conclude, by(supervision)).thenThrows({ kind: 'conflict', code: 'MEASURES_OUTSTANDING' });
    expect(error.rule).toBe('ORD-PET-6');
    const staged: Event = {
      type: 'PetitionConcludedInStages',
      data: { linkedOrderId: 'o-1', linkedOrderDeadline: '2024-06-30', summary: '纳入o-1', concludedOn: TODAY, occurredAt: T },
    };
    spec
      .given([...given, staged])
      .when(conclude, by(supervision))
      .thenState((state) => expect(state.status).toBe('CLOSED'));
  });

  it('refuses a publication date in the future or before the case was forwarded', () => {
    const given = [...petitionInProgress, findingReported('TRUE'), followUpVisited];
    spec
      .given(given)
      .when({ ...conclude, publication: { ...conclude.publication, publishedOn: '2024-03-16' } }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'DATE_IN_FUTURE' });
    spec
      .given(given)
      .when({ ...conclude, publication: { ...conclude.publication, publishedOn: '2024-03-01' } }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'PUBLISHED_BEFORE_FORWARDING' });
  });

  it('is the supervision office’s, for petition cases only, once', () => {
    spec
      .given([...petitionInProgress, findingReported('TRUE'), followUpVisited])
      .when(conclude, by(waterBureau))
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
    spec.given(inProgress).when(conclude, by(supervision)).thenThrows({ kind: 'conflict', code: 'NOT_A_PETITION_CASE' });
    spec
      .given([...petitionInProgress, findingReported('TRUE'), followUpVisited, petitionConcluded])
      .when(conclude, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('a reopening voids the conclusion; visits may continue after it', () => {
    const concluded = [...petitionInProgress, findingReported('TRUE'), followUpVisited, petitionConcluded];
    spec
      .given(concluded)
      .when({ type: 'RecordFollowUpVisit', visitId: 'v-2', visitedOn: TODAY, summary: '再次回访', satisfied: true }, by(supervision))
      .thenState((state) => expect(state.petition?.followUpVisits).toHaveLength(2));
    spec
      .given(concluded)
      .when({ type: 'ReopenOrder', reason: '回头看发现反弹', newDeadline: null }, by(leadership))
      .thenState((state) => expect(state).toMatchObject({ status: 'REOPENED', petition: { conclusion: null } }));
  });
});

describe('ConcludeInStages', () => {
  const command = {
    type: 'ConcludeInStages',
    linkedOrderId: 'o-1',
    linkedOrderDeadline: '2024-06-30',
    summary: '粪污治理纳入整改任务o-1，阶段性办结',
  } as const;

  it('concludes in stages when linked to an order with a deadline', () => {
    spec
      .given([...petitionInProgress, findingReported('TRUE')])
      .when(command, by(supervision))
      .then([
        {
          type: 'PetitionConcludedInStages',
          data: {
            linkedOrderId: 'o-1',
            linkedOrderDeadline: '2024-06-30',
            summary: '粪污治理纳入整改任务o-1，阶段性办结',
            concludedOn: TODAY,
            occurredAt: T,
          },
        },
      ]);
  });

  it('records the link without changing the order status', () => {
    spec
      .given([...petitionInProgress, findingReported('TRUE')])
      .when(command, by(supervision))
      .thenState((state) => {
        expect(state.status).toBe('IN_PROGRESS');
        expect(state.petition?.stagedConclusion).toMatchObject({ linkedOrderId: 'o-1', concludedOn: TODAY });
      });
  });

  it('refuses a linked order without a deadline', () => {
    spec
      .given([...petitionInProgress, findingReported('TRUE')])
      .when({ ...command, linkedOrderDeadline: null }, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'LINKED_ORDER_WITHOUT_DEADLINE' });
  });

  it('refuses a link to the case itself', () => {
    spec
      .given([...petitionInProgress, findingReported('TRUE')])
      .when({ ...command, linkedOrderId: 'o-petition' }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'LINKED_ORDER_IS_SELF' });
  });

  it('refuses before the finding is reported', () => {
    spec.given(petitionInProgress).when(command, by(supervision)).thenThrows({ kind: 'conflict', code: 'PETITION_FINDING_REQUIRED' });
  });

  it('refuses a case already concluded in stages', () => {
    const concluded: Event = {
      type: 'PetitionConcludedInStages',
      data: { linkedOrderId: 'o-1', linkedOrderDeadline: '2024-06-30', summary: '阶段性办结', concludedOn: '2024-03-14', occurredAt: T },
    };
    spec
      .given([...petitionInProgress, findingReported('TRUE'), concluded])
      .when(command, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'ALREADY_CONCLUDED_IN_STAGES' });
  });

  it('refuses an order that is not a petition case', () => {
    spec.given(inProgress).when(command, by(supervision)).thenThrows({ kind: 'conflict', code: 'NOT_A_PETITION_CASE' });
  });

  it('refuses a project-lead', () => {
    spec
      .given([...petitionInProgress, findingReported('TRUE')])
      .when(command)
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('RecordFollowUpVisit', () => {
  const command = {
    type: 'RecordFollowUpVisit',
    visitId: 'v-1',
    visitedOn: '2024-03-14',
    summary: '回访信访人，对处理结果表示满意',
    satisfied: true,
  } as const;

  it('records a follow-up visit', () => {
    spec
      .given([...petitionInProgress, findingReported('TRUE')])
      .when(command)
      .then([
        {
          type: 'FollowUpVisitRecorded',
          data: { visitId: 'v-1', visitedOn: '2024-03-14', summary: '回访信访人，对处理结果表示满意', satisfied: true, occurredAt: T },
        },
      ]);
  });

  it('records a visit after the case is closed, by the supervision office', () => {
    spec
      .given([...petitionInNotice(findingReported('TRUE')), closed])
      .when({ ...command, satisfied: null }, by(supervision))
      .thenState((state) => expect(state.petition?.followUpVisits).toEqual([expect.objectContaining({ visitId: 'v-1', satisfied: null })]));
  });

  it('refuses a visit id already used', () => {
    const visited: Event = {
      type: 'FollowUpVisitRecorded',
      data: { visitId: 'v-1', visitedOn: '2024-03-12', summary: '回访', satisfied: false, occurredAt: T },
    };
    spec
      .given([...petitionInProgress, findingReported('TRUE'), visited])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'VISIT_ALREADY_RECORDED' });
  });

  it('refuses a visit before the case was forwarded', () => {
    spec
      .given([...petitionInProgress, findingReported('TRUE')])
      .when({ ...command, visitedOn: '2024-03-09' })
      .thenThrows({ kind: 'invalid', code: 'VISIT_BEFORE_FORWARDING' });
  });

  it('refuses a visit dated in the future', () => {
    spec
      .given([...petitionInProgress, findingReported('TRUE')])
      .when({ ...command, visitedOn: '2024-03-16' })
      .thenThrows({ kind: 'invalid', code: 'DATE_IN_FUTURE' });
  });

  it('refuses before the finding is reported', () => {
    spec.given(petitionInProgress).when(command).thenThrows({ kind: 'conflict', code: 'PETITION_FINDING_REQUIRED' });
  });

  it('refuses an order that is not a petition case', () => {
    spec.given(inProgress).when(command).thenThrows({ kind: 'conflict', code: 'NOT_A_PETITION_CASE' });
  });

  it('refuses a cooperating department', () => {
    spec
      .given([...petitionInProgress, findingReported('TRUE')])
      .when(command, by(housingBureau))
      .thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });
});
