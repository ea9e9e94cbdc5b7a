import { Query } from '@nestjs/cqrs';
import type { Actor, AllowedAction, IndicatorCommandType } from '@app/domain';
import type { IndicatorView } from '@app/read-models';

export type IndicatorDetail = IndicatorView & {
  asOf: string | null;
  lastPosition: string | null;
  updatedAt: string | null;
  /** What the caller may do to the indicator now; empty for an `asOf` view. */
  allowedActions: AllowedAction<IndicatorCommandType>[];
};

/** The current view from the read model, or with `asOf` the state replayed from the log up to that instant. */
export class GetIndicatorQuery extends Query<IndicatorDetail> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
    readonly asOf?: string,
  ) {
    super();
  }
}
