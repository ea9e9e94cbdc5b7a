import { actor, at, context, DeciderSpecification } from '../testing/decider-spec';
import { escalationId } from './escalation-id';
import type { RaiseEscalation } from './escalation.commands';
import { authorizeEscalationCommand, escalationDecider } from './escalation.decider';
import type { EscalationEvent, EscalationRaised } from './escalation.events';

const leader = actor({ roles: ['leadership'], userId: 'leader-1', displayName: '李组长' });
const office = actor({ roles: ['supervision-office'], userId: 'office-1', displayName: '督查办王' });
const lead = actor({ roles: ['project-lead'], department: 'ning-an-city' });
const now = at('2024-07-05 09:30');
const spec = DeciderSpecification(escalationDecider, context(now, leader));

const raise: RaiseEscalation = {
  type: 'RaiseEscalation',
  escalationId: 'e-1',
  level: 2,
  trigger: 'red',
  subjectType: 'RECTIFICATION_ORDER',
  subjectId: 'o-1',
  subjectCode: '中央督察-01',
  subjectName: '镜泊湖流域生活污水直排',
  itemKind: 'ORDER_DEADLINE',
  itemId: 'deadline',
  itemName: '整改时限',
  department: 'ning-an-city',
  responsiblePerson: '宁安市市长',
  dueDate: '2024-06-30',
  originalDueDate: '2024-06-30',
};
const { type: _t, ...raisedData } = raise;
const raised: EscalationRaised = {
  type: 'EscalationRaised',
  data: { ...raisedData, raisedOn: '2024-07-05', occurredAt: now.toISOString() },
};
const by = { by: 'leader-1', byName: '李组长', occurredAt: now.toISOString() };
const resolved: EscalationEvent = {
  type: 'EscalationResolved',
  data: { reason: 'COMPLETED', note: '已申请验收', resolvedOn: '2024-07-05', occurredAt: now.toISOString() },
};

describe('escalation decider', () => {
  it('raises a new escalation, dated by the Shanghai calendar', () => {
    spec.given([]).when(raise).then([raised]);
  });

  it('raises on the Shanghai date even when UTC is still the day before', () => {
    spec
      .given([])
      .when(raise, { now: new Date('2024-07-04T16:00:00Z') })
      .thenState((s) => expect(s.raisedOn).toBe('2024-07-05'));
  });

  it('refuses to raise the same escalation twice', () => {
    spec.given([raised]).when(raise).thenThrows({ kind: 'conflict', code: 'ESCALATION_ALREADY_RAISED' });
  });

  it('records an acknowledgement once', () => {
    spec
      .given([raised])
      .when({ type: 'AcknowledgeEscalation', note: ' 已阅，请抓紧 ' })
      .then([{ type: 'EscalationAcknowledged', data: { note: '已阅，请抓紧', ...by } }]);
    spec
      .given([raised, { type: 'EscalationAcknowledged', data: { note: null, ...by } }])
      .when({ type: 'AcknowledgeEscalation', note: null })
      .thenThrows({ kind: 'conflict', code: 'ESCALATION_ALREADY_ACKNOWLEDGED' });
  });

  it('records an instruction (批示) with its text', () => {
    spec
      .given([raised])
      .when({ type: 'InstructOnEscalation', text: '请宁安市一周内报送整改方案。' })
      .then([{ type: 'LeadershipInstructed', data: { text: '请宁安市一周内报送整改方案。', ...by } }]);
  });

  it('refuses an empty instruction', () => {
    spec.given([raised]).when({ type: 'InstructOnEscalation', text: '  ' }).thenThrows({ kind: 'invalid', code: 'TEXT_REQUIRED' });
  });

  it('issues a supervision notice (督办单)', () => {
    spec
      .given([raised])
      .when({ type: 'IssueSupervisionNotice', noticeNumber: '牡督〔2024〕3号', text: '限期整改' })
      .then([{ type: 'SupervisionNoticeIssued', data: { noticeNumber: '牡督〔2024〕3号', text: '限期整改', ...by } }]);
  });

  it('summons (约谈) with a date and an attendee', () => {
    spec
      .given([raised])
      .when({ type: 'SummonResponsibleLeader', date: '2024-07-10', attendee: '宁安市市长', place: null, note: null })
      .thenState((s) => {
        expect(s.actions).toHaveLength(1);
        expect(s.actions[0]).toMatchObject({ type: 'SummonsIssued', by: 'leader-1', text: '约谈 宁安市市长，时间 2024-07-10' });
      });
    spec
      .given([raised])
      .when({ type: 'SummonResponsibleLeader', date: '2024-02-30', attendee: '市长', place: null, note: null })
      .thenThrows({ kind: 'invalid', code: 'INVALID_DATE' });
  });

  it('refers for accountability, even after the escalation was resolved', () => {
    spec
      .given([raised, resolved])
      .when({ type: 'ReferForAccountability', reason: '逾期未整改' })
      .then([{ type: 'AccountabilityReferred', data: { reason: '逾期未整改', ...by } }]);
  });

  it('refuses other actions on a resolved escalation', () => {
    spec
      .given([raised, resolved])
      .when({ type: 'InstructOnEscalation', text: '继续跟踪' })
      .thenThrows({ kind: 'conflict', code: 'ESCALATION_NOT_OPEN' });
  });

  it('resolves once, with the recorded reason', () => {
    spec
      .given([raised])
      .when({ type: 'ResolveEscalation', reason: 'COMPLETED', note: '已申请验收' })
      .thenState((s) => {
        expect(s.status).toBe('RESOLVED');
        expect(s.resolution).toEqual({ reason: 'COMPLETED', note: '已申请验收' });
      });
    spec
      .given([raised, resolved])
      .when({ type: 'ResolveEscalation', reason: 'COMPLETED', note: 'again' })
      .thenThrows({ kind: 'conflict', code: 'ESCALATION_NOT_OPEN' });
  });
});

describe('authorizeEscalationCommand', () => {
  const state = escalationDecider.initialState();
  it('lets leadership do everything a human may do', () => {
    for (const type of ['AcknowledgeEscalation', 'InstructOnEscalation', 'SummonResponsibleLeader', 'ReferForAccountability'] as const) {
      expect(() => authorizeEscalationCommand({ type } as never, state, leader)).not.toThrow();
    }
  });
  it('lets the supervision office acknowledge and issue notices only', () => {
    expect(() => authorizeEscalationCommand({ type: 'IssueSupervisionNotice' } as never, state, office)).not.toThrow();
    expect(() => authorizeEscalationCommand({ type: 'InstructOnEscalation' } as never, state, office)).toThrow(/needs one of the roles/);
  });
  it('lets no human raise or resolve, and no project-lead act', () => {
    expect(() => authorizeEscalationCommand(raise, state, leader)).toThrow(/scheduler only/);
    expect(() => authorizeEscalationCommand({ type: 'AcknowledgeEscalation', note: null }, state, lead)).toThrow();
  });
});

describe('escalationId', () => {
  const key = {
    subjectStreamId: 'rectification-order-o-1',
    kind: 'ORDER_DEADLINE',
    itemId: 'deadline',
    dueDate: '2024-06-30',
    trigger: 'red',
  };
  it('is a stable UUID of the subject, item, due date and trigger', () => {
    expect(escalationId(key)).toBe(escalationId({ ...key }));
    expect(escalationId(key)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('differs when the due date moves (an extension) or the trigger changes', () => {
    expect(escalationId({ ...key, dueDate: '2024-08-31' })).not.toBe(escalationId(key));
    expect(escalationId({ ...key, trigger: 'listed' })).not.toBe(escalationId(key));
  });
});
