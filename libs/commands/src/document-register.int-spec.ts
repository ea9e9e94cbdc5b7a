import { documentRegisterId, type Actor, defaultDomainConfig } from '@app/domain';
import { CreateEventStore1764300000000, EventTypeRegistry, PostgresEventStore } from '@app/event-store';
import { FixedClock } from '@app/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { documentRegisters } from './aggregates';
import { CommandExecutor, type RetryPolicy } from './command-executor';
import { ConcurrencyExhausted } from './command-errors';

/**
 * The 文号 register on real PostgreSQL: writers in two processes (each its own locks and cache, on the
 * same log) take numbers at once; every number is given once and none is skipped.
 */

const leader: Actor = { userId: 'leader', displayName: '领导小组', roles: ['leadership'], department: null };
// Enough attempts that a writer losing races to the other process still gets its number; the pauses
// are random so the two processes do not collide in step.
const patient: RetryPolicy = { attempts: 100, delayMs: () => Math.random() * 5 };

let db: TestDatabase;
let store: PostgresEventStore;
const clock = new FixedClock(new Date('2026-03-05T02:00:00Z'));

beforeAll(async () => {
  db = await createTestDatabase([CreateEventStore1764300000000], 20);
  store = new PostgresEventStore(db.pool, new EventTypeRegistry().register('DocumentNumberAllocated'));
});
afterAll(() => db.drop());

const processes = () => [0, 1].map(() => new CommandExecutor({ store, clock, domainConfig: defaultDomainConfig, retry: patient }));

function allocate(executor: CommandExecutor, registerId: string, subjectKey: string) {
  return executor.execute(
    documentRegisters,
    registerId,
    { type: 'NumberOverdueCircular', year: 2026, subjectKey, title: `通报 ${subjectKey}`, content: {} },
    { actor: leader },
  );
}

it('allocates 1…N without gap or duplicate when two processes number 40 documents at once', async () => {
  const registerId = documentRegisterId('OVERDUE_CIRCULAR', 2026);
  const [a, b] = processes();
  const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => allocate(i % 2 ? a : b, registerId, `period:${i}`)));
  const refused = results.filter((r) => r.status === 'rejected');
  expect(refused.map((r) => (r as PromiseRejectedResult).reason).filter((e) => !(e instanceof ConcurrencyExhausted))).toEqual([]);
  expect(refused).toEqual([]);

  const events = await store.readStream(`document-register-${registerId}`);
  const numbers = events.map((e) => e.data.sequence as number);
  expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  expect(new Set(events.map((e) => e.data.documentNumber)).size).toBe(40);
  expect(new Set(events.map((e) => e.data.subjectKey)).size).toBe(40);
  expect(events[39].data.documentNumber).toBe('牡生态通〔2026〕40号');
});

it('gives a subject asked for twice at once one number, and the next subject the next number', async () => {
  const registerId = documentRegisterId('ASSESSMENT_RESULT', 2026);
  const [a, b] = processes();
  const both = await Promise.allSettled([
    a.execute(
      documentRegisters,
      registerId,
      { type: 'NumberAssessmentResult', year: 2026, subjectKey: 'assessment:2025', title: '考核结果', content: {} },
      { actor: leader },
    ),
    b.execute(
      documentRegisters,
      registerId,
      { type: 'NumberAssessmentResult', year: 2026, subjectKey: 'assessment:2025', title: '考核结果', content: {} },
      { actor: leader },
    ),
  ]);
  expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  const refusal = (both.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
  expect(refusal).toMatchObject({ code: 'DOCUMENT_ALREADY_NUMBERED', rule: 'DOC-NUM-2' });
  await b.execute(
    documentRegisters,
    registerId,
    { type: 'NumberAssessmentResult', year: 2026, subjectKey: 'assessment:2026', title: '考核结果', content: {} },
    { actor: leader },
  );
  const events = await store.readStream(`document-register-${registerId}`);
  expect(events.map((e) => [e.data.sequence, e.data.subjectKey])).toEqual([
    [1, 'assessment:2025'],
    [2, 'assessment:2026'],
  ]);
});
