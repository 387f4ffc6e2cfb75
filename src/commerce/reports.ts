// The issuer's sales report: per month (UTC) and per item (a course, a badge bundle, the issuance fee)
// what was sold, discounted, taxed and refunded, in one currency. Sales count in the month the order was
// paid; refunds in the month they were made. Revenue is what was charged before tax less what was refunded.
// Orders paid by test card (test mode, no money moved) are left out of every figure and counted apart.
import { sql } from 'kysely';
import { latestPublishedVersion } from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import { requireMembership } from '../orgs/index.ts';
import type { OrderState } from './tables.ts';

export const REPORT_READERS = ['owner', 'admin', 'staff'] as const;
/** The longest range one report covers: ten years of months. */
export const MAX_REPORT_MONTHS = 120;
const DEFAULT_REPORT_MONTHS = 12;
const SOLD_STATES: OrderState[] = ['paid', 'refunded', 'partially-refunded'];

export type ReportItemKind = 'course' | 'bundle' | 'issuance-fee';

export interface SalesFigures {
  /** Net sales (list − discount) of courses and bundles. */
  salesMinor: number;
  /** Net amount refunded (tax excluded), in the month of the refund. */
  refundsMinor: number;
  /** Net issuance fees charged. */
  feesMinor: number;
  /** salesMinor + feesMinor − refundsMinor. */
  revenueMinor: number;
  discountsMinor: number;
  taxMinor: number;
  /** Orders paid in the period. */
  orders: number;
}

export interface SalesMonth extends SalesFigures {
  /** YYYY-MM, UTC. */
  month: string;
}

export interface SalesRow {
  month: string;
  itemKind: ReportItemKind;
  /** The course id, the bundle's badge id; null for the issuance fee. */
  itemId: string | null;
  title: string;
  /** Courses or fees sold; for a bundle, bundles sold (orders with its courses). */
  units: number;
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  taxMinor: number;
  /** Refunds made this month that gave money back for this item. */
  refunds: number;
  refundedMinor: number;
  revenueMinor: number;
}

export interface SalesReport {
  /** null when the organization has sold nothing and no currency was asked for. */
  currency: string | null;
  /** Every currency the organization has sold in, most orders first. */
  currencies: string[];
  from: string;
  to: string;
  months: SalesMonth[];
  rows: SalesRow[];
  totals: SalesFigures;
  /** Orders paid by test card in the months asked (no money moved): left out of every figure above. */
  testModeOrders: number;
}

export interface SalesReportQuery {
  from?: string | undefined;
  to?: string | undefined;
  currency?: string | undefined;
}

