import { Query } from '@nestjs/cqrs';
import type { EscalationView } from '../../shared/escalation.view';
import type { ListEscalationsQueryDto } from './list-escalations.dto';

export interface EscalationPage {
  items: EscalationView[];
  total: number;
  page: number;
  pageSize: number;
}

export class ListEscalationsQuery extends Query<EscalationPage> {
  constructor(readonly filter: ListEscalationsQueryDto) {
    super();
  }
}
