import { defaultDomainConfig, type Actor, type CommandContext } from '@app/domain';
import { FixedClock } from '@app/platform';
import type { Aggregate } from './aggregates';
import { BatchRefused, ConcurrencyExhausted, StaleVersion, StreamAlreadyExists, StreamNotFound } from './command-errors';
import { CommandExecutor, jitteredRetry, type CommandMeta, type RetryPolicy } from './command-executor';
import { InMemoryEventStore } from './testing/in-memory-event-store';

/* A tally: opened by its owner, counted up, closed and reopened. Small enough to see every decision. */
type TallyState = { status: 'none' | 'open' | 'closed'; owner: string | null; total: number };
type TallyCommand =
  | { type: 'Open'; owner: string }
  | { type: 'Add'; n: number }
  | { type: 'Close' }
  | { type: 'Reopen' }
  | { type: 'Touch' }
  | { type: 'CopyFrom'; sourceId: string; sourceTotal: number | null };
type TallyEvent =
  | { type: 'Opened'; data: { owner: string } }
  | { type: 'Added'; data: { n: number; total: number; at: string } }
  | { type: 'Closed'; data: Record<string, never> }
  | { type: 'Reopened'; data: Record<string, never> };

class Refused extends Error {}
class Forbidden extends Error {}

const decideTally = (command: TallyCommand, state: TallyState, ctx: CommandContext): TallyEvent[] => {
  switch (command.type) {
    case 'Open':
      return [{ type: 'Opened', data: { owner: command.owner } }];
    case 'Add':
      if (state.status !== 'open') throw new Refused(`cannot add to a ${state.status} tally`);
      return [{ type: 'Added', data: { n: command.n, total: state.total + command.n, at: ctx.now.toISOString() } }];
    case 'Close':
      if (state.status !== 'open') throw new Refused('only an open tally closes');
      return [{ type: 'Closed', data: {} }];
    case 'Reopen':
      if (state.status !== 'closed') throw new Refused('only a closed tally reopens');
      return [{ type: 'Reopened', data: {} }];
    case 'Touch':
      return [];
    case 'CopyFrom':
      return [
        {
          type: 'Added',
          data: { n: command.sourceTotal ?? 0, total: state.total + (command.sourceTotal ?? 0), at: ctx.now.toISOString() },
        },
      ];
  }
};

const evolveTally = (state: TallyState, event: TallyEvent): TallyState => {
  switch (event.type) {
    case 'Opened':
      return { ...state, status: 'open', owner: event.data.owner };
    case 'Added':
      return { ...state, total: event.data.total };
    case 'Closed':
      return { ...state, status: 'closed' };
    case 'Reopened':
      return { ...state, status: 'open' };
  }
};

const tallies: Aggregate<TallyState, TallyCommand, TallyEvent> = {
  what: '计数',
  decider: { initialState: () => ({ status: 'none', owner: null, total: 0 }), decide: decideTally, evolve: evolveTally },
  eventTypes: ['Opened', 'Added', 'Closed', 'Reopened'],
  streamId: (id) => `tally-${id}`,
  creates: (command) => command.type === 'Open',
  authorize: (command, state, actor) => {
    if (command.type === 'Close' && state.owner !== actor.userId) throw new Forbidden('only the owner closes');
  },
  roles: () => ['supervision-office'],
  async prepare(command, reader) {
    if (command.type !== 'CopyFrom') return command;
    const source = await reader.read(tallies, command.sourceId);
    return { ...command, sourceTotal: source.version === 0 ? null : source.state.total };
  },
};

const owner: Actor = { userId: 'owner', displayName: '甲', roles: ['supervision-office'], department: null };
const other: Actor = { userId: 'other', displayName: '乙', roles: ['supervision-office'], department: null };
const by = (actor: Actor, extra: Partial<CommandMeta> = {}): CommandMeta => ({ actor, requestId: 'req-1', ...extra });
const noPause: RetryPolicy = { attempts: 3, delayMs: () => 0 };
const config = defaultDomainConfig;

let store: InMemoryEventStore;
let clock: FixedClock;
let executor: CommandExecutor;
/** A second process on the same log: its own cache and locks. */
let otherProcess: CommandExecutor;

