import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { csvCell } from '../csv/index.ts';
import { aLoggedInUser, logInAs, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import type { OrderLineKind, OrderState } from './tables.ts';
import {
  aBundleBadge,
  aPaidOrder,
  aPricedCourse,
  cartOf,
  setShopSettings,
  type TestOrder,
} from './testing.ts';

interface LineFixture {
  kind: OrderLineKind;
  courseId?: string;
  badgeId?: string;
  description: string;
  listMinor: number;
  discountMinor?: number;
  taxMinor?: number;
}

interface OrderFixture {
  state: OrderState;
  paidAt: string | null;
  currency?: string;
  lines: LineFixture[];
}

describe('the issuer’s sales report', () => {
  let t: TestApp;
  const clock = new Date('2026-12-15T12:00:00Z');
  let issuer: TestIssuer;
  let learner: TestSession;
  let staff: TestSession;
  let assessor: TestSession;
  let otherOwner: TestSession;
  let formulaCourse: string;
  let payrollCourse: string;
  let bundleBadge: string;
  let refundedLine: string;

  /** An order as the order store leaves it (totals consistent, as the check constraints demand). */
  async function anOrder(order: OrderFixture): Promise<{ id: string; lineIds: string[] }> {
    const lines = order.lines.map((line) => {
      const discountMinor = line.discountMinor ?? 0;
      const taxMinor = line.taxMinor ?? 0;
      return { ...line, discountMinor, taxMinor, totalMinor: line.listMinor - discountMinor + taxMinor };
    });
    const sum = (pick: (line: (typeof lines)[number]) => number) => lines.reduce((s, l) => s + pick(l), 0);
    const placedAt = new Date(order.paidAt ?? '2026-11-15T09:00:00Z');
    const row = await t.deps.db
      .insertInto('orders')
      .values({
        orgId: issuer.orgId,
        userId: learner.userId,
        kind: lines.some((l) => l.kind === 'issuance-fee') ? 'issuance-fee' : 'purchase',
        state: order.state,
        currency: order.currency ?? 'EUR',
        subtotalMinor: sum((l) => l.listMinor),
        discountMinor: sum((l) => l.discountMinor),
        taxMinor: sum((l) => l.taxMinor),
        totalMinor: sum((l) => l.totalMinor),
        taxRateBp: 2000,
        taxLabel: 'VAT',
        provider: 'manual',
        buyerEmail: 'learner@example.org',
        sellerName: 'Report Academy',
        sellerDetails: '',
        placedAt: new Date(placedAt.getTime() - 60_000),
        paidAt: order.paidAt ? new Date(order.paidAt) : null,
        cancelledAt: order.state === 'cancelled' ? placedAt : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const inserted = await t.deps.db
      .insertInto('orderLines')
      .values(
        lines.map((line, position) => ({
          orderId: row.id,
          orgId: issuer.orgId,
          position,
          kind: line.kind,
          courseId: line.courseId ?? null,
          badgeId: line.badgeId ?? null,
          description: line.description,
          listMinor: line.listMinor,
          discountMinor: line.discountMinor,
          taxMinor: line.taxMinor,
          totalMinor: line.totalMinor,
          accessDays: line.kind === 'issuance-fee' ? null : 365,
        })),
      )
      .returning('id')
      .execute();
    return { id: row.id, lineIds: inserted.map((line) => line.id) };
  }

  async function aRefund(orderId: string, lineId: string, at: string, state: OrderState): Promise<void> {
    const line = await t.deps.db
      .selectFrom('orderLines')
      .selectAll()
      .where('id', '=', lineId)
      .executeTakeFirstOrThrow();
    const refund = await t.deps.db
      .insertInto('refunds')
      .values({
        orgId: issuer.orgId,
        orderId,
        kind: 'policy',
        amountMinor: line.totalMinor,
        taxMinor: line.taxMinor,
        currency: 'EUR',
        reason: null,
        actorUserId: learner.userId,
        providerRef: null,
        createdAt: new Date(at),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.deps.db.updateTable('orderLines').set({ refundId: refund.id }).where('id', '=', lineId).execute();
    await t.deps.db.updateTable('orders').set({ state }).where('id', '=', orderId).execute();
  }

  const addMember = async (role: string) => {
    const person = await aLoggedInUser(t.app, t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: person.email, role },
    });
    expect(added.statusCode, added.body).toBe(201);
    return person;
  };

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Report Academy');
    learner = await aLoggedInUser(t.app, t.deps);
    staff = await addMember('staff');
    assessor = await addMember('assessor');
    otherOwner = (await anIssuerWithOwner(t.app, t.deps, 'Other Academy')).owner;
    formulaCourse = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title: 'Formulas' });
    payrollCourse = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title: 'Payroll basics' });
    bundleBadge = (
      await aPublishedBadge(t.app, issuer, {
        courseIds: [formulaCourse, payrollCourse],
        name: 'Payroll bundle',
      })
    ).id;

    // October: one course sold singly (its title as sold looks like a spreadsheet formula).
    const october = await anOrder({
      state: 'paid',
      paidAt: '2026-10-05T10:00:00Z',
      lines: [
        {
          kind: 'course',
          courseId: formulaCourse,
          description: '=HYPERLINK("http://evil.example")',
          listMinor: 5_000,
          taxMinor: 1_000,
        },
      ],
    });
    refundedLine = october.lineIds[0] ?? '';
    // November: the bundle, the issuance fee, and a course paid on 1 December in Berlin (still November in UTC).
    await anOrder({
      state: 'paid',
      paidAt: '2026-11-10T10:00:00Z',
      lines: [
        {
          kind: 'bundle-course',
          courseId: formulaCourse,
          badgeId: bundleBadge,
          description: 'Formulas (Payroll bundle)',
          listMinor: 5_000,
          discountMinor: 500,
          taxMinor: 900,
        },
        {
          kind: 'bundle-course',
          courseId: payrollCourse,
          badgeId: bundleBadge,
          description: 'Payroll basics (Payroll bundle)',
          listMinor: 3_000,
          discountMinor: 300,
          taxMinor: 540,
        },
      ],
    });
    await anOrder({
      state: 'paid',
      paidAt: '2026-11-20T10:00:00Z',
      lines: [
        {
          kind: 'issuance-fee',
          badgeId: bundleBadge,
          description: 'Issuance fee',
          listMinor: 1_500,
          taxMinor: 300,
        },
      ],
    });
    await anOrder({
      state: 'paid',
      paidAt: '2026-12-01T00:30:00+01:00',
      lines: [
        {
          kind: 'course',
          courseId: payrollCourse,
          description: 'Payroll basics',
          listMinor: 3_000,
          taxMinor: 600,
        },
      ],
    });
    // Not sales: an order still awaiting payment and a cancelled one.
    for (const state of ['awaiting-payment', 'cancelled'] as const) {
      await anOrder({
        state,
        paidAt: null,
        lines: [{ kind: 'course', courseId: payrollCourse, description: 'Payroll basics', listMinor: 9_000 }],
      });
    }
    // Another currency.
    await anOrder({
      state: 'paid',
      paidAt: '2026-11-11T10:00:00Z',
      currency: 'USD',
      lines: [{ kind: 'course', courseId: payrollCourse, description: 'Payroll basics', listMinor: 2_000 }],
    });
    // The October course is refunded in November.
    await aRefund(october.id, refundedLine, '2026-11-03T08:00:00Z', 'refunded');
  });
  afterAll(() => t?.close());

  const report = (query = '', as: TestSession = issuer.owner, orgId = issuer.orgId) =>
    t.app.inject({ method: 'GET', url: `/api/v1/orgs/${orgId}/reports/sales${query}`, headers: as.headers });
  const csv = (query = '', as: TestSession = issuer.owner) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/reports/sales.csv${query}`,
      headers: as.headers,
    });

  it('covers the last twelve months by default, every month listed even without sales', async () => {
    const response = await report();
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ currency: 'EUR', from: '2026-01', to: '2026-12' });
    expect(body.months.map((m: { month: string }) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(body.months[0]).toEqual({
      month: '2026-01',
      salesMinor: 0,
      refundsMinor: 0,
      feesMinor: 0,
      revenueMinor: 0,
      discountsMinor: 0,
      taxMinor: 0,
      orders: 0,
    });
  });

  it('totals each month from paid orders only, by the UTC month of payment', async () => {
    const body = (await report('?from=2026-10&to=2026-12')).json();
    expect(body.months).toEqual([
      {
        month: '2026-10',
        salesMinor: 5_000,
        refundsMinor: 0,
        feesMinor: 0,
        revenueMinor: 5_000,
        discountsMinor: 0,
        taxMinor: 1_000,
        orders: 1,
      },
      {
        month: '2026-11',
        salesMinor: 10_200,
        refundsMinor: 5_000,
        feesMinor: 1_500,
        revenueMinor: 6_700,
        discountsMinor: 800,
        taxMinor: 2_340,
        orders: 3,
      },
      {
        month: '2026-12',
        salesMinor: 0,
        refundsMinor: 0,
        feesMinor: 0,
        revenueMinor: 0,
        discountsMinor: 0,
        taxMinor: 0,
        orders: 0,
      },
    ]);
    expect(body.totals).toEqual({
      salesMinor: 15_200,
      refundsMinor: 5_000,
      feesMinor: 1_500,
      revenueMinor: 11_700,
      discountsMinor: 800,
      taxMinor: 3_340,
      orders: 4,
    });
  });

  it('counts a refund in the month it was made, against the item it gave money back for', async () => {
    const body = (await report('?from=2026-10&to=2026-11')).json();
    const formulaRows = body.rows.filter((row: { itemId: string }) => row.itemId === formulaCourse);
    expect(formulaRows).toEqual([
      expect.objectContaining({
        month: '2026-10',
        units: 1,
        netMinor: 5_000,
        refunds: 0,
        revenueMinor: 5_000,
      }),
      expect.objectContaining({
        month: '2026-11',
        units: 0,
        netMinor: 0,
        refunds: 1,
        refundedMinor: 5_000,
        revenueMinor: -5_000,
      }),
    ]);
  });

  it('reports bundles by badge and issuance fees apart from course sales', async () => {
    const body = (await report('?from=2026-11&to=2026-11')).json();
    expect(body.rows).toEqual([
      {
        month: '2026-11',
        itemKind: 'course',
        itemId: formulaCourse,
        title: '=HYPERLINK("http://evil.example")',
        units: 0,
        grossMinor: 0,
        discountMinor: 0,
        netMinor: 0,
        taxMinor: 0,
        refunds: 1,
        refundedMinor: 5_000,
        revenueMinor: -5_000,
      },
      {
        month: '2026-11',
        itemKind: 'course',
        itemId: payrollCourse,
        title: 'Payroll basics',
        units: 1,
        grossMinor: 3_000,
        discountMinor: 0,
        netMinor: 3_000,
        taxMinor: 600,
        refunds: 0,
        refundedMinor: 0,
        revenueMinor: 3_000,
      },
      {
        month: '2026-11',
        itemKind: 'bundle',
        itemId: bundleBadge,
        title: 'Payroll bundle',
        units: 1,
        grossMinor: 8_000,
        discountMinor: 800,
        netMinor: 7_200,
        taxMinor: 1_440,
        refunds: 0,
        refundedMinor: 0,
        revenueMinor: 7_200,
      },
      {
        month: '2026-11',
        itemKind: 'issuance-fee',
        itemId: null,
        title: 'Issuance fee',
        units: 1,
        grossMinor: 1_500,
        discountMinor: 0,
        netMinor: 1_500,
        taxMinor: 300,
        refunds: 0,
        refundedMinor: 0,
        revenueMinor: 1_500,
      },
    ]);
    expect(body.months[0]).toMatchObject({ salesMinor: 10_200, feesMinor: 1_500 });
  });

  it('reports one currency at a time, the one with most orders by default', async () => {
    const eur = (await report()).json();
    expect(eur.currencies).toEqual(['EUR', 'USD']);
    const usd = (await report('?currency=USD&from=2026-11&to=2026-11')).json();
    expect(usd.currency).toBe('USD');
    expect(usd.rows).toEqual([
      expect.objectContaining({ itemKind: 'course', itemId: payrollCourse, units: 1, netMinor: 2_000 }),
    ]);
    expect(usd.totals).toMatchObject({ salesMinor: 2_000, orders: 1 });
  });

  it('exports the rows as CSV with decimal amounts, minor units and formula-safe text', async () => {
    const response = await csv('?from=2026-11&to=2026-11');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="sales-2026-11-to-2026-11-EUR.csv"',
    );
    const lines = response.body.split('\r\n');
    expect(lines[0]).toBe(
      'month,item_kind,item_id,title,currency,units,gross,discount,net,tax,refunds,refunded,revenue,' +
        'gross_minor,discount_minor,net_minor,tax_minor,refunded_minor,revenue_minor',
    );
    expect(lines.slice(1)).toEqual([
      `2026-11,course,${formulaCourse},"'=HYPERLINK(""http://evil.example"")",EUR,0,0.00,0.00,0.00,0.00,1,50.00,-50.00,0,0,0,0,5000,-5000`,
      `2026-11,course,${payrollCourse},Payroll basics,EUR,1,30.00,0.00,30.00,6.00,0,0.00,30.00,3000,0,3000,600,0,3000`,
      `2026-11,bundle,${bundleBadge},Payroll bundle,EUR,1,80.00,8.00,72.00,14.40,0,0.00,72.00,8000,800,7200,1440,0,7200`,
      '2026-11,issuance-fee,,Issuance fee,EUR,1,15.00,0.00,15.00,3.00,0,0.00,15.00,1500,0,1500,300,0,1500',
      '',
    ]);
  });

  it('defuses every cell that would start a formula and quotes separators', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx'].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
    ]);
    expect(csvCell('Carol, Jr.')).toBe('"Carol, Jr."');
    expect(csvCell(null)).toBe('');
  });

  it('is open to the organization’s staff', async () => {
    expect((await report('', staff)).statusCode).toBe(200);
    expect((await csv('', staff)).statusCode).toBe(200);
  });

  it('refuses a member whose role does not cover sales with 403', async () => {
    for (const response of [await report('', assessor), await csv('', assessor)]) {
      expect(response.statusCode, response.body).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers a learner who buys there, and another organization’s owner, as if the organization did not exist', async () => {
    for (const who of [learner, otherOwner]) {
      const response = await report('', who);
      expect(response.statusCode, response.body).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('asks for a login first', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${issuer.orgId}/reports/sales` });
    expect(response.statusCode).toBe(401);
  });

  it('refuses malformed months and a range that ends before it starts, naming the field', async () => {
    for (const [query, field] of [
      ['?from=2026-13', 'from'],
      ['?to=2026-1', 'to'],
      ['?from=November', 'from'],
      ['?from=2026-11&to=2026-10', 'from'],
      ['?from=2010-01&to=2026-12', 'from'],
    ] as const) {
      for (const response of [await report(query), await csv(query)]) {
        expect(response.statusCode, `${query} ${response.body}`).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual([
          expect.stringMatching(new RegExp(`(^|\\.)${field}$`)),
        ]);
      }
    }
  });

  it('reports nothing, in no currency, for an organization that has sold nothing', async () => {
    const empty = await anIssuerWithOwner(t.app, t.deps, 'Quiet Academy');
    const response = await report('', empty.owner, empty.orgId);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      currency: null,
      currencies: [],
      rows: [],
      totals: { salesMinor: 0, revenueMinor: 0, orders: 0 },
    });
  });
});

