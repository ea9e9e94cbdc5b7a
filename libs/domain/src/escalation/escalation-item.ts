import { deadlineItemKindLabels, type DeadlineItemKind } from './deadline-item';

/**
 * What an escalation is about: a dated item of the deadline calendar, or an indicator's standing
 * (its trajectory, 序时进度, or a value owed for a period), which has no due date of its own.
 */
export type IndicatorEscalationItemKind = 'INDICATOR_TRAJECTORY' | 'INDICATOR_REPORT';

export type EscalationItemKind = DeadlineItemKind | IndicatorEscalationItemKind;

export const escalationItemKindLabels: Record<EscalationItemKind, string> = {
  ...deadlineItemKindLabels,
  INDICATOR_TRAJECTORY: '指标序时进度',
  INDICATOR_REPORT: '指标数值报送',
};