beforeEach(() => {
  store = new InMemoryEventStore();
  clock = new FixedClock(new Date('2025-03-01T02:00:00Z'));
  executor = new CommandExecutor({ store, clock, domainConfig: config, retry: noPause });
  otherProcess = new CommandExecutor({ store, clock, domainConfig: config, retry: noPause });
});

const open = (id = 't1', via = executor) => via.execute(tallies, id, { type: 'Open', owner: 'owner' }, by(owner));
const totals = (id = 't1') => store.events(`tally-${id}`).map((e) => (e.type === 'Added' ? e.data.total : e.type));

/** Lets `writer` append to the stream once, after the command under test has read it and before its append is checked. */
function interleaveOnce(writer: () => Promise<unknown>): void {
  store.beforeAppend = async () => {
    store.beforeAppend = null;
    await writer();
  };
}

describe('one command', () => {
  it('creates a stream, appends with the actor, command and request in the metadata, and answers version and position', async () => {
    expect(await open()).toEqual({ id: 't1', version: 1, position: '1' });
    expect(await executor.execute(tallies, 't1', { type: 'Add', n: 2 }, by(owner, { correlationId: 'corr' }))).toEqual({
      id: 't1',
      version: 2,
      position: '2',
    });
    const [opened, added] = store.events('tally-t1');
    expect(opened.metadata).toMatchObject({ actor: owner, command: 'Open', requestId: 'req-1', correlationId: 'req-1' });
    expect(added.metadata).toMatchObject({ command: 'Add', correlationId: 'corr' });
    expect(added.data).toEqual({ n: 2, total: 2, at: '2025-03-01T02:00:00.000Z' });
  });

  it('refuses a command for a stream that does not exist (404) and a second creation (409), writing nothing', async () => {
    await expect(executor.execute(tallies, 'nope', { type: 'Add', n: 1 }, by(owner))).rejects.toBeInstanceOf(StreamNotFound);
    await open();
    await expect(open()).rejects.toBeInstanceOf(StreamAlreadyExists);
    await expect(open('t1', otherProcess)).rejects.toMatchObject({ status: 409, code: 'ALREADY_EXISTS' });
    expect(totals()).toEqual(['Opened']);
  });

  it('authorizes against the current state, and only skips that for the engine’s own commands', async () => {
    await open();
    await expect(executor.execute(tallies, 't1', { type: 'Close' }, by(other))).rejects.toBeInstanceOf(Forbidden);
    expect(totals()).toEqual(['Opened']);
    await executor.execute(tallies, 't1', { type: 'Close' }, by(other, { asSystem: true }));
    expect(totals()).toEqual(['Opened', 'Closed']);
  });

  it('answers a command that changes nothing with the current version, without appending', async () => {
    await open();
    const tried = store.appendsTried;
    expect(await executor.execute(tallies, 't1', { type: 'Touch' }, by(owner))).toEqual({ id: 't1', version: 1, position: '1' });
    expect(store.appendsTried).toBe(tried);
  });

  it('completes a command with facts from another stream before deciding', async () => {
    await open('source');
    await executor.execute(tallies, 'source', { type: 'Add', n: 5 }, by(owner));
    await open('target');
    await executor.execute(tallies, 'target', { type: 'CopyFrom', sourceId: 'source', sourceTotal: null }, by(owner));
    expect(totals('target')).toEqual(['Opened', 5]);
  });
});

describe('If-Match', () => {
  it('refuses a version the stream is not at with 412 and the current version', async () => {
    await open();
    await expect(executor.execute(tallies, 't1', { type: 'Add', n: 1 }, by(owner, { ifMatch: 3 }))).rejects.toMatchObject({
      status: 412,
      extensions: { currentVersion: 1 },
    });
    expect(await executor.execute(tallies, 't1', { type: 'Add', n: 1 }, by(owner, { ifMatch: 1 }))).toMatchObject({ version: 2 });
  });

  it('answers a race lost to another process with 412, never with a retry', async () => {
    await open();
    interleaveOnce(() => otherProcess.execute(tallies, 't1', { type: 'Add', n: 10 }, by(owner)));
    await expect(executor.execute(tallies, 't1', { type: 'Add', n: 1 }, by(owner, { ifMatch: 1 }))).rejects.toBeInstanceOf(StaleVersion);
    expect(totals()).toEqual(['Opened', 10]);
  });
});

