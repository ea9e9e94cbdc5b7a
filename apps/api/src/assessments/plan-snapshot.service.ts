import { Inject, Injectable } from '@nestjs/common';
import {
  deadlineItemsOfKeyProject,
  deadlineItemsOfOrder,
  escalationDecider,
  escalationEventTypes,
  indicatorDecider,
  indicatorEventTypes,
  keyProjectDecider,
  keyProjectEventTypes,
  rectificationOrderDecider,
  rectificationOrderEventTypes,
  type DeadlineItem,
  type Decider,
  type DomainEvent,
  type EscalationState,
  type IndicatorState,
  type KeyProjectState,
  type RectificationOrderState,
} from '@app/domain';
import { EVENT_STORE, toDomainEvent, type EventStore, type StoredEvent } from '@app/event-store';
import { AppConfig } from '@app/platform';

/** Every project, order, indicator and escalation as the log had it at one instant. */
export interface PlanSnapshot {
  asOf: Date;
  keyProjects: Map<string, KeyProjectState>;
  orders: Map<string, RectificationOrderState>;
  indicators: Map<string, IndicatorState>;
  escalations: Map<string, EscalationState>;
  /** The dated obligations of the projects and orders (the deadline calendar) at that instant. */
  items: DeadlineItem[];
}

const PAGE = 5000;

interface Kind<S> {
  prefix: string;
  decider: Decider<S, { type: string }, DomainEvent>;
  types: readonly string[];
}

const KINDS = {
  keyProjects: { prefix: 'key-project-', decider: keyProjectDecider, types: keyProjectEventTypes },
  orders: { prefix: 'rectification-order-', decider: rectificationOrderDecider, types: rectificationOrderEventTypes },
  indicators: { prefix: 'indicator-', decider: indicatorDecider, types: indicatorEventTypes },
  escalations: { prefix: 'escalation-', decider: escalationDecider, types: escalationEventTypes },
} as unknown as Record<'keyProjects' | 'orders' | 'indicators' | 'escalations', Kind<unknown>>;

/**
 * The plan's records folded from the log up to an instant (events recorded by then), with the same
 * deciders as the command path: what an assessment, a target list or an evaluation pack "as of" a day
 * reads. A pure function of the log, so the 2023 figures are the ones the log held at the end of 2023.
 */
@Injectable()
export class PlanSnapshotService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: AppConfig,
  ) {}

  async at(asOf: Date): Promise<PlanSnapshot> {
    const states = { keyProjects: new Map(), orders: new Map(), indicators: new Map(), escalations: new Map() } as Record<
      keyof typeof KINDS,
      Map<string, unknown>
    >;
    const categories = ['key-project', 'rectification-order', 'indicator', 'escalation'];
    let after = 0n;
    for (;;) {
      const page: StoredEvent[] = await this.store.readAll({ after, limit: PAGE, categories });
      for (const e of page) {
        if (e.recordedAt > asOf) continue;
        const key = (Object.keys(KINDS) as Array<keyof typeof KINDS>).find((k) => e.streamId.startsWith(KINDS[k].prefix));
        if (!key) continue;
        const kind = KINDS[key];
        const id = e.streamId.slice(kind.prefix.length);
        const map = states[key];
        map.set(id, kind.decider.evolve(map.get(id) ?? kind.decider.initialState(), toDomainEvent(e, kind.types)));
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].position;
    }
    const thresholds = this.config.escalationThresholds;
    const keyProjects = states.keyProjects as Map<string, KeyProjectState>;
    const orders = states.orders as Map<string, RectificationOrderState>;
    const items = [
      ...[...keyProjects].flatMap(([id, s]) => deadlineItemsOfKeyProject(id, s, thresholds)),
      ...[...orders].flatMap(([id, s]) => deadlineItemsOfOrder(id, s, thresholds)),
    ];
    return {
      asOf,
      keyProjects,
      orders,
      indicators: states.indicators as Map<string, IndicatorState>,
      escalations: states.escalations as Map<string, EscalationState>,
      items,
    };
  }
}
