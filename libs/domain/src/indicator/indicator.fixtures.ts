import { SEED_INDICATORS } from '../seed/plan-indicators';
import type { RegisterIndicator } from './indicator.commands';
import type { IndicatorValue } from './indicator.definition';
import type { IndicatorEvent, IndicatorRegistered, IndicatorValueReported } from './indicator.events';
import { evolveIndicator, initialIndicatorState, type IndicatorState } from './indicator.state';

/** Test-only helpers (not re-exported from index.ts): the plan's own indicators as given events. */
export const REGISTERED_AT = '2026-01-05T01:00:00.000Z';

export function registration(code: string): RegisterIndicator {
  const item = SEED_INDICATORS.find((i) => i.code === code);
  if (!item) throw new Error(`no seed indicator ${code}`);
  const { contributingProjectCodes: _links, ...fields } = item;
  return { type: 'RegisterIndicator', indicatorId: `id-${code}`, ...fields };
}

export function registered(code: string): IndicatorRegistered {
  const { type: _type, ...data } = registration(code);
  return { type: 'IndicatorRegistered', data: { ...data, occurredAt: REGISTERED_AT } };
}

export function reported(
  period: string,
  value: IndicatorValue,
  unit: string | null = null,
  source = '国控站点自动监测',
): IndicatorValueReported {
  return {
    type: 'IndicatorValueReported',
    data: {
      period,
      value,
      unit,
      source,
      note: null,
      reportedOn: '2026-01-05',
      reportedBy: 'lead-1',
      reportedByName: '市生态环境局填报员',
      reportedByDepartment: 'city-eco-env-bureau',
      occurredAt: REGISTERED_AT,
    },
  };
}

export function stateOf(events: IndicatorEvent[]): IndicatorState {
  return events.reduce(evolveIndicator, initialIndicatorState());
}