describe('a race lost to another process', () => {
  // Whether this process had the stream's state cached (first attempt trusted the cache) or read it
  // from the log (first attempt already verified, so the loss counts as a real retry).
  const starts = [
    ['from a cached state', () => open('t1', executor)],
    ['from a state read from the log', () => open('t1', otherProcess)],
  ] as const;

  it.each(starts)('%s: is decided again on the fresh state, the event carrying what the fresh state gives', async (_, start) => {
    await start();
    interleaveOnce(() => otherProcess.execute(tallies, 't1', { type: 'Add', n: 10 }, by(owner)));
    expect(await executor.execute(tallies, 't1', { type: 'Add', n: 1 }, by(owner))).toMatchObject({ version: 3 });
    expect(totals()).toEqual(['Opened', 10, 11]);
  });

  // The mutation check of the retry: were it to decide again on the state it read before losing
  // (the cached or first-read fold), the Add would be accepted on an open tally and written after
  // the other process's Close, or lose every retry and end in 409. Only a fresh read refuses it.
  it.each(starts)('%s: is refused when the fresh state refuses it, and nothing of it is written', async (_, start) => {
    await start();
    interleaveOnce(() => otherProcess.execute(tallies, 't1', { type: 'Close' }, by(owner)));
    await expect(executor.execute(tallies, 't1', { type: 'Add', n: 1 }, by(owner))).rejects.toThrow(
      new Refused('cannot add to a closed tally'),
    );
    expect(totals()).toEqual(['Opened', 'Closed']);
  });

  it('is retried up to the policy’s attempts, pausing as the policy says, then answered with 409', async () => {
    await open();
    const pauses: number[] = [];
    const stubborn = new CommandExecutor({
      store,
      clock,
      domainConfig: config,
      retry: { attempts: 4, delayMs: (attempt) => (pauses.push(attempt), 0) },
    });
    let n = 100;
    let inside = false;
    store.beforeAppend = async () => {
      if (inside) return; // the other process's own append
      inside = true;
      await otherProcess.execute(tallies, 't1', { type: 'Add', n: n++ }, by(owner));
      inside = false;
    };
    const refusal = stubborn.execute(tallies, 't1', { type: 'Add', n: 1 }, by(owner));
    await expect(refusal).rejects.toBeInstanceOf(ConcurrencyExhausted);
    await expect(refusal).rejects.toMatchObject({ status: 409, code: 'CONCURRENT_MODIFICATION' });
    expect(pauses).toEqual([2, 3, 4]);
    expect(totals()).not.toContain(1);
  });

  it('pauses a random time below a growing cap by default', () => {
    for (let attempt = 2; attempt <= 6; attempt++) {
      const cap = Math.min(200, 10 * 2 ** (attempt - 2));
      const pauses = Array.from({ length: 50 }, () => jitteredRetry.delayMs(attempt));
      expect(pauses.every((p) => p >= 0 && p < cap)).toBe(true);
      expect(new Set(pauses).size).toBeGreaterThan(1);
    }
  });
});

describe('the state cache', () => {
  it('decides a second command on the cached fold without reading the stream', async () => {
    await open();
    await executor.execute(tallies, 't1', { type: 'Add', n: 1 }, by(owner));
    const reads = store.reads.length;
    await executor.execute(tallies, 't1', { type: 'Add', n: 2 }, by(owner));
    expect(store.reads.length).toBe(reads);
    expect(totals()).toEqual(['Opened', 1, 3]);
  });

  it('when behind another process, reads only the tail after its version and decides on it', async () => {
    await open();
    await executor.execute(tallies, 't1', { type: 'Add', n: 1 }, by(owner));
    await otherProcess.execute(tallies, 't1', { type: 'Add', n: 10 }, by(owner));
    const before = store.reads.length;
    expect(await executor.execute(tallies, 't1', { type: 'Add', n: 100 }, by(owner))).toMatchObject({ version: 4 });
    expect(store.reads.slice(before)).toEqual([{ streamId: 'tally-t1', fromVersion: 3 }]);
    expect(totals()).toEqual(['Opened', 1, 11, 111]);
  });

  it('does not answer a refusal made on a stale cached state before reading the tail', async () => {
    await open();
    await executor.execute(tallies, 't1', { type: 'Close' }, by(owner)); // this process caches "closed"
    await otherProcess.execute(tallies, 't1', { type: 'Reopen' }, by(owner));
    expect(await executor.execute(tallies, 't1', { type: 'Add', n: 1 }, by(owner))).toMatchObject({ version: 4 });
  });

  it('does not take If-Match as stale on a cached version that is behind', async () => {
    await open();
    await otherProcess.execute(tallies, 't1', { type: 'Add', n: 1 }, by(owner));
    expect(await executor.execute(tallies, 't1', { type: 'Add', n: 1 }, by(owner, { ifMatch: 2 }))).toMatchObject({ version: 3 });
  });
});

