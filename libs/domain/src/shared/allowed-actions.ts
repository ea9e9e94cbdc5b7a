import type { Actor } from './actor';
import type { CommandContext } from './decider';
import type { DomainError } from './errors';

/**
 * One command of a detail view's `allowedActions`: whether this actor may send it now and, when
 * not, why (the refusal `decide` would give, whatever the body).
 */
export interface AllowedAction<T extends string = string> {
  command: T;
  allowed: boolean;
  /** Chinese, for the person: why the command is withheld now. */
  reason?: string;
  /** Id of the rule in docs/domain.md that withholds it. */
  rule?: string;
}

/**
 * What `decide` checks before it reads the command's body: permission, status, and the rules that
 * hold whatever the body says. `decide` refuses with this error; `allowedActions` reports it.
 */
export type CommandGuard<S> = (state: S, ctx: CommandContext) => DomainError | undefined;

/**
 * The allowed actions of an aggregate for one actor: every command of `types` the actor's roles may
 * send in principle, each with the outcome of its guard now. Commands of roles the actor lacks are left
 * out (there is nothing to show for them).
 */
export function allowedActionsOf<S, T extends string>(
  types: readonly T[],
  roleMaySend: (type: T, actor: Actor) => boolean,
  guard: (type: T, state: S, ctx: CommandContext) => DomainError | undefined,
  state: S,
  ctx: CommandContext,
): AllowedAction<T>[] {
  return types
    .filter((type) => roleMaySend(type, ctx.actor))
    .map((command) => {
      const refusal = guard(command, state, ctx);
      if (!refusal) return { command, allowed: true };
      return { command, allowed: false, reason: refusal.detail, ...(refusal.rule ? { rule: refusal.rule } : {}) };
    });
}
