import { Query } from '@nestjs/cqrs';
import type { Actor, AllowedAction, KeyProjectCommandType } from '@app/domain';
import type { KeyProjectView } from '@app/read-models';

export type KeyProjectDetail = KeyProjectView & {
  statusLabel: string;
  asOf: string | null;
  lastPosition: string | null;
  updatedAt: string | null;
  /** What the caller may do to the project now; empty for an `asOf` view. */
  allowedActions: AllowedAction<KeyProjectCommandType>[];
};

/** The current view from the read model, or with `asOf` the state replayed from the log up to that day. */
export class GetKeyProjectQuery extends Query<KeyProjectDetail> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
    readonly asOf?: string,
  ) {
    super();
  }
}
