import { Query } from '@nestjs/cqrs';
import type { IndicatorStatus } from '@app/domain';
import type { ListIndicatorsDto } from './list-indicators.dto';

export interface IndicatorSummary {
  id: string;
  code: string;
  name: string;
  status: IndicatorStatus;
  statusLabel: string;
  [field: string]: unknown;
}

export interface IndicatorPage {
  items: IndicatorSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export class ListIndicatorsQuery extends Query<IndicatorPage> {
  constructor(readonly filters: ListIndicatorsDto) {
    super();
  }
}
