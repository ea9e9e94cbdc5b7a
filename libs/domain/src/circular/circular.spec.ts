import { actor, at, context, DeciderSpecification } from '../testing/decider-spec';
import { authorizeCircularCommand, circularDecider, type IssueCircular } from './circular';

const leader = actor({ roles: ['leadership'], userId: 'leader-1', displayName: '李组长' });
const now = at('2025-09-26 10:00');
const spec = DeciderSpecification(circularDecider, context(now, leader));

const onDepartment: IssueCircular = {
  type: 'IssueCircular',
  circularId: 'c-1',
  subject: { type: 'DEPARTMENT', department: 'ning-an-city' },
  documentNumber: ' 牡整改办通〔2025〕7号 ',
  title: '关于宁安市整改工作滞后的通报',
  text: '宁安市多项整改任务逾期，现予以通报。',
};

describe('IssueCircular (通报)', () => {
  it('issues a circular on a department, dated by the Shanghai calendar', () => {
    spec
      .given([])
      .when(onDepartment)
      .thenState((state) =>
        expect(state.circular).toMatchObject({ documentNumber: '牡整改办通〔2025〕7号', issuedOn: '2025-09-26', issuedBy: 'leader-1' }),
      );
  });

  it('issues once', () => {
    const [issued] = circularDecider.decide(onDepartment, circularDecider.initialState(), context(now, leader));
    spec.given([issued]).when(onDepartment).thenThrows({ kind: 'conflict', code: 'CIRCULAR_ALREADY_ISSUED' });
  });

  it('refuses an unknown department and an empty text', () => {
    spec
      .given([])
      .when({ ...onDepartment, subject: { type: 'DEPARTMENT', department: 'nowhere' } })
      .thenThrows({ kind: 'invalid', code: 'UNKNOWN_DEPARTMENT' });
    spec
      .given([])
      .when({ ...onDepartment, text: '  ' })
      .thenThrows({ kind: 'invalid', code: 'TEXT_REQUIRED' });
  });

  it('is leadership’s', () => {
    const office = actor({ roles: ['supervision-office'] });
    expect(() => authorizeCircularCommand(onDepartment, circularDecider.initialState(), office)).toThrow(/leadership/);
  });
});
