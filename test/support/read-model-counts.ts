import type { PgPool } from '@app/event-store';

/**
 * The count tables the projections keep beside the escalation queue and the deadline calendar,
 * compared with a GROUP BY of the rows they count: both as sorted lists of `group → n` (zero groups
 * left out), so a test can `expect(…).toEqual(…)` and see the group that differs.
 */
export async function readModelCounts(pool: PgPool) {
  const q = async (sql: string) => (await pool.query<{ g: string; n: string }>(sql)).rows.map((r) => `${r.g} → ${r.n}`);
  return {
    escalations: {
      kept: await q(`SELECT concat_ws('|', status, level, department, subject_type) AS g, n FROM read_models.escalation_counts
                     WHERE n <> 0 ORDER BY 1`),
      actual: await q(`SELECT concat_ws('|', status, level, department, subject_type) AS g, count(*) AS n FROM read_models.escalations
                       GROUP BY status, level, department, subject_type ORDER BY 1`),
    },
    deadlines: {
      kept: await q(`SELECT concat_ws('|', due_date, department, kind, open) AS g, n FROM read_models.deadline_counts
                     WHERE n <> 0 ORDER BY 1`),
      actual: await q(`SELECT concat_ws('|', due_date, department, kind, done_on IS NULL) AS g, count(*) AS n FROM read_models.deadlines
                       GROUP BY due_date, department, kind, done_on IS NULL ORDER BY 1`),
    },
  };
}

export async function expectCountsToMatchRows(pool: PgPool): Promise<void> {
  const counts = await readModelCounts(pool);
  expect(counts.escalations.kept).toEqual(counts.escalations.actual);
  expect(counts.deadlines.kept).toEqual(counts.deadlines.actual);
}
