import { Query } from '@nestjs/cqrs';
import type { EventMetadata } from '@app/event-store';

export interface KeyProjectHistoryEntry {
  type: string;
  version: number;
  position: string;
  recordedAt: string;
  actor: EventMetadata['actor'] | null;
  command: string | null;
  data: Record<string, unknown>;
}

export interface KeyProjectHistory {
  id: string;
  items: KeyProjectHistoryEntry[];
}

export class GetKeyProjectHistoryQuery extends Query<KeyProjectHistory> {
  constructor(readonly id: string) {
    super();
  }
}
