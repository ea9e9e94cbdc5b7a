import { Inject, Injectable } from '@nestjs/common';
import {
  indicatorEscalationResolution,
  indicatorEscalations,
  type EscalationCommand,
  type IndicatorState,
  type RaiseEscalation,
} from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';

export interface IndicatorTickResult {
  raised: number;
  resolved: number;
  skipped: number;
}

/** Carries out one escalation command; true when it did, false when it was already done (a no-op). */
export type RunEscalationCommand = (escalationId: string, command: EscalationCommand) => Promise<boolean>;

/**
 * The indicators' part of a scheduler tick (IND-ESC-1, IND-ESC-2): what each indicator's state says
 * should be open now (the domain's `indicatorEscalations`) is raised when not raised yet, and each
 * open indicator escalation that is no longer due is resolved with the domain's reason. Indicators
 * have no rows in the deadline calendar; their state in read_models.indicators is all it reads.
 */
@Injectable()
export class IndicatorEscalationSource {
  constructor(@Inject(PG_POOL) private readonly pool: PgPool) {}

  async evaluate(now: Date, run: RunEscalationCommand): Promise<IndicatorTickResult> {
    const result: IndicatorTickResult = { raised: 0, resolved: 0, skipped: 0 };
    const { rows } = await this.pool.query<{ id: string; state: IndicatorState }>(`SELECT id, state FROM read_models.indicators`);
    const states = new Map(rows.map((r) => [r.id, r.state]));
    const due = new Map<string, RaiseEscalation[]>();
    for (const [id, state] of states) due.set(id, indicatorEscalations(id, state, now));
    // Only the ids it would raise are looked up (the escalation queue may hold 100,000 others).
    const { rows: raised } = await this.pool.query<{ id: string }>(`SELECT id FROM read_models.escalations WHERE id = ANY($1::uuid[])`, [
      [...due.values()].flat().map((c) => c.escalationId),
    ]);
    const known = new Set(raised.map((r) => r.id));
    for (const current of due.values()) {
      for (const command of current) {
        if (known.has(command.escalationId)) continue;
        if (await run(command.escalationId, command)) result.raised++;
        else result.skipped++;
      }
    }
    const { rows: open } = await this.pool.query<{ id: string; subject_id: string; item_id: string }>(
      `SELECT id, subject_id, item_id FROM read_models.escalations WHERE status = 'OPEN' AND subject_type = 'INDICATOR'`,
    );
    for (const esc of open) {
      const state = states.get(esc.subject_id);
      if (!state) continue;
      const resolution = indicatorEscalationResolution(state, { escalationId: esc.id, itemId: esc.item_id }, due.get(esc.subject_id) ?? []);
      if (!resolution) continue;
      if (await run(esc.id, { type: 'ResolveEscalation', ...resolution })) result.resolved++;
      else result.skipped++;
    }
    return result;
  }
}
