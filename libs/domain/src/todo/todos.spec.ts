import { escalationMessages, orderMessages, recipientsOf, reminderMessages } from '../message/messages';
import { orderReminderSubject, reminderDecider, type SendReminder } from '../reminder/reminder';
import { rectificationOrderDecider } from '../rectification-order/rectification-order.decider';
import {
  acceptanceRequested,
  assigned,
  extensionRequested,
  housingBureau,
  inProgress,
  issued,
  leadership,
  measureDone,
  supervision,
  waterBureau,
} from '../rectification-order/rectification-order.fixtures';
import type { RectificationOrderEvent } from '../rectification-order/rectification-order.events';
import { defaultDomainConfig } from '../shared/decider';
import type { Actor } from '../shared/actor';
import { orderTodos } from './todos';

const fold = (events: RectificationOrderEvent[]) =>
  events.reduce(rectificationOrderDecider.evolve, rectificationOrderDecider.initialState());
const now = new Date('2024-02-01T02:00:00Z');
const todosOf = (events: RectificationOrderEvent[], actor: Actor) =>
  orderTodos(fold(events), { actor, now, config: defaultDomainConfig }).map((t) => t.command);

describe('order to-dos (TODO-WAIT-1, TODO-SETTLE-1)', () => {
  it('an issued order waits on the office’s 交办, then on the lead department’s start, and on no one once started', () => {
    expect(todosOf([issued], supervision)).toEqual(['AssignOrder']);
    expect(todosOf([issued], waterBureau)).toEqual([]);
    expect(todosOf([issued, assigned], supervision)).toEqual([]);
    expect(todosOf([issued, assigned], waterBureau)).toEqual(['StartRectification']);
    // A cooperating department answers for nothing here.
    expect(todosOf([issued, assigned], housingBureau)).toEqual([]);
    expect(todosOf(inProgress, waterBureau)).toEqual([]);
  });

  it('a pending extension waits on leadership; acceptance requested waits on the office', () => {
    expect(todosOf([...inProgress, extensionRequested], leadership)).toEqual(['ApproveExtension']);
    expect(todosOf([...inProgress, measureDone('m1'), measureDone('m2'), acceptanceRequested], supervision)).toEqual([
      'RecordAcceptancePassed',
    ]);
  });
});

describe('messages (MSG-TO-1)', () => {
  it('reach a project lead through its department and others through their roles', () => {
    expect(recipientsOf(waterBureau).sort()).toEqual(['department:市水务局', 'role:project-lead']);
    expect(recipientsOf(leadership)).toEqual(['role:leadership']);
  });

  it('tell the lead department of an approved extension, and a red escalation also the office and leadership', () => {
    const state = fold([...inProgress, extensionRequested]);
    const approved = orderMessages(
      { type: 'ExtensionApproved', data: { previousDeadline: '2024-06-30', newDeadline: '2024-09-30' } },
      state,
    );
    expect(approved).toEqual([expect.objectContaining({ kind: 'APPROVED', recipients: ['department:市水务局'] })]);
    const esc = {
      status: 'OPEN',
      level: 2,
      department: '市水务局',
      subjectType: 'RECTIFICATION_ORDER',
      subjectId: 'o-1',
      escalationId: 'e-1',
      subjectCode: '第二轮中央督察-12',
      subjectName: '海浪河部分河段生活污水直排。',
      itemName: '整改时限',
      dueDate: '2024-06-30',
      actions: [],
    };
    const raised = escalationMessages({ type: 'EscalationRaised', data: {} }, esc as never);
    expect(raised[0].recipients).toEqual(['department:市水务局', 'role:supervision-office', 'role:leadership']);
    // No full stop of a name inside the sentence.
    expect(raised[0].body).toBe('海浪河部分河段生活污水直排（第二轮中央督察-12）：“整改时限”期限 2024-06-30。');
    const notice = escalationMessages({ type: 'EscalationRaised', data: {} }, { ...esc, level: 0 } as never);
    expect(notice[0].recipients).toEqual(['department:市水务局']);
  });
});

describe('催办 (REM-SEND-1)', () => {
  const send = (subject: SendReminder['subject'], text = '请尽快办理。') =>
    reminderDecider.decide(
      { type: 'SendReminder', reminderId: 'r-1', subjectType: 'RECTIFICATION_ORDER', subjectId: 'o-1', text, subject },
      reminderDecider.initialState(),
      { actor: leadership, now, config: defaultDomainConfig },
    );

  it('goes to the lead department of an open order', () => {
    const [event] = send(orderReminderSubject(fold([issued, assigned])));
    expect(event.data).toMatchObject({ department: '市水务局', text: '请尽快办理。', sentBy: 'u-leader', sentOn: '2024-02-01' });
    expect(reminderMessages(event)[0].recipients).toEqual(['department:市水务局']);
  });

  it('is refused for an unknown, unassigned or empty one', () => {
    expect(() => send(null)).toThrow(expect.objectContaining({ code: 'SUBJECT_NOT_FOUND' }));
    expect(() => send(orderReminderSubject(fold([issued])))).toThrow(expect.objectContaining({ code: 'SUBJECT_NOT_ASSIGNED' }));
    expect(() => send(orderReminderSubject(fold([issued, assigned])), '  ')).toThrow(expect.objectContaining({ code: 'TEXT_REQUIRED' }));
  });
});
