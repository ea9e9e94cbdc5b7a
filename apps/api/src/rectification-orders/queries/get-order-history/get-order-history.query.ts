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

export class GetOrderHistoryQuery extends Query<{ id: string; events: OrderHistoryEntry[] }> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