// ---- months ----------------------------------------------------------------------------------------

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months counted from year 0, so ranges are integer arithmetic. */
function monthIndex(month: string, field: string): number {
  const match = MONTH.exec(month);
  if (!match) {
    throw new InvalidError(`${field} must be a month written YYYY-MM.`, [
      { path: field, message: 'Use a month written YYYY-MM, e.g. 2026-11.', code: 'month-format' },
    ]);
  }
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

const monthOfIndex = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
const startOfMonth = (index: number) => new Date(Date.UTC(Math.floor(index / 12), index % 12, 1));

/** The months asked for; by default the twelve months up to and including the current one. */
export function reportRange(query: SalesReportQuery, now: Date): { from: number; to: number } {
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const to = query.to ? monthIndex(query.to, 'to') : current;
  const from = query.from ? monthIndex(query.from, 'from') : to - (DEFAULT_REPORT_MONTHS - 1);
  if (from > to) {
    throw new InvalidError('The report must start no later than it ends.', [
      {
        path: 'from',
        message: `Pick a month no later than ${monthOfIndex(to)}.`,
        code: 'month-after-end',
        params: { to: monthOfIndex(to) },
      },
    ]);
  }
  if (to - from + 1 > MAX_REPORT_MONTHS) {
    throw new InvalidError(`A report covers at most ${MAX_REPORT_MONTHS} months.`, [
      {
        path: 'from',
        message: `Pick a range of at most ${MAX_REPORT_MONTHS} months.`,
        code: 'too-many-months',
        params: { maximum: MAX_REPORT_MONTHS },
      },
    ]);
  }
  return { from, to };
}

// ---- queries ---------------------------------------------------------------------------------------

/** Currencies the organization has sold in, the one with most paid orders first. */
async function currenciesSold(deps: Deps, orgId: string): Promise<string[]> {
  const rows = await deps.db
    .selectFrom('orders')
    .select(['currency', (eb) => eb.fn.countAll().as('orders')])
    .where('orgId', '=', orgId)
    .where('state', 'in', SOLD_STATES)
    .where('provider', '!=', 'test-card')
    .groupBy('currency')
    .execute();
  return rows
    .sort((a, b) => Number(b.orders) - Number(a.orders) || a.currency.localeCompare(b.currency))
    .map((row) => row.currency);
}

interface Period {
  orgId: string;
  currency: string;
  start: Date;
  end: Date;
}

// No parameters inside these expressions: GROUP BY must repeat them exactly as selected.
const paidMonth = sql<string>`to_char(orders.paid_at at time zone 'UTC', 'YYYY-MM')`;
const refundMonth = sql<string>`to_char(refunds.created_at at time zone 'UTC', 'YYYY-MM')`;
const itemKind = sql<ReportItemKind>`case order_lines.kind when 'course' then 'course' when 'bundle-course' then 'bundle' else 'issuance-fee' end`;
const itemId = sql<
  string | null
>`case order_lines.kind when 'course' then order_lines.course_id when 'bundle-course' then order_lines.badge_id end`;

async function salesByMonthAndItem(deps: Deps, p: Period) {
  return deps.db
    .selectFrom('orderLines')
    .innerJoin('orders', 'orders.id', 'orderLines.orderId')
    .select([
      paidMonth.as('month'),
      itemKind.as('itemKind'),
      itemId.as('itemId'),
      sql<number>`count(*)`.as('lines'),
      sql<number>`count(distinct orders.id)`.as('orders'),
      sql<number>`sum(order_lines.list_minor)`.as('gross'),
      sql<number>`sum(order_lines.discount_minor)`.as('discount'),
      sql<number>`sum(order_lines.tax_minor)`.as('tax'),
    ])
    .where('orders.orgId', '=', p.orgId)
    .where('orders.currency', '=', p.currency)
    .where('orders.state', 'in', SOLD_STATES)
    .where('orders.paidAt', '>=', p.start)
    .where('orders.paidAt', '<', p.end)
    .where('orders.provider', '!=', 'test-card')
    .groupBy([paidMonth, itemKind, itemId])
    .execute();
}

async function refundsByMonthAndItem(deps: Deps, p: Period) {
  return deps.db
    .selectFrom('refunds')
    .innerJoin('orderLines', 'orderLines.refundId', 'refunds.id')
    .innerJoin('orders', 'orders.id', 'refunds.orderId')
    .select([
      refundMonth.as('month'),
      itemKind.as('itemKind'),
      itemId.as('itemId'),
      sql<number>`count(distinct refunds.id)`.as('refunds'),
      sql<number>`sum(order_lines.list_minor - order_lines.discount_minor)`.as('refunded'),
    ])
    .where('refunds.orgId', '=', p.orgId)
    .where('refunds.currency', '=', p.currency)
    .where('refunds.createdAt', '>=', p.start)
    .where('refunds.createdAt', '<', p.end)
    .where('orders.provider', '!=', 'test-card')
    .groupBy([refundMonth, itemKind, itemId])
    .execute();
}

async function ordersByMonth(deps: Deps, p: Period): Promise<Map<string, number>> {
  const rows = await deps.db
    .selectFrom('orders')
    .select([paidMonth.as('month'), sql<number>`count(*)`.as('orders')])
    .where('orgId', '=', p.orgId)
    .where('currency', '=', p.currency)
    .where('state', 'in', SOLD_STATES)
    .where('paidAt', '>=', p.start)
    .where('paidAt', '<', p.end)
    .where('provider', '!=', 'test-card')
    .groupBy(paidMonth)
    .execute();
  return new Map(rows.map((row) => [row.month, Number(row.orders)]));
}

/** Orders paid by test card in the period (any currency): shown beside the report, never in its figures. */
async function testModeOrders(deps: Deps, p: Omit<Period, 'currency'>): Promise<number> {
  const row = await deps.db
    .selectFrom('orders')
    .select(sql<number>`count(*)`.as('orders'))
    .where('orgId', '=', p.orgId)
    .where('state', 'in', SOLD_STATES)
    .where('provider', '=', 'test-card')
    .where('paidAt', '>=', p.start)
    .where('paidAt', '<', p.end)
    .executeTakeFirst();
  return Number(row?.orders ?? 0);
}

/** Course titles as sold (the newest line's description): the catalog may have renamed or archived them. */
async function courseTitles(deps: Deps, orgId: string, courseIds: string[]): Promise<Map<string, string>> {
  if (courseIds.length === 0) return new Map();
  const rows = await deps.db
    .selectFrom('orderLines')
    .innerJoin('orders', 'orders.id', 'orderLines.orderId')
    .distinctOn('orderLines.courseId')
    .select(['orderLines.courseId', 'orderLines.description'])
    .where('orderLines.orgId', '=', orgId)
    .where('orderLines.kind', '=', 'course')
    .where('orderLines.courseId', 'in', courseIds)
    .orderBy('orderLines.courseId')
    .orderBy('orders.placedAt', 'desc')
    .execute();
  return new Map(rows.map((row) => [row.courseId ?? '', row.description]));
}

async function bundleTitles(deps: Deps, badgeIds: string[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const badgeId of badgeIds) {
    const version = await latestPublishedVersion(deps.db, badgeId);
    titles.set(badgeId, version?.name ?? 'Bundle');
  }
  return titles;
}

// ---- the report ------------------------------------------------------------------------------------

const zeroFigures = (): SalesFigures => ({
  salesMinor: 0,
  refundsMinor: 0,
  feesMinor: 0,
  revenueMinor: 0,
  discountsMinor: 0,
  taxMinor: 0,
  orders: 0,
});

const KIND_ORDER: Record<ReportItemKind, number> = { course: 0, bundle: 1, 'issuance-fee': 2 };

function addRowTo(figures: SalesFigures, row: SalesRow): void {
  if (row.itemKind === 'issuance-fee') figures.feesMinor += row.netMinor;
  else figures.salesMinor += row.netMinor;
  figures.refundsMinor += row.refundedMinor;
  figures.revenueMinor += row.revenueMinor;
  figures.discountsMinor += row.discountMinor;
  figures.taxMinor += row.taxMinor;
}

const emptyRow = (month: string, itemKind: ReportItemKind, itemId: string | null): SalesRow => ({
  month,
  itemKind,
  itemId,
  title: '',
  units: 0,
  grossMinor: 0,
  discountMinor: 0,
  netMinor: 0,
  taxMinor: 0,
  refunds: 0,
  refundedMinor: 0,
  revenueMinor: 0,
});

type SaleGroup = Awaited<ReturnType<typeof salesByMonthAndItem>>[number];
type RefundGroup = Awaited<ReturnType<typeof refundsByMonthAndItem>>[number];

/** One row per month and item, from the sales and the refunds grouped that way. */
function mergeRows(sales: SaleGroup[], refunds: RefundGroup[]): SalesRow[] {
  const rows = new Map<string, SalesRow>();
  const rowOf = (month: string, kind: ReportItemKind, id: string | null): SalesRow => {
    const key = `${month}|${kind}|${id ?? ''}`;
    const row = rows.get(key) ?? emptyRow(month, kind, id);
    rows.set(key, row);
    return row;
  };
  for (const sale of sales) {
    const row = rowOf(sale.month, sale.itemKind, sale.itemId);
    row.units = Number(sale.itemKind === 'bundle' ? sale.orders : sale.lines);
    row.grossMinor = Number(sale.gross);
    row.discountMinor = Number(sale.discount);
    row.netMinor = row.grossMinor - row.discountMinor;
    row.taxMinor = Number(sale.tax);
  }
  for (const refund of refunds) {
    const row = rowOf(refund.month, refund.itemKind, refund.itemId);
    row.refunds = Number(refund.refunds);
    row.refundedMinor = Number(refund.refunded);
  }
  const all = [...rows.values()];
  for (const row of all) row.revenueMinor = row.netMinor - row.refundedMinor;
  return all;
}

async function nameRows(deps: Deps, orgId: string, rows: SalesRow[]): Promise<SalesRow[]> {
  const ids = (kind: ReportItemKind) => [
    ...new Set(rows.filter((r) => r.itemKind === kind).map((r) => r.itemId ?? '')),
  ];
  const courses = await courseTitles(deps, orgId, ids('course'));
  const bundles = await bundleTitles(deps, ids('bundle'));
  for (const row of rows) {
    row.title =
      row.itemKind === 'issuance-fee'
        ? 'Issuance fee'
        : ((row.itemKind === 'course' ? courses : bundles).get(row.itemId ?? '') ?? 'Untitled');
  }
  return rows.sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      KIND_ORDER[a.itemKind] - KIND_ORDER[b.itemKind] ||
      a.title.localeCompare(b.title) ||
      (a.itemId ?? '').localeCompare(b.itemId ?? ''),
  );
}

