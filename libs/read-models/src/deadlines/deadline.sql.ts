/**
 * Timeliness of a read_models.deadlines row (alias `d`) in SQL, the same rule as the domain's
 * evaluateTimeliness, so the calendar can filter and page on it. Placeholders: today (date),
 * yellow days, largest notice days.
 */
export function timelinessSql(today: string, yellowDays: string, noticeDays: string): string {
  return `CASE
    WHEN d.done_on IS NOT NULL THEN 'DONE'
    WHEN d.due_date < ${today}::date THEN 'OVERDUE'
    WHEN d.due_date - ${today}::date <= ${yellowDays}::int
      OR (d.kind = 'ORDER_DEADLINE' AND EXISTS (
            SELECT 1 FROM read_models.deadlines m
            WHERE m.subject_id = d.subject_id AND m.kind = 'MEASURE' AND m.done_on IS NULL AND m.due_date < ${today}::date))
      THEN 'AT_RISK'
    WHEN d.due_date - ${today}::date <= ${noticeDays}::int THEN 'DUE_SOON'
    ELSE 'ON_TRACK'
  END`;
}
