// Pure rules of reporting periods, shared by the issuer's dashboards (reports) and the employer's analytics
// (workforce): the period asked for (defaults, limits), its buckets (calendar months or ISO weeks, UTC, labelled
// `2026-01` / `2026-W05`), medians and rates. No I/O. One place, so both answer the same periods the same way.
import type { FieldProblem } from '../errors.ts';

export type Interval = 'month' | 'week';
export const INTERVALS = ['month', 'week'] as const satisfies readonly Interval[];
/** The longest period one request may cover. */
export const MAX_PERIOD_YEARS = 5;
/** A badge whose validity ends within this many days of today is "expiring soon". */
export const EXPIRING_SOON_DAYS = 90;

export interface Period {
  /** First day, YYYY-MM-DD (UTC). */
  from: string;
  /** Last day, YYYY-MM-DD (UTC), included. */
  to: string;
  interval: Interval;
}

export const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD that names a real calendar day, as a UTC midnight; undefined otherwise. */
export function parseDay(text: string): Date | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? date
    : undefined;
}

export const dayOf = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * The period asked for: `to` defaults to today, `from` to the first day of the month eleven months before
 * `to`'s (twelve monthly buckets, the current one included). Problems name the parameter at fault.
 */
export function resolvePeriod(
  query: { from?: string; to?: string; interval?: Interval },
  today: Date,
): { period: Period; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const to = query.to === undefined ? parseDay(dayOf(today)) : parseDay(query.to);
  if (!to)
    problems.push({
      path: 'to',
      message: `"${query.to}" is not a calendar day written YYYY-MM-DD`,
      code: 'not-a-day',
      params: { value: String(query.to) },
    });
  const end = to ?? parseDay(dayOf(today))!;
  const from =
    query.from === undefined
      ? new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1))
      : parseDay(query.from);
  if (!from)
    problems.push({
      path: 'from',
      message: `"${query.from}" is not a calendar day written YYYY-MM-DD`,
      code: 'not-a-day',
      params: { value: String(query.from) },
    });
  if (from && to) {
    if (from.getTime() > to.getTime())
      problems.push({
        path: 'from',
        message: `from (${dayOf(from)}) must be on or before to (${dayOf(to)})`,
        code: 'from-after-to',
        params: { from: dayOf(from), to: dayOf(to) },
      });
    const limit = new Date(from);
    limit.setUTCFullYear(limit.getUTCFullYear() + MAX_PERIOD_YEARS);
    if (to.getTime() >= limit.getTime())
      problems.push({
        path: 'to',
        message: `A period covers at most ${MAX_PERIOD_YEARS} years`,
        code: 'period-too-long',
        params: { years: MAX_PERIOD_YEARS },
      });
  }
  const interval = query.interval ?? 'month';
  return { period: { from: from ? dayOf(from) : '', to: to ? dayOf(to) : '', interval }, problems };
}

/** The period's bounds as instants: `start` included, `end` (the day after `to`) excluded. */
export function bounds(period: Period): { start: Date; end: Date } {
  const start = parseDay(period.from)!;
  const last = parseDay(period.to)!;
  return { start, end: new Date(last.getTime() + DAY_MS) };
}

/** The Monday (UTC) of the ISO week holding `date`. */
function mondayOf(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - weekday * DAY_MS);
}

/** "2026-01" for a month; "2026-W05" for an ISO week (its year is the year of its Thursday). */
export function bucketLabel(date: Date, interval: Interval): string {
  if (interval === 'month') return date.toISOString().slice(0, 7);
  const thursday = new Date(mondayOf(date).getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Every bucket the period touches, in order (the first and last may be partial). */
export function bucketLabels(period: Period): string[] {
  const { start, end } = bounds(period);
  const labels: string[] = [];
  let cursor =
    period.interval === 'month'
      ? new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1))
      : mondayOf(start);
  while (cursor.getTime() < end.getTime()) {
    labels.push(bucketLabel(cursor, period.interval));
    cursor =
      period.interval === 'month'
        ? new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1))
        : new Date(cursor.getTime() + 7 * DAY_MS);
  }
  return labels;
}

/**
 * One row per bucket of the period, in order, from rows the database counted per bucket label: a bucket
 * nobody counted gets `zero` (so a chart's axis has no holes).
 */
export function fillSeries<T extends { period: string }>(
  period: Period,
  rows: readonly T[],
  zero: Omit<T, 'period'>,
): T[] {
  const byLabel = new Map(rows.map((row) => [row.period, row]));
  return bucketLabels(period).map((label) => byLabel.get(label) ?? ({ ...zero, period: label } as T));
}

/** Counts per bucket label, every bucket of the period listed (zeros included). */
export function fillBuckets(period: Period, counts: ReadonlyMap<string, number>): Array<[string, number]> {
  return bucketLabels(period).map((label) => [label, counts.get(label) ?? 0]);
}

export const round1 = (value: number): number => Math.round(value * 10) / 10;

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const daysBetween = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / DAY_MS;

/** part ÷ whole, to three decimals; null when the whole is zero. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}
