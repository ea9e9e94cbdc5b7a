import { defaultDomainConfig } from '../shared/decider';
import { actor } from '../testing/decider-spec';
import { DomainError } from '../shared/errors';
import {
  authorizeDocumentRegisterCommand,
  documentNumber,
  documentRegisterDecider,
  documentRegisterId,
  parseDocumentRegisterId,
  type DocumentRegisterCommand,
  type DocumentRegisterState,
} from './document-register';

const now = new Date('2026-03-05T02:00:00Z');
const ctx = { now, actor: actor({ roles: ['leadership'] }), config: defaultDomainConfig };
const command = (subjectKey: string, year = 2026): DocumentRegisterCommand => ({
  type: 'NumberOverdueCircular',
  year,
  subjectKey,
  title: '关于一季度规划任务逾期情况的通报',
  content: { items: 3 },
});

function fold(commands: DocumentRegisterCommand[]): DocumentRegisterState {
  return commands.reduce((state, c) => {
    const events = documentRegisterDecider.decide(c, state, ctx);
    return events.reduce(documentRegisterDecider.evolve, state);
  }, documentRegisterDecider.initialState());
}

function refusal(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return `${error.kind} ${error.code} ${error.rule ?? ''}`.trim();
  }
}

describe('文号 register', () => {
  it('numbers 1, 2, 3 in the 公文 form', () => {
    const state = fold([command('a'), command('b'), command('c')]);
    expect(state.allocations.map((a) => a.documentNumber)).toEqual(['牡生态通〔2026〕1号', '牡生态通〔2026〕2号', '牡生态通〔2026〕3号']);
    expect(state.allocations[0]).toMatchObject({ kind: 'OVERDUE_CIRCULAR', year: 2026, issuedOn: '2026-03-05', subjectKey: 'a' });
  });

  it('DOC-NUM-2: gives a subject one number only', () => {
    const state = fold([command('a')]);
    expect(refusal(() => documentRegisterDecider.decide(command('a'), state, ctx))).toBe('conflict DOCUMENT_ALREADY_NUMBERED DOC-NUM-2');
  });

  it('DOC-NUM-1: numbers only into the register of the year of issue (Asia/Shanghai)', () => {
    expect(refusal(() => documentRegisterDecider.decide(command('a', 2025), documentRegisterDecider.initialState(), ctx))).toBe(
      'invalid REGISTER_YEAR_MISMATCH DOC-NUM-1',
    );
    // 2025-12-31 16:30 UTC is already 2026-01-01 in Shanghai.
    const newYear = { ...ctx, now: new Date('2025-12-31T16:30:00Z') };
    expect(documentRegisterDecider.decide(command('a', 2026), documentRegisterDecider.initialState(), newYear)[0].data.documentNumber).toBe(
      '牡生态通〔2026〕1号',
    );
  });

  it('DOC-AUTH-1: 督办通报 is leadership’s, 销号审批表 the supervision office’s', () => {
    const state = documentRegisterDecider.initialState();
    expect(refusal(() => authorizeDocumentRegisterCommand(command('a'), state, actor({ roles: ['supervision-office'] })))).toBe(
      'forbidden ROLE_NOT_PERMITTED DOC-AUTH-1',
    );
    const closure = { ...command('a'), type: 'NumberClosureApproval' as const };
    expect(refusal(() => authorizeDocumentRegisterCommand(closure, state, actor({ roles: ['supervision-office'] })))).toBeNull();
    expect(refusal(() => authorizeDocumentRegisterCommand(closure, state, actor({ roles: ['integrator'] })))).toBe(
      'forbidden ROLE_NOT_PERMITTED DOC-AUTH-1',
    );
  });

  it('names registers without a dash, so they share one stream category', () => {
    expect(documentRegisterId('SUPERVISION_NOTICE', 2026)).toBe('notice2026');
    expect(parseDocumentRegisterId('notice2026')).toEqual({ kind: 'SUPERVISION_NOTICE', year: 2026 });
    expect(parseDocumentRegisterId('unknown2026')).toBeNull();
    expect(documentNumber('CLOSURE_APPROVAL', 2025, 12)).toBe('牡整改销〔2025〕12号');
  });
});