describe('commands on one stream in one process', () => {
  it('wait their turn: 30 at once all succeed, with 30 distinct versions and no lost race', async () => {
    await open();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => executor.execute(tallies, 't1', { type: 'Add', n: i + 1 }, by(owner))),
    );
    expect(new Set(results.map((r) => r.version)).size).toBe(30);
    expect(store.appendsTried).toBe(31);
    expect(totals().at(-1)).toBe((30 * 31) / 2);
  });

  it('do not hold up commands on other streams', async () => {
    await open('a');
    await open('b');
    let releaseA!: () => void;
    store.beforeAppend = (streams) => (streams[0] === 'tally-a' ? new Promise<void>((r) => (releaseA = r)) : undefined);
    const onA = executor.execute(tallies, 'a', { type: 'Add', n: 1 }, by(owner));
    await expect(executor.execute(tallies, 'b', { type: 'Add', n: 1 }, by(owner))).resolves.toMatchObject({ version: 2 });
    releaseA();
    await expect(onA).resolves.toMatchObject({ version: 2 });
  });
});

describe('a batch', () => {
  it('decides every item, each command on the state of the previous, and writes them all at once', async () => {
    const result = await executor.executeBatch(
      tallies,
      [
        {
          id: 'x',
          commands: [
            { type: 'Open', owner: 'owner' },
            { type: 'Add', n: 3 },
          ],
        },
        { id: 'y', commands: [{ type: 'Open', owner: 'owner' }] },
      ],
      by(owner),
    );
    expect(result.results.map((r) => [r.id, r.version])).toEqual([
      ['x', 2],
      ['y', 1],
    ]);
    expect(store.appendsTried).toBe(1);
    expect(store.events('tally-x').map((e) => e.metadata.command)).toEqual(['Open', 'Add']);
    expect(result.position).toBe('3');
    // The batch left its folds in the cache: the next command reads nothing.
    const reads = store.reads.length;
    await executor.execute(tallies, 'x', { type: 'Add', n: 1 }, by(owner));
    expect(store.reads.length).toBe(reads);
  });

  it('writes nothing when any item is refused, and names every refused item', async () => {
    await open('taken');
    const refused = executor.executeBatch(
      tallies,
      [
        { id: 'fresh', commands: [{ type: 'Open', owner: 'owner' }] },
        { id: 'taken', commands: [{ type: 'Open', owner: 'owner' }] },
        { id: 'closed', commands: [{ type: 'Open', owner: 'owner' }, { type: 'Close' }, { type: 'Add', n: 1 }] },
      ],
      by(owner),
    );
    await expect(refused).rejects.toBeInstanceOf(BatchRefused);
    const { failures } = (await refused.catch((e: unknown) => e)) as BatchRefused;
    expect(failures.map((f) => [f.index, (f.error as Error).constructor.name])).toEqual([
      [1, 'StreamAlreadyExists'],
      [2, 'Refused'],
    ]);
    expect(store.events('tally-fresh')).toEqual([]);
  });

  it('decides without writing on a dry run', async () => {
    const result = await executor.executeBatch(tallies, [{ id: 'dry', commands: [{ type: 'Open', owner: 'owner' }] }], by(owner), {
      dryRun: true,
    });
    expect(result).toEqual({ results: [{ id: 'dry', version: 0, position: '0' }], position: '0' });
    expect(store.appendsTried).toBe(0);
  });

  it('decides again on fresh state after losing a race for one of its streams', async () => {
    await open('shared');
    interleaveOnce(() => otherProcess.execute(tallies, 'shared', { type: 'Add', n: 10 }, by(owner)));
    const result = await executor.executeBatch(
      tallies,
      [
        { id: 'new', commands: [{ type: 'Open', owner: 'owner' }] },
        { id: 'shared', commands: [{ type: 'Add', n: 1 }] },
      ],
      by(owner),
    );
    expect(result.results.map((r) => r.version)).toEqual([1, 3]);
    expect(totals('shared')).toEqual(['Opened', 10, 11]);
  });
});

