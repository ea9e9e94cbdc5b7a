/**
 * When escalations are raised (docs/domain.md, ESC-LEVEL-0…4). Days are calendar
 * days in Asia/Shanghai; a deadline is due at the end of its day.
 */
export interface EscalationThresholds {
  /** Level 0 notices, days before the deadline (default 15 and 7). */
  noticeDays: number[];
  /** Level 1 yellow, days before the deadline (default 3). */
  yellowDays: number;
  /** Level 3 listed supervision (挂牌督办) when overdue by more than this many days (default 30). */
  listedDays: number;
  /** Level 4 accountability (问责) when overdue by more than this many days (default 90). */
  accountabilityDays: number;
  /**
   * Calendar days the acceptance department has for its check after acceptance is requested.
   * No period is prescribed; 15 is a judgement call, configurable.
   */
  acceptanceCheckDays: number;
  /** Days after its registration by which an item without a lead department is to be assigned (交办) (default 30). */
  unassignedDays: number;
}

export const defaultEscalationThresholds: EscalationThresholds = {
  noticeDays: [15, 7],
  yellowDays: 3,
  listedDays: 30,
  accountabilityDays: 90,
  acceptanceCheckDays: 15,
  unassignedDays: 30,
};
