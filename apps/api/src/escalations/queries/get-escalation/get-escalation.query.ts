import { Query } from '@nestjs/cqrs';
import type { Actor, AllowedAction, EscalationCommandType } from '@app/domain';
import type { EscalationView } from '../../shared/escalation.view';

export type EscalationDetail = EscalationView & {
  /** What the caller may do about the escalation now. */
  allowedActions: AllowedAction<EscalationCommandType>[];
};

export class GetEscalationQuery extends Query<EscalationDetail> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
