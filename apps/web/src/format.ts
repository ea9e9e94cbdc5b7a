/** Dates and times as Chinese officials read them, always in Asia/Shanghai. */
const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateTime.format(new Date(iso)).replace(/\//g, '-');
}

/** A calendar date 'YYYY-MM-DD' as 2025年6月30日. */
export function fmtDate(date: string | null | undefined): string {
  if (!date) return '—';
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function todayShanghai(): string {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

export function pct(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/**
 * A personal value (a person's name, a petition text). The server replaces every personal-data reference
 * by its text, or by its erasure notice, before answering; the view types still say "text or reference"
 * because they are the read model's own. A reference that did reach the page is shown as unavailable.
 */
export function personal(value: string | { pii: string } | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : '（无法显示）';
}

/** A personal value as a form's initial text: the text, or nothing when the page did not get one. */
export function personalInput(value: string | { pii: string } | null | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
