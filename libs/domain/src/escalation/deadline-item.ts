import type { PersonalText } from '../shared/personal-data';
import type { CalendarDate } from '../shared/dates';

export type SubjectType = 'RECTIFICATION_ORDER' | 'KEY_PROJECT' | 'INDICATOR';

export type DeadlineItemKind =
  | 'ORDER_DEADLINE'
  | 'MEASURE'
  | 'MILESTONE'
  | 'STRIVE_MILESTONE'
  | 'ASSIGNMENT'
  | 'PETITION_REPORT'
  | 'PERIODIC_REPORT'
  | 'NOTICE_END'
  | 'ACCEPTANCE'
  | 'PLAN_SUBMISSION'
  | 'PERFUNCTORY_RECTIFICATION';

export const deadlineItemKinds: readonly DeadlineItemKind[] = [
  'ORDER_DEADLINE',
  'MEASURE',
  'MILESTONE',
  'STRIVE_MILESTONE',
  'ASSIGNMENT',
  'PETITION_REPORT',
  'PERIODIC_REPORT',
  'NOTICE_END',
  'ACCEPTANCE',
  'PLAN_SUBMISSION',
  'PERFUNCTORY_RECTIFICATION',
];

export const deadlineItemKindLabels: Record<DeadlineItemKind, string> = {
  ORDER_DEADLINE: '整改时限',
  MEASURE: '整改措施完成时限',
  MILESTONE: '工程节点',
  STRIVE_MILESTONE: '争取类目标节点',
  ASSIGNMENT: '待交办',
  PETITION_REPORT: '信访件首次调查报告',
  PERIODIC_REPORT: '长期坚持类定期报告',
  NOTICE_END: '拟销号公示期满',
  ACCEPTANCE: '验收办理时限',
  PLAN_SUBMISSION: '整改方案报送时限',
  PERFUNCTORY_RECTIFICATION: '敷衍、表面、假装整改',
};

/** One dated obligation of a project or an order: what the calendar lists and the scheduler watches. */
export interface DeadlineItem {
  subjectType: SubjectType;
  subjectId: string;
  /** The aggregate's stream id, e.g. rectification-order-<uuid>. */
  subjectStreamId: string;
  subjectCode: string;
  subjectName: string;
  subjectStatus: string;
  /** Unique within the subject, e.g. 'deadline', 'measure:M1', 'milestone:<id>'. */
  itemId: string;
  kind: DeadlineItemKind;
  itemName: string;
  department: string | null;
  responsiblePerson: PersonalText | null;
  /** The date in force (after extensions / approved baseline changes). */
  dueDate: CalendarDate;
  /** As first set; the on-time rate is also reported against it. */
  originalDueDate: CalendarDate;
  /** When the obligation was met; null while open. */
  doneOn: CalendarDate | null;
}