describe('a batch reads its streams', () => {
  it('in one read, each from its cached version on, whether it exists, is cached, is behind or is new', async () => {
    await open('cached'); // this process has it at version 1, current
    await open('behind');
    await otherProcess.execute(tallies, 'behind', { type: 'Add', n: 10 }, by(owner)); // this process's fold is one behind
    await open('elsewhere', otherProcess); // exists, never read here
    await open('taken', otherProcess);
    const readsBefore = store.reads.length;
    const tried = store.appendsTried;
    const result = await executor.executeBatch(
      tallies,
      [
        { id: 'new', commands: [{ type: 'Open', owner: 'owner' }] },
        { id: 'cached', commands: [{ type: 'Add', n: 1 }] },
        { id: 'behind', commands: [{ type: 'Add', n: 1 }] },
        { id: 'elsewhere', commands: [{ type: 'Add', n: 1 }] },
      ],
      by(owner),
    );
    expect(store.batchedReads.at(-1)).toEqual(['tally-new', 'tally-cached', 'tally-behind', 'tally-elsewhere']);
    expect(store.reads.slice(readsBefore)).toEqual([
      { streamId: 'tally-new', fromVersion: 1 },
      { streamId: 'tally-cached', fromVersion: 2 },
      { streamId: 'tally-behind', fromVersion: 2 },
      { streamId: 'tally-elsewhere', fromVersion: 1 },
    ]);
    expect(store.appendsTried).toBe(tried + 1); // decided on the log as it is: no lost race
    expect(result.results.map((r) => [r.id, r.version])).toEqual([
      ['new', 1],
      ['cached', 2],
      ['behind', 3],
      ['elsewhere', 2],
    ]);
    expect(totals('behind')).toEqual(['Opened', 10, 11]);

    // A stream another process created is seen to exist: its creation is refused, the others are not written.
    const refused = await executor
      .executeBatch(
        tallies,
        [
          { id: 'fresh', commands: [{ type: 'Open', owner: 'owner' }] },
          { id: 'taken', commands: [{ type: 'Open', owner: 'owner' }] },
        ],
        by(owner),
      )
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BatchRefused);
    expect((refused as BatchRefused).failures.map((f) => [f.index, (f.error as Error).constructor.name])).toEqual([
      [1, 'StreamAlreadyExists'],
    ]);
    expect(store.events('tally-fresh')).toEqual([]);
  });

  // The mutation check of the batch's retry: were it to decide again on the states it read before
  // losing the race, the Add would be accepted on an open tally and either written after the other
  // process's Close or lose every retry and end in 409. Only a fresh read of every stream refuses it.
  it('again after an expected-version conflict, and decides again on what it reads: a refusal then writes nothing', async () => {
    await open('shared');
    interleaveOnce(() => otherProcess.execute(tallies, 'shared', { type: 'Close' }, by(owner)));
    const batchedReads = store.batchedReads.length;
    const tried = store.appendsTried;
    const refused = await executor
      .executeBatch(
        tallies,
        [
          { id: 'new', commands: [{ type: 'Open', owner: 'owner' }] },
          { id: 'shared', commands: [{ type: 'Add', n: 1 }] },
        ],
        by(owner),
      )
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BatchRefused);
    expect((refused as BatchRefused).failures.map((f) => [f.index, f.error])).toEqual([[1, new Refused('cannot add to a closed tally')]]);
    expect(store.batchedReads.slice(batchedReads)).toEqual([
      ['tally-new', 'tally-shared'],
      ['tally-new', 'tally-shared'],
    ]);
    expect(store.appendsTried).toBe(tried + 2); // its own (lost) and the other process's
    expect(totals('shared')).toEqual(['Opened', 'Closed']);
    expect(store.events('tally-new')).toEqual([]);
  });
});

describe('withClock', () => {
  it('decides at the other clock’s time and shares the cache and the locks', async () => {
    await open();
    const simulated = new FixedClock(new Date('2024-01-02T03:04:05Z'));
    const reads = store.reads.length;
    await executor.withClock(simulated).execute(tallies, 't1', { type: 'Add', n: 1 }, by(owner));
    expect(store.reads.length).toBe(reads);
    expect(store.events('tally-t1')[1].data.at).toBe('2024-01-02T03:04:05.000Z');
  });
});