export async function salesReport(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  query: SalesReportQuery,
): Promise<SalesReport> {
  requireScope(actor, 'read');
  requireMembership(actor, orgId, REPORT_READERS);
  const range = reportRange(query, deps.now());
  const currencies = await currenciesSold(deps, orgId);
  const currency = query.currency ?? currencies[0] ?? null;
  const months = Array.from({ length: range.to - range.from + 1 }, (_, i) => ({
    month: monthOfIndex(range.from + i),
    ...zeroFigures(),
  }));
  const report = {
    currency,
    currencies,
    from: monthOfIndex(range.from),
    to: monthOfIndex(range.to),
    testModeOrders: await testModeOrders(deps, {
      orgId,
      start: startOfMonth(range.from),
      end: startOfMonth(range.to + 1),
    }),
  };
  if (currency === null) return { ...report, months, rows: [], totals: zeroFigures() };

  const period = { orgId, currency, start: startOfMonth(range.from), end: startOfMonth(range.to + 1) };
  const rows = await nameRows(
    deps,
    orgId,
    mergeRows(await salesByMonthAndItem(deps, period), await refundsByMonthAndItem(deps, period)),
  );
  const orders = await ordersByMonth(deps, period);
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const totals = zeroFigures();
  for (const month of months) month.orders = orders.get(month.month) ?? 0;
  for (const row of rows) {
    const month = byMonth.get(row.month);
    if (month) addRowTo(month, row);
    addRowTo(totals, row);
  }
  totals.orders = months.reduce((sum, m) => sum + m.orders, 0);
  return { ...report, months, rows, totals };
}
