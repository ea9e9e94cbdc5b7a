import { actor, at, context, DeciderSpecification } from '../testing/decider-spec';
import { rectificationOrderDecider } from '../rectification-order/rectification-order.decider';
import { issueCommand, supervision, waterBureau, housingBureau, leadership } from '../rectification-order/rectification-order.fixtures';
import {
  orderStateFor,
  mayReadOrderContent,
  petitionTextScope,
  RESTRICTED_CONTENT,
} from '../rectification-order/rectification-order.reading';
import { initialRectificationOrderState } from '../rectification-order/rectification-order.state';
import { authorizePersonalDataCommand, personalDataDecider, type ErasePersonalData } from './personal-data';
import { deadlineItemsOfOrder } from '../escalation/deadline-items';
import { defaultEscalationThresholds } from '../escalation/escalation.thresholds';
import { isPersonalRef, personalFromColumn, personalToColumn, samePersonalText } from '../shared/personal-data';

const NOW = at('2024-03-15 10:00');
const admin = actor({ userId: 'u-admin', roles: ['admin'] });
const erase: ErasePersonalData = {
  type: 'ErasePersonalData',
  subjectId: '5f0c5a8e-1111-4222-8333-444455556666',
  kind: 'PETITIONER',
  orderId: null,
  reason: '信访人申请删除',
};

describe('ErasePersonalData (PD-ERASE-1, PD-AUTH-1)', () => {
  const spec = DeciderSpecification(personalDataDecider, context(NOW, admin));

  it('records who erased the subject, when and why, and no personal data', () => {
    spec
      .given([])
      .when(erase)
      .thenState((state, [event]) => {
        expect(event).toEqual({
          type: 'PersonalDataErased',
          data: {
            subjectId: erase.subjectId,
            kind: 'PETITIONER',
            orderId: null,
            reason: '信访人申请删除',
            erasedOn: '2024-03-15',
            erasedBy: 'u-admin',
            occurredAt: NOW.toISOString(),
          },
        });
        expect(state.erased?.erasedOn).toBe('2024-03-15');
      });
  });

  it('erases a subject once', () => {
    const [event] = personalDataDecider.decide(erase, personalDataDecider.initialState(), context(NOW, admin));
    spec.given([event]).when(erase).thenThrows({ kind: 'conflict', code: 'PERSONAL_DATA_ALREADY_ERASED' });
  });

  it('needs a reason', () => {
    spec
      .given([])
      .when({ ...erase, reason: '  ' })
      .thenThrows({ kind: 'invalid', code: 'TEXT_REQUIRED' });
  });

  it('is for leadership and the administrator only', () => {
    const state = personalDataDecider.initialState();
    expect(() => authorizePersonalDataCommand(erase, state, leadership)).not.toThrow();
    expect(() => authorizePersonalDataCommand(erase, state, admin)).not.toThrow();
    expect(() => authorizePersonalDataCommand(erase, state, supervision)).toThrow(expect.objectContaining({ code: 'ROLE_NOT_PERMITTED' }));
  });
});

describe('a petitioner in the log (ORD-PII-1)', () => {
  const spec = DeciderSpecification(rectificationOrderDecider, context(NOW, supervision));
  const petition = (petitioner: unknown) => ({
    ...issueCommand,
    orderId: 'o-pii',
    source: 'PETITION' as const,
    measures: [],
    petition: { forwardedOn: '2024-03-10', caseNumber: 'D2024-031', petitioner: petitioner as never },
  });

  it('keeps the references', () => {
    const petitioner = { name: { pii: 'a' }, contact: { pii: 'b' }, address: null };
    spec
      .given([])
      .when(petition(petitioner))
      .thenState((state, [event]) => {
        expect(event.data).toMatchObject({ petition: { petitioner } });
        expect(state.petition?.petitioner).toEqual(petitioner);
      });
  });

  it.each([
    ['a name in plain text', { name: '张三', contact: null, address: null }],
    ['a phone number in plain text', { name: { pii: 'a' }, contact: '13800138000', address: null }],
    ['no name', { name: null, contact: { pii: 'b' }, address: null }],
  ])('refuses %s', (_, petitioner) => {
    spec.given([]).when(petition(petitioner)).thenThrows({ kind: 'invalid', code: 'PERSONAL_DATA_NOT_PROTECTED' });
  });
});

