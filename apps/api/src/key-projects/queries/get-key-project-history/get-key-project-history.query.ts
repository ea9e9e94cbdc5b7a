import { Query } from '@nestjs/cqrs';
import type { KeyProjectHistory } from './get-key-project-history.handler';

export class GetKeyProjectHistoryQuery extends Query<KeyProjectHistory> {
  constructor(readonly id: string) {
    super();
  }
}
