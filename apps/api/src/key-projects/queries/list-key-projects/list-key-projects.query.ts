import { Query } from '@nestjs/cqrs';
import type { KeyProjectView } from '@app/read-models';
import type { ListKeyProjectsDto } from './list-key-projects.dto';

/** One row of the project list: the columns KEY_PROJECT_SUMMARY_COLUMNS selects, with the labels. */
export type KeyProjectSummary = Pick<
  KeyProjectView,
  | 'id'
  | 'code'
  | 'name'
  | 'kind'
  | 'planBox'
  | 'category'
  | 'leadDepartment'
  | 'cooperatingDepartments'
  | 'implementingUnit'
  | 'responsiblePerson'
  | 'status'
  | 'progress'
  | 'plannedStart'
  | 'plannedEnd'
  | 'plannedInvestment'
  | 'milestones'
  | 'latestReport'
  | 'planItemKind'
  | 'planItemKindLabel'
  | 'source'
  | 'awaitingAssignment'
  | 'registeredAt'
  | 'version'
> & { statusLabel: string; pendingBaselineChanges: number; lastPosition: string; updatedAt: string };

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
