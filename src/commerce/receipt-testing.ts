// Test factories for receipts: orders recorded directly in their final state (placed, paid, refunded), as
// checkout and fulfilment leave them, and a reader of the text a PDF shows.
import type { Deps } from '../deps.ts';
import type { ReceiptFacts } from './receipt-store.ts';
import type { ProviderName } from './tables.ts';

export interface RecordedLine {
  description: string;
  listMinor: number;
  discountMinor?: number;
  courseId?: string | null;
}

export interface RecordedOrder {
  orgId: string;
  userId: string;
  buyerEmail: string;
  buyerName?: string | null;
  sellerName?: string;
  sellerDetails?: string;
  currency?: string;
  taxRateBp?: number;
  taxLabel?: string;
  lines: RecordedLine[];
  /** Paid with this provider at this time; omitted: awaiting payment (a pending manual invoice). */
  paid?: { provider: Exclude<ProviderName, 'free'>; at: Date; reference?: string };
  placedAt?: Date;
}

/** Tax per line rounded half up, as checkout computes it (integer arithmetic). */
const taxOf = (net: number, rateBp: number) => Math.floor((net * rateBp + 5000) / 10000);

export async function aRecordedOrder(
  deps: Deps,
  input: RecordedOrder,
): Promise<{ orderId: string; number: number; lineIds: string[] }> {
  const rateBp = input.taxRateBp ?? 2000;
  const lines = input.lines.map((line) => {
    const discountMinor = line.discountMinor ?? 0;
    const taxMinor = taxOf(line.listMinor - discountMinor, rateBp);
    return { ...line, discountMinor, taxMinor, totalMinor: line.listMinor - discountMinor + taxMinor };
  });
  const sum = (pick: (l: (typeof lines)[number]) => number) => lines.reduce((s, l) => s + pick(l), 0);
  const placedAt = input.placedAt ?? new Date('2026-03-01T10:00:00Z');
  const currency = input.currency ?? 'EUR';
  return deps.db.transaction().execute(async (trx) => {
    const order = await trx
      .insertInto('orders')
      .values({
        orgId: input.orgId,
        userId: input.userId,
        kind: 'purchase',
        state: input.paid ? 'paid' : 'awaiting-payment',
        currency,
        subtotalMinor: sum((l) => l.listMinor),
        discountMinor: sum((l) => l.discountMinor),
        taxMinor: sum((l) => l.taxMinor),
        totalMinor: sum((l) => l.totalMinor),
        taxRateBp: rateBp,
        taxLabel: input.taxLabel ?? 'VAT',
        provider: input.paid?.provider ?? 'manual',
        buyerEmail: input.buyerEmail,
        buyerName: input.buyerName ?? null,
        sellerName: input.sellerName ?? 'Gestión Academy',
        sellerDetails:
          input.sellerDetails ?? 'Gestión Academy S.L.\nCalle Mayor 1, 28001 Madrid\nVAT ES-B12345678',
        placedAt,
        paidAt: input.paid?.at ?? null,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    const inserted = await trx
      .insertInto('orderLines')
      .values(
        lines.map((line, position) => ({
          orderId: order.id,
          orgId: input.orgId,
          position,
          kind: 'course' as const,
          courseId: line.courseId ?? null,
          description: line.description,
          listMinor: line.listMinor,
          discountMinor: line.discountMinor,
          taxMinor: line.taxMinor,
          totalMinor: line.totalMinor,
          accessDays: 365,
        })),
      )
      .returning('id')
      .execute();
    const number = Number(order.number);
    await trx
      .insertInto('payments')
      .values({
        orgId: input.orgId,
        orderId: order.id,
        provider: input.paid?.provider ?? 'manual',
        providerRef:
          input.paid?.reference ??
          (input.paid?.provider === 'stripe' ? `cs_test_${number}` : `INV-${number}`),
        amountMinor: sum((l) => l.totalMinor),
        currency,
        state: input.paid ? 'succeeded' : 'pending',
        createdAt: placedAt,
        settledAt: input.paid?.at ?? null,
      })
      .execute();
    return { orderId: order.id, number, lineIds: inserted.map((row) => row.id) };
  });
}

/** Refunds these lines of a paid order as the refunds flow records it; returns the refund id. */
export async function aRecordedRefund(
  deps: Deps,
  orderId: string,
  lineIds: string[],
  at: Date,
): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    const order = await trx
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    const lines = await trx.selectFrom('orderLines').selectAll().where('id', 'in', lineIds).execute();
    const refund = await trx
      .insertInto('refunds')
      .values({
        orgId: order.orgId,
        orderId,
        kind: 'policy',
        amountMinor: lines.reduce((s, l) => s + l.totalMinor, 0),
        taxMinor: lines.reduce((s, l) => s + l.taxMinor, 0),
        currency: order.currency,
        createdAt: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('orderLines').set({ refundId: refund.id }).where('id', 'in', lineIds).execute();
    const all = await trx
      .selectFrom('orderLines')
      .select('refundId')
      .where('orderId', '=', orderId)
      .execute();
    const state = all.every((l) => l.refundId !== null) ? 'refunded' : 'partially-refunded';
    await trx.updateTable('orders').set({ state }).where('id', '=', orderId).execute();
    return refund.id;
  });
}

/** A paid order's facts without a database, for the PDF alone. */
export function sampleReceiptFacts(overrides: Partial<ReceiptFacts['order']> = {}): ReceiptFacts {
  return {
    order: {
      id: '5f0f3a52-52a4-4c39-9a4f-0d6f8f0b9a11',
      orgId: '0b7f3c1e-9a55-4bb4-8a26-5e2f1f7f0c01',
      userId: '7c1b2d3e-4f50-4a61-8b72-9c8d7e6f5a40',
      number: 1042,
      kind: 'purchase',
      state: 'paid',
      currency: 'EUR',
      subtotalMinor: 11000,
      discountMinor: 1100,
      taxMinor: 1980,
      totalMinor: 11880,
      taxRateBp: 2000,
      taxLabel: 'VAT',
      couponCode: null,
      provider: 'stripe',
      buyerEmail: 'ana.nunez@example.org',
      buyerName: 'Ana Núñez',
      sellerName: 'Gestión Academy',
      sellerDetails: 'Gestión Academy S.L.\nCalle Mayor 1, 28001 Madrid\nVAT ES-B12345678',
      placedAt: new Date('2026-03-01T10:00:00Z'),
      paidAt: new Date('2026-03-02T09:30:00Z'),
      cancelledAt: null,
      ...overrides,
    },
    lines: [
      {
        id: 'a1',
        kind: 'bundle-course',
        courseId: 'c1',
        description: 'Payroll basics (bundle: Payroll Clerk)',
        listMinor: 6000,
        discountMinor: 600,
        taxMinor: 1080,
        totalMinor: 6480,
        refundId: null,
      },
      {
        id: 'a2',
        kind: 'bundle-course',
        courseId: 'c2',
        description: 'Year-end closing (bundle: Payroll Clerk)',
        listMinor: 5000,
        discountMinor: 500,
        taxMinor: 900,
        totalMinor: 5400,
        refundId: null,
      },
    ],
    payment: {
      provider: 'stripe',
      providerRef: 'cs_test_a1b2c3',
      state: 'succeeded',
      amountMinor: 11880,
      settledAt: new Date('2026-03-02T09:30:00Z'),
    },
    refunds: [],
  };
}
