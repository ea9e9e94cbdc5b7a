import { Query } from '@nestjs/cqrs';
import type { EventMetadata } from '@app/event-store';

export interface IndicatorHistoryEntry {
  type: string;
  version: number;
  position: string;
  recordedAt: string;
  actor: EventMetadata['actor'] | null;
  command: string | null;
  data: Record<string, unknown>;
}

export interface IndicatorHistory {
  id: string;
  items: IndicatorHistoryEntry[];
}

export class GetIndicatorHistoryQuery extends Query<IndicatorHistory> {
  constructor(readonly id: string) {
    super();
  }
}
