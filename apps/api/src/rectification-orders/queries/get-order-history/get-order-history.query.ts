import { Query } from '@nestjs/cqrs';
import type { Actor } from '@app/domain';

export interface OrderHistoryEntry {
  type: string;
  version: number;
  position: string;
  recordedAt: string;
  actor: { userId: string; displayName?: string; roles?: string[]; department?: string | null } | null;
  command: string | null;
  data: Record<string, unknown>;
}

/** The same shape as a key project's and an indicator's history: `items`, oldest first. */
export class GetOrderHistoryQuery extends Query<{ id: string; items: OrderHistoryEntry[] }> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
