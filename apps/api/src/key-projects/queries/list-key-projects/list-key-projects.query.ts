import { Query } from '@nestjs/cqrs';
import type { KeyProjectStatus } from '@app/domain';
import type { ListKeyProjectsDto } from './list-key-projects.dto';

export interface KeyProjectSummary {
  id: string;
  code: string;
  name: string;
  status: KeyProjectStatus;
  statusLabel: string;
  [field: string]: unknown;
}

export interface KeyProjectPage {
  items: KeyProjectSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export class ListKeyProjectsQuery extends Query<KeyProjectPage> {
  constructor(readonly filters: ListKeyProjectsDto) {
    super();
  }
}
