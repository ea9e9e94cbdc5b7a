import { Query } from '@nestjs/cqrs';
import type { DeadlineItemKind, SubjectType, Timeliness, PersonalText } from '@app/domain';
import type { ListDeadlinesQueryDto } from './list-deadlines.dto';

export interface DeadlineView {
  subjectType: SubjectType;
  subjectId: string;
  subjectCode: string;
  subjectName: string;
  kind: DeadlineItemKind;
  kindLabel: string;
  itemId: string;
  itemName: string;
  dueDate: string;
  originalDueDate: string;
  department: string | null;
  responsiblePerson: PersonalText | null;
  timeliness: Timeliness;
  doneOn: string | null;
}

export interface DeadlinePage {
  items: DeadlineView[];
  total: number;
  page: number;
  pageSize: number;
}

export class ListDeadlinesQuery extends Query<DeadlinePage> {
  constructor(readonly filter: ListDeadlinesQueryDto) {
    super();
  }
}
