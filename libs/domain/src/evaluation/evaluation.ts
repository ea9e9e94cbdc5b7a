import type { Actor, Role } from '../shared/actor';
import { shanghaiDate, type CalendarDate } from '../shared/dates';
import type { CommandContext, Decider, DomainEvent } from '../shared/decider';
import { InvalidValue, NotPermitted } from '../shared/errors';

/**
 * 第三方评估 findings: the assessor (a read-only role otherwise) records its findings on a year's
 * evaluation (中期评估 2023, 终期评估 2025) as events, one stream per year (`evaluation-<year>`).
 */

export type FindingSubjectType = 'KEY_PROJECT' | 'INDICATOR' | 'RECTIFICATION_ORDER' | 'GENERAL';
export const findingSubjectTypes: readonly FindingSubjectType[] = ['KEY_PROJECT', 'INDICATOR', 'RECTIFICATION_ORDER', 'GENERAL'];

export type FindingRating = 'GOOD' | 'ADEQUATE' | 'CONCERN';
export const findingRatings: readonly FindingRating[] = ['GOOD', 'ADEQUATE', 'CONCERN'];
export const findingRatingLabels: Record<FindingRating, string> = { GOOD: '较好', ADEQUATE: '基本达到', CONCERN: '存在问题' };

export interface RecordEvaluationFinding {
  type: 'RecordEvaluationFinding';
  findingId: string;
  year: number;
  subjectType: FindingSubjectType;
  /** The code of the project, indicator or order; null for a general finding. */
  subjectCode: string | null;
  rating: FindingRating;
  text: string;
}
export type EvaluationCommand = RecordEvaluationFinding;

export type EvaluationFindingRecorded = DomainEvent<
  'EvaluationFindingRecorded',
  {
    findingId: string;
    year: number;
    subjectType: FindingSubjectType;
    subjectCode: string | null;
    rating: FindingRating;
    text: string;
    recordedOn: CalendarDate;
    recordedBy: string;
    recordedByName: string;
    occurredAt: string;
  }
>;
export type EvaluationEvent = EvaluationFindingRecorded;
export const evaluationEventTypes: readonly EvaluationEvent['type'][] = ['EvaluationFindingRecorded'];

export interface EvaluationState {
  findings: Array<EvaluationFindingRecorded['data']>;
  version: number;
}

export function evaluationStreamId(year: string): string {
  return `evaluation-${year}`;
}

export const evaluationCommandRoles: Record<EvaluationCommand['type'], Role[]> = { RecordEvaluationFinding: ['assessor'] };

/** EVA-AUTH-1: findings are the third-party assessor's. */
export function authorizeEvaluationCommand(command: EvaluationCommand, _state: EvaluationState, actor: Actor): void {
  if (actor.roles.some((r) => evaluationCommandRoles[command.type].includes(r))) return;
  throw new NotPermitted({
    code: 'ROLE_NOT_PERMITTED',
    titleEn: `${command.type} needs the role assessor`,
    detail: '您的角色无权进行此操作；评估意见由第三方评估机构记录。',
    rule: 'EVA-AUTH-1',
  });
}

/** EVA-FIND-1: a finding is on a year of the plan that has begun, names its subject (unless general) and says something. */
function decide(command: EvaluationCommand, _state: EvaluationState, ctx: CommandContext): EvaluationEvent[] {
  const today = shanghaiDate(ctx.now);
  if (command.year < 2021 || `${command.year}-01-01` > today) {
    throw new InvalidValue({
      code: 'YEAR_OUT_OF_RANGE',
      titleEn: 'No evaluation for that year',
      detail: `没有${command.year}年的评估：年度应在2021年至今年之间。`,
      field: 'year',
      rule: 'EVA-FIND-1',
    });
  }
  const code = command.subjectCode?.trim() || null;
  if (command.subjectType !== 'GENERAL' && !code) {
    throw new InvalidValue({
      code: 'SUBJECT_REQUIRED',
      titleEn: 'subjectCode is required',
      detail: '请填写评估意见针对的工程、指标或整改任务编号。',
      field: 'subjectCode',
      rule: 'EVA-FIND-1',
    });
  }
  const text = command.text.trim();
  if (!text)
    throw new InvalidValue({
      code: 'TEXT_REQUIRED',
      titleEn: 'text must not be empty',
      detail: '请填写评估意见。',
      field: 'text',
      rule: 'EVA-FIND-1',
    });
  return [
    {
      type: 'EvaluationFindingRecorded',
      data: {
        findingId: command.findingId,
        year: command.year,
        subjectType: command.subjectType,
        subjectCode: command.subjectType === 'GENERAL' ? null : code,
        rating: command.rating,
        text,
        recordedOn: today,
        recordedBy: ctx.actor.userId,
        recordedByName: ctx.actor.displayName,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
}

export const evaluationDecider: Decider<EvaluationState, EvaluationCommand, EvaluationEvent> = {
  initialState: () => ({ findings: [], version: 0 }),
  decide,
  evolve: (state, event) => ({ findings: [...state.findings, event.data], version: state.version + 1 }),
};