describe('reading a petition case (ORD-READ-1)', () => {
  const petitionCase = {
    ...initialRectificationOrderState(),
    status: 'IN_PROGRESS' as const,
    orderId: 'o-1',
    code: 'XF-1',
    source: 'PETITION' as const,
    finding: '群众反映某厂夜间排放异味',
    leadDepartment: '市水务局',
    responsiblePerson: { pii: 'r' },
    petition: {
      forwardedOn: '2024-03-10',
      caseNumber: 'D2024-031',
      reportDueOn: '2024-03-19',
      petitioner: { name: { pii: 'a' }, contact: null, address: null },
      finding: 'TRUE' as const,
      findingSummary: '属实',
      findingReportedOn: '2024-03-12',
      findingReportedLate: false,
      secondCheck: null,
      stagedConclusion: null,
      followUpVisits: [{ visitId: 'v', visitedOn: '2024-03-14', summary: { pii: 'v' }, satisfied: true }],
    },
  };

  it('is open to the office, leadership and the lead department', () => {
    expect(mayReadOrderContent(supervision, petitionCase)).toBe(true);
    expect(mayReadOrderContent(leadership, petitionCase)).toBe(true);
    expect(mayReadOrderContent(waterBureau, petitionCase)).toBe(true);
    expect(orderStateFor(waterBureau, petitionCase)).toBe(petitionCase);
  });

  it('shows other departments, the integrator and the administrator that the case exists, not what it says', () => {
    for (const reader of [housingBureau, admin, actor({ roles: ['integrator'] })]) {
      const seen = orderStateFor(reader, petitionCase);
      expect(seen).toMatchObject({ code: 'XF-1', status: 'IN_PROGRESS', leadDepartment: '市水务局', finding: RESTRICTED_CONTENT });
      expect(seen.responsiblePerson).toBeNull();
      expect(seen.petition).toMatchObject({ caseNumber: null, petitioner: null, finding: null, findingSummary: null, followUpVisits: [] });
    }
  });

  it('leaves other orders open to every role', () => {
    expect(mayReadOrderContent(housingBureau, { ...petitionCase, source: 'CENTRAL_INSPECTION' })).toBe(true);
  });

  it('names a petition case in deadlines and escalations, which every role reads, by its code only', () => {
    const items = deadlineItemsOfOrder(
      'o-1',
      {
        ...petitionCase,
        currentDeadline: '2024-04-01',
        originalDeadline: '2024-04-01',
        measures: [
          { measureId: 'm1', description: '约谈信访人张三', dueDate: '2024-03-30', status: 'OPEN', completedOn: null, note: null },
        ],
      },
      defaultEscalationThresholds,
    );
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) {
      expect(item.subjectName).toBe('督察转办信访件 XF-1');
      expect(item.itemName).not.toContain('张三');
      expect(item.responsiblePerson).toBeNull();
    }
  });

  it('limits text searches the same way', () => {
    expect(petitionTextScope(supervision)).toBeUndefined();
    expect(petitionTextScope(housingBureau)).toBe('市住建局');
    expect(petitionTextScope(admin)).toBeNull();
  });
});

describe('personal-data references', () => {
  it('are objects with exactly one pii id', () => {
    expect(isPersonalRef({ pii: 'x' })).toBe(true);
    expect(isPersonalRef({ pii: 'x', more: 1 })).toBe(false);
    expect(isPersonalRef('pii:x')).toBe(false);
  });

  it('round-trip through a text column', () => {
    const ref = { pii: '5f0c5a8e-1111-4222-8333-444455556666' };
    expect(personalFromColumn(personalToColumn(ref))).toEqual(ref);
    expect(personalFromColumn(personalToColumn('宁安市市长'))).toBe('宁安市市长');
    expect(personalToColumn(null)).toBeNull();
  });

  it('are the same person when they name the same value', () => {
    expect(samePersonalText({ pii: 'a' }, { pii: 'a' })).toBe(true);
    expect(samePersonalText({ pii: 'a' }, { pii: 'b' })).toBe(false);
    expect(samePersonalText('a', { pii: 'a' })).toBe(false);
    expect(samePersonalText(null, null)).toBe(true);
  });
});
