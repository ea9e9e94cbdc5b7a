import type { Actor } from '../shared/actor';
import { defaultDomainConfig, type CommandContext, type Decider, type DomainEvent } from '../shared/decider';
import { DomainError, type DomainErrorKind } from '../shared/errors';

/**
 * Given events / when command / then events, after Emmett's DeciderSpecification.
 * Test-only (uses Jest's global `expect`), so index.ts does not re-export it.
 */
export interface ThenStep<S, E> {
  then(expected: E[]): void;
  thenThrows(expected: { kind: DomainErrorKind; code: string }): DomainError;
  /** Applies the produced events and hands the resulting state to `assert`. */
  thenState(assert: (state: S, events: E[]) => void): void;
}

export interface DeciderSpecification<S, C extends { type: string }, E extends DomainEvent> {
  given(events: E[]): {
    when(command: C, ctx?: Partial<CommandContext>): ThenStep<S, E>;
  };
}

export function DeciderSpecification<S, C extends { type: string }, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  defaults: CommandContext,
): DeciderSpecification<S, C, E> {
  return {
    given(events) {
      return {
        when(command, ctxOverrides = {}) {
          const ctx: CommandContext = { ...defaults, ...ctxOverrides };
          const state = events.reduce(decider.evolve, decider.initialState());
          const run = () => decider.decide(command, state, ctx);
          return {
            then(expected) {
              expect(run()).toEqual(expected);
            },
            thenThrows(expected) {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toBeInstanceOf(DomainError);
              const error = caught as DomainError;
              expect({ kind: error.kind, code: error.code }).toEqual(expected);
              expect(error.detail).toMatch(/[\u4e00-\u9fff]/);
              return error;
            },
            thenState(assert) {
              const produced = run();
              assert(produced.reduce(decider.evolve, state), produced);
            },
          };
        },
      };
    },
  };
}

export function actor(overrides: Partial<Actor> & Pick<Actor, 'roles'>): Actor {
  return { userId: `user-${overrides.roles.join('-')}`, displayName: '测试用户', department: null, ...overrides };
}

/** An instant given as Shanghai wall-clock time, e.g. at('2024-03-01 10:00'). */
export function at(shanghaiWallClock: string): Date {
  return new Date(`${shanghaiWallClock.replace(' ', 'T')}:00+08:00`);
}

export function context(now: Date, who: Actor): CommandContext {
  return { now, actor: who, config: defaultDomainConfig };
}