describe('the sales report over orders placed through the shop', () => {
  let t: TestApp;
  let clock = new Date('2026-11-10T10:00:00Z');
  let issuer: TestIssuer;
  let grossToNet: string;
  let badgeId: string;
  let single: TestOrder;
  let bundle: TestOrder;

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Shop Academy');
    await setShopSettings(t, issuer, { taxRateBp: 2000, bundleDiscountBp: 1000 });
    grossToNet = await aPricedCourse(t, issuer, { priceMinor: 5_000, title: 'Gross to net' });
    const deductions = await aPricedCourse(t, issuer, { priceMinor: 3_000, title: 'Deductions' });
    badgeId = await aBundleBadge(t, issuer, [grossToNet, deductions]);
    const learner = await aLoggedInUser(t.app, t.deps);
    single = await aPaidOrder(t, issuer, learner, [{ kind: 'course', courseId: grossToNet }]);
    clock = new Date('2026-11-12T10:00:00Z');
    // The bundle then charges only for the course still missing.
    bundle = await aPaidOrder(t, issuer, learner, [{ kind: 'bundle', badgeId }]);
    // Checked out but never paid: not a sale.
    const browser = await aLoggedInUser(t.app, t.deps);
    const cart = cartOf(t, browser, issuer.orgId);
    expect((await cart.add({ kind: 'course', courseId: deductions })).statusCode).toBe(201);
    expect((await cart.checkout()).statusCode).toBe(201);
    // In December the issuer refunds the single course as an exception.
    clock = new Date('2026-12-02T09:00:00Z');
    // Weeks later: the owner logs in again.
    issuer.owner = { ...(await logInAs(t.app, issuer.owner.email)), email: issuer.owner.email };
    const refunded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/orders/${single.id}/refunds`,
      headers: issuer.owner.headers,
      payload: { lineIds: single.lines.map((line) => line.id), reason: 'Bought by mistake' },
    });
    expect(refunded.statusCode, refunded.body).toBe(201);
  });
  afterAll(() => t?.close());

  const report = async (query: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/reports/sales${query}`,
      headers: issuer.owner.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('shows the paid orders in their month and the refund in its own', async () => {
    expect(bundle).toMatchObject({ subtotalMinor: 3_000, discountMinor: 300, taxMinor: 540 });
    const body = await report('?from=2026-11&to=2026-12');
    expect(body.months).toEqual([
      {
        month: '2026-11',
        salesMinor: 7_700,
        refundsMinor: 0,
        feesMinor: 0,
        revenueMinor: 7_700,
        discountsMinor: 300,
        taxMinor: 1_540,
        orders: 2,
      },
      {
        month: '2026-12',
        salesMinor: 0,
        refundsMinor: 5_000,
        feesMinor: 0,
        revenueMinor: -5_000,
        discountsMinor: 0,
        taxMinor: 0,
        orders: 0,
      },
    ]);
    expect(body.rows).toEqual([
      expect.objectContaining({
        month: '2026-11',
        itemKind: 'course',
        itemId: grossToNet,
        title: 'Gross to net',
        units: 1,
        netMinor: 5_000,
      }),
      expect.objectContaining({
        month: '2026-11',
        itemKind: 'bundle',
        itemId: badgeId,
        title: expect.stringMatching(/^Payroll practitioner/),
        units: 1,
        grossMinor: 3_000,
        discountMinor: 300,
        netMinor: 2_700,
        taxMinor: 540,
      }),
      expect.objectContaining({
        month: '2026-12',
        itemKind: 'course',
        itemId: grossToNet,
        units: 0,
        refunds: 1,
        refundedMinor: 5_000,
      }),
    ]);
  });

  it('agrees with the ledger: revenue is what sales, discounts and refunds left on their accounts', async () => {
    const body = await report('?from=2026-11&to=2026-12');
    const entries = await t.deps.db
      .selectFrom('ledgerEntries')
      .select(['account', 'amountMinor'])
      .where('orgId', '=', issuer.orgId)
      .execute();
    const onAccounts = (pattern: RegExp) =>
      entries.filter((e) => pattern.test(e.account)).reduce((sum, e) => sum + Number(e.amountMinor), 0);
    expect(entries.length).toBeGreaterThan(0);
    // Credits are negative: sales and fees less discounts less refunds, seen from the income side.
    expect(-onAccounts(/^(sales:.*|discounts|refunds)$/)).toBe(body.totals.revenueMinor);
    expect(onAccounts(/^refunds$/)).toBe(body.totals.refundsMinor);
  });
});
