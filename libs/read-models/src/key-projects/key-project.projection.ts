import { Injectable } from '@nestjs/common';
import { keyProjectDecider, upgradeKeyProjectState, type KeyProjectEvent, type KeyProjectState } from '@app/domain';
import type { PgClient, StoredEvent, SubscriptionHandler } from '@app/event-store';
import { keyProjectView } from './key-project.view';

const STREAM_PREFIX = 'key-project-';

/**
 * read_models.key_projects from the log. The decider state is kept in the row and each event is
 * folded onto it once, in the runner's transaction, so the row and the checkpoint move together.
 */
@Injectable()
export class KeyProjectProjection implements SubscriptionHandler {
  readonly name = 'read-model.key-projects';
  readonly categories = ['key-project'];
  readonly schema = 'read_models';
  readonly derivedOnly = true;
  readonly tables = ['key_projects'];

  async handle(events: StoredEvent[], tx: PgClient): Promise<void> {
    const byStream = new Map<string, StoredEvent[]>();
    for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    for (const [streamId, streamEvents] of byStream) await this.project(streamId.slice(STREAM_PREFIX.length), streamEvents, tx);
  }

  private async project(id: string, events: StoredEvent[], tx: PgClient): Promise<void> {
    const { rows } = await tx.query<{ state: KeyProjectState }>(`SELECT state FROM key_projects WHERE id = $1 FOR UPDATE`, [id]);
    let state = rows[0] ? upgradeKeyProjectState(rows[0].state) : keyProjectDecider.initialState();
    let last: StoredEvent | undefined;
    for (const e of events) {
      if (e.version <= state.version) continue;
      state = keyProjectDecider.evolve(state, { type: e.type, data: e.data } as unknown as KeyProjectEvent);
      last = e;
    }
    if (!last || state.status === null) return;
    const view = keyProjectView(id, state);
    const search = [
      view.code,
      view.name,
      view.description,
      view.implementingUnit,
      view.leadDepartment,
      view.responsiblePerson,
      view.responsibleLeader?.name,
      view.source,
      ...view.milestones.map((m) => m.name),
    ]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    await tx.query(
      `INSERT INTO key_projects (id, code, name, kind, plan_box, category, lead_department, cooperating_departments,
         implementing_unit, responsible_person, status, progress, planned_start, planned_end, investment, description, milestones,
         latest_report, pending_baseline_changes, state, version, last_position, registered_at, updated_at, search,
         plan_item_kind, source, awaiting_assignment)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28)
       ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, kind = EXCLUDED.kind, plan_box = EXCLUDED.plan_box,
         category = EXCLUDED.category, lead_department = EXCLUDED.lead_department, cooperating_departments = EXCLUDED.cooperating_departments,
         implementing_unit = EXCLUDED.implementing_unit, responsible_person = EXCLUDED.responsible_person, status = EXCLUDED.status,
         progress = EXCLUDED.progress, planned_start = EXCLUDED.planned_start, planned_end = EXCLUDED.planned_end,
         investment = EXCLUDED.investment, description = EXCLUDED.description, milestones = EXCLUDED.milestones,
         latest_report = EXCLUDED.latest_report, pending_baseline_changes = EXCLUDED.pending_baseline_changes, state = EXCLUDED.state,
         version = EXCLUDED.version, last_position = EXCLUDED.last_position, updated_at = EXCLUDED.updated_at, search = EXCLUDED.search,
         plan_item_kind = EXCLUDED.plan_item_kind, source = EXCLUDED.source, awaiting_assignment = EXCLUDED.awaiting_assignment`,
      [
        id,
        view.code,
        view.name,
        view.kind,
        view.planBox,
        view.category,
        view.leadDepartment,
        view.cooperatingDepartments,
        view.implementingUnit,
        view.responsiblePerson,
        view.status,
        view.progress,
        view.plannedStart,
        view.plannedEnd,
        view.plannedInvestment,
        view.description,
        JSON.stringify(view.milestones),
        view.latestReport === null ? null : JSON.stringify(view.latestReport),
        state.baselineChanges.filter((c) => c.status === 'PENDING').length,
        JSON.stringify(state),
        state.version,
        last.position.toString(),
        state.registeredAt,
        last.recordedAt,
        search,
        view.planItemKind,
        view.source,
        view.awaitingAssignment,
      ],
    );
  }
}
