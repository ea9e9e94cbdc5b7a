import { Injectable } from '@nestjs/common';
import { indicatorDecider, type IndicatorEvent, type IndicatorState } from '@app/domain';
import type { PgClient, StoredEvent, SubscriptionHandler } from '@app/event-store';
import { indicatorView } from './indicator.view';

const STREAM_PREFIX = 'indicator-';

/**
 * read_models.indicators from the log. The decider state is kept in the row and each event is folded
 * onto it once, in the runner's transaction, so the row and the checkpoint move together; status,
 * latest value and sparkline are computed from that state alone.
 */
@Injectable()
export class IndicatorProjection implements SubscriptionHandler {
  readonly name = 'read-model.indicators';
  readonly categories = ['indicator'];
  readonly schema = 'read_models';
  readonly derivedOnly = true;
  readonly tables = ['indicators'];

  async handle(events: StoredEvent[], tx: PgClient): Promise<void> {
    const byStream = new Map<string, StoredEvent[]>();
    for (const e of events) {
      if (!e.streamId.startsWith(STREAM_PREFIX)) continue;
      byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    }
    for (const [streamId, streamEvents] of byStream) await this.project(streamId.slice(STREAM_PREFIX.length), streamEvents, tx);
  }

  private async project(id: string, events: StoredEvent[], tx: PgClient): Promise<void> {
    const { rows } = await tx.query<{ state: IndicatorState }>(`SELECT state FROM indicators WHERE id = $1 FOR UPDATE`, [id]);
    let state = rows[0]?.state ?? indicatorDecider.initialState();
    let last: StoredEvent | undefined;
    for (const e of events) {
      if (e.version <= state.version) continue;
      state = indicatorDecider.evolve(state, { type: e.type, data: e.data } as unknown as IndicatorEvent);
      last = e;
    }
    if (!last || state.status === null) return;
    const view = indicatorView(id, state);
    const sparkline = view.series.map((s) => ({ period: s.period, value: s.value, status: s.status }));
    await tx.query(
      `INSERT INTO indicators (id, code, name, category, attribute, measure, unit, direction, reporting_frequency, assignment_status,
         lead_department, cooperating_departments, status, baseline, target, latest, latest_trajectory, sparkline, state, version,
         last_position, registered_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23)
       ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, category = EXCLUDED.category,
         attribute = EXCLUDED.attribute, measure = EXCLUDED.measure, unit = EXCLUDED.unit, direction = EXCLUDED.direction,
         reporting_frequency = EXCLUDED.reporting_frequency, assignment_status = EXCLUDED.assignment_status,
         lead_department = EXCLUDED.lead_department, cooperating_departments = EXCLUDED.cooperating_departments,
         status = EXCLUDED.status, baseline = EXCLUDED.baseline, target = EXCLUDED.target, latest = EXCLUDED.latest,
         latest_trajectory = EXCLUDED.latest_trajectory, sparkline = EXCLUDED.sparkline, state = EXCLUDED.state,
         version = EXCLUDED.version, last_position = EXCLUDED.last_position, updated_at = EXCLUDED.updated_at`,
      [
        id,
        view.code,
        view.name,
        view.category,
        view.attribute,
        view.measure,
        view.unit,
        view.direction,
        view.reportingFrequency,
        view.assignmentStatus,
        view.leadDepartment,
        view.cooperatingDepartments,
        view.status,
        JSON.stringify(view.baseline),
        JSON.stringify(view.target),
        view.latest === null ? null : JSON.stringify(view.latest),
        view.latestTrajectory === null ? null : JSON.stringify(view.latestTrajectory),
        JSON.stringify(sparkline),
        JSON.stringify(state),
        state.version,
        last.position.toString(),
        state.registeredAt,
        last.recordedAt,
      ],
    );
  }
}
