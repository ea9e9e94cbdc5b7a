import { Query } from '@nestjs/cqrs';
import type { ListKeyProjectsDto } from './list-key-projects.dto';
import type { KeyProjectPage } from './list-key-projects.handler';

export class ListKeyProjectsQuery extends Query<KeyProjectPage> {
  constructor(readonly filters: ListKeyProjectsDto) {
    super();
  }
}
