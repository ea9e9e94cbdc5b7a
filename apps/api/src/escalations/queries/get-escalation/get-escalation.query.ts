import { Query } from '@nestjs/cqrs';
import type { EscalationView } from '../../shared/escalation.view';

export class GetEscalationQuery extends Query<EscalationView> {
  constructor(readonly id: string) {
    super();
  }
}
