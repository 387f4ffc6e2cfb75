// Sponsored seats over HTTP, on the real server and database: the quote (a course already held is not
// charged), one invoice order paid by the issuer opening the seats and mailing each person, claims that enrol
// the person (never the manager), seats only their own person sees, refunds and cancellations before a claim,
// bad input named field by field, and other organizations kept out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPaidOrder, markPaid, ordersOf, type TestOrder } from '../commerce/testing.ts';
import {
  anActivePerson,
  anEmployeeRow,
  anEmployerWithManager,
  aSeatShop,
  mailsTo,
  seatsOf,
  sponsorshipsOf,
  type TestEmployer,
  type TestPerson,
  type TestShop,
} from './testing.ts';

interface QuoteLine {
  employeeId: string;
  courseId: string;
  listMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  alreadyHeld: boolean;
}
interface MySeat {
  id: string;
  status: string;
  title: string;
  employer: { name: string };
  courses: Array<{ courseId: string; enrolmentId: string | null }>;
}

describe('sponsored seats', { timeout: 120_000 }, () => {
  let t: TestApp;
  let shop: TestShop;
  let employer: TestEmployer;
  let holder: TestPerson;
  let newcomer: TestPerson;

  const enrolmentsOf = (userId: string) =>
    t.deps.db.selectFrom('enrolments').select(['id', 'courseId']).where('userId', '=', userId).execute();
  const seatsOfOrder = (orderId: string) =>
    t.deps.db.selectFrom('workforceSeats').selectAll().where('orderId', '=', orderId).execute();

  beforeAll(async () => {
    t = await createTestApp();
    shop = await aSeatShop(t);
    employer = await anEmployerWithManager(t.app, t.deps);
    holder = await anActivePerson(t, employer, 'Hana Holder');
    newcomer = await anActivePerson(t, employer, 'Noa Newcomer');
    // Hana bought course A herself: she holds it.
    await aPaidOrder(t, shop.issuer, holder, [{ kind: 'course', courseId: shop.courseA }]);
  }, 240_000);
  afterAll(() => t?.close());

  const bundleFor = (people: TestPerson[]) => ({
    employeeIds: people.map((p) => p.employeeId),
    items: [{ kind: 'bundle', badgeId: shop.badgeId }],
    provider: 'manual',
  });

  it('quotes per person and course, not charging a course the person already holds', async () => {
    const quoted = await sponsorshipsOf(t, employer).quote(bundleFor([holder, newcomer]));
    expect(quoted.statusCode, quoted.body).toBe(200);
    const quote = quoted.json();
    const line = (person: TestPerson, courseId: string) =>
      (quote.lines as QuoteLine[]).find((l) => l.employeeId === person.employeeId && l.courseId === courseId);
    // Bundle €90.00 for €100.00 of courses: Hana is charged only for B (€60.00 − 10 %), plus 20 % tax.
    expect(line(holder, shop.courseA)).toMatchObject({ alreadyHeld: true, listMinor: 0, totalMinor: 0 });
    expect(line(holder, shop.courseB)).toMatchObject({
      alreadyHeld: false,
      listMinor: 6000,
      discountMinor: 600,
      taxMinor: 1080,
      totalMinor: 6480,
    });
    expect(line(newcomer, shop.courseA)).toMatchObject({ alreadyHeld: false, totalMinor: 4320 });
    expect(line(newcomer, shop.courseB)).toMatchObject({ alreadyHeld: false, totalMinor: 6480 });
    expect(quote).toMatchObject({
      issuer: { orgId: shop.issuer.orgId },
      currency: 'EUR',
      subtotalMinor: 16_000,
      discountMinor: 1600,
      taxMinor: 2880,
      totalMinor: 17_280,
    });
  });

  it('places one invoice order; paid by the issuer, the seats open, each person is mailed and claims', async () => {
    const placed = await sponsorshipsOf(t, employer).place(bundleFor([holder, newcomer]));
    expect(placed.statusCode, placed.body).toBe(201);
    const { order, payment, seats } = placed.json();
    expect(order).toMatchObject({ state: 'awaiting-payment', provider: 'manual', totalMinor: 17_280 });
    expect(payment).toMatchObject({
      provider: 'manual',
      reference: `INV-${order.number}`,
      redirectUrl: null,
    });
    expect(seats).toBe(2);
    expect((await seatsOfOrder(order.id)).map((s) => s.status)).toEqual([
      'awaiting-payment',
      'awaiting-payment',
    ]);
    // Not paid yet: nothing is offered, and the invoice PDF is the manager's.
    expect((await seatsOf(t, newcomer).list()).json().items).toEqual([]);
    const invoice = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/orders/${order.id}/receipt.pdf`,
      headers: employer.manager.headers,
    });
    expect(invoice.statusCode).toBe(200);
    expect(invoice.headers['content-type']).toContain('application/pdf');

    const paid = await markPaid(t, shop.issuer, order.id);
    expect(paid.statusCode, paid.body).toBe(200);
    expect((await seatsOfOrder(order.id)).map((s) => s.status)).toEqual(['open', 'open']);
    const mails = await mailsTo(t.deps, newcomer.email, 'sponsored');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/^Northwind \d+ sponsored .+ for you — claim it$/);
    expect(mails[0]?.textBody).toContain('/learn/seats');
    expect(await mailsTo(t.deps, holder.email, 'sponsored')).toHaveLength(1);
    // Paying enrolled no one: not the manager who bought.
    expect(await enrolmentsOf(employer.manager.userId)).toEqual([]);

    const offered = (await seatsOf(t, newcomer).list()).json().items as MySeat[];
    expect(offered).toHaveLength(1);
    const seat = offered[0] as MySeat;
    expect(seat).toMatchObject({ status: 'open', employer: { name: expect.stringMatching(/^Northwind/) } });
    const claimed = await seatsOf(t, newcomer).claim(seat.id);
    expect(claimed.statusCode, claimed.body).toBe(200);
    const enrolled = await enrolmentsOf(newcomer.userId);
    expect(enrolled.map((e) => e.courseId).sort()).toEqual([shop.courseA, shop.courseB].sort());
    expect(claimed.json()).toMatchObject({ status: 'claimed' });
    const claimedCourses = (claimed.json() as MySeat).courses;
    expect(claimedCourses.map((c) => c.enrolmentId).sort()).toEqual(enrolled.map((e) => e.id).sort());
    const stored = await t.deps.db
      .selectFrom('workforceSeatCourses')
      .selectAll()
      .where('seatId', '=', seat.id)
      .execute();
    expect(stored.every((c) => c.enrolmentId !== null && c.charged)).toBe(true);
    // Claiming twice changes nothing.
    const again = await seatsOf(t, newcomer).claim(seat.id);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(claimed.json());
    expect(await enrolmentsOf(newcomer.userId)).toHaveLength(2);

    // Hana's seat points course A at the enrolment she already had, and charged her nothing for it.
    const hanaSeat = ((await seatsOf(t, holder).list()).json().items as MySeat[])[0] as MySeat;
    const before = await enrolmentsOf(holder.userId);
    const hana = (await seatsOf(t, holder).claim(hanaSeat.id)).json() as MySeat;
    const ownA = before.find((e) => e.courseId === shop.courseA);
    expect(hana.courses.find((c) => c.courseId === shop.courseA)?.enrolmentId).toBe(ownA?.id);
    const hanaRows = await t.deps.db
      .selectFrom('workforceSeatCourses')
      .select(['courseId', 'charged'])
      .where('seatId', '=', hanaSeat.id)
      .execute();
    expect(hanaRows.find((c) => c.courseId === shop.courseA)?.charged).toBe(false);
    expect(await enrolmentsOf(employer.manager.userId)).toEqual([]);

    // The employer's list: both seats claimed, with the order's number and state.
    const list = (await sponsorshipsOf(t, employer).list('?limit=10')).json();
    const mine = list.items.filter((s: { order: { id: string } }) => s.order.id === order.id);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ status: 'claimed', order: { number: order.number, state: 'paid' } });
    expect(mine.map((s: { employee: { name: string } }) => s.employee.name).sort()).toEqual([
      'Hana Holder',
      'Noa Newcomer',
    ]);
  });

  it('shows and lets claim a seat to its own person only (404 for anyone else)', async () => {
    const placed = (
      await sponsorshipsOf(t, employer).place({
        ...bundleFor([newcomer]),
        items: [{ kind: 'course', courseId: shop.courseB }],
      })
    ).json();
    // Noa holds B already (claimed above): nothing to buy.
    expect(placed.status).toBe(409);
    const other = await anActivePerson(t, employer, 'Otto Other');
    const order = (await sponsorshipsOf(t, employer).place({ ...bundleFor([other]) })).json().order;
    await markPaid(t, shop.issuer, order.id);
    const seat = ((await seatsOf(t, other).list()).json().items as MySeat[])[0] as MySeat;
    expect((await seatsOf(t, newcomer).list()).json().items.map((s: MySeat) => s.id)).not.toContain(seat.id);
    expect((await seatsOf(t, newcomer).claim(seat.id)).statusCode).toBe(404);
    expect((await seatsOf(t, employer.manager).claim(seat.id)).statusCode).toBe(404);
    expect((await seatsOf(t, other).claim(seat.id)).statusCode).toBe(200);
  });

  it('cancels unclaimed seats when the order is refunded, or cancelled before payment', async () => {
    const person = await anActivePerson(t, employer, 'Rafa Refunded');
    const body = { ...bundleFor([person]), items: [{ kind: 'course', courseId: shop.courseA }] };
    const order = (await sponsorshipsOf(t, employer).place(body)).json().order;
    const paid = (await markPaid(t, shop.issuer, order.id)).json() as TestOrder;
    expect((await seatsOfOrder(order.id))[0]?.status).toBe('open');
    const refund = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${shop.issuer.orgId}/orders/${order.id}/refunds`,
      headers: shop.issuer.owner.headers,
      payload: { lineIds: paid.lines.map((l) => l.id), reason: 'the employer changed plans' },
    });
    expect(refund.statusCode, refund.body).toBe(201);
    const [seat] = await seatsOfOrder(order.id);
    expect(seat?.status).toBe('cancelled');
    expect((await seatsOf(t, person).claim(seat?.id ?? '')).statusCode).toBe(409);
    expect(await enrolmentsOf(person.userId)).toEqual([]);

    const second = (await sponsorshipsOf(t, employer).place(body)).json().order;
    const cancelled = await ordersOf(t, employer.manager).cancel(second.id);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await seatsOfOrder(second.id))[0]?.status).toBe('cancelled');
  });

  it('refuses bad input with 400 naming each field', async () => {
    const api = sponsorshipsOf(t, employer);
    const withdrawn = await anEmployeeRow(t.deps, employer.orgId, { status: 'withdrawn' });
    const inactive = await api.quote({
      ...bundleFor([newcomer]),
      employeeIds: [newcomer.employeeId, withdrawn.employeeId],
    });
    expect(inactive.statusCode).toBe(400);
    expect(inactive.headers['content-type']).toContain('application/problem+json');
    expect(inactive.json().errors).toEqual([
      {
        path: 'employeeIds.1',
        message: expect.stringContaining('not an active employee'),
        code: 'not-an-active-employee',
        params: { id: expect.any(String) },
      },
    ]);

    const otherShop = await aSeatShop(t, { a: 'Other A', b: 'Other B' });
    const mixed = await api.quote({
      ...bundleFor([newcomer]),
      items: [
        { kind: 'course', courseId: shop.courseA },
        { kind: 'course', courseId: otherShop.courseA },
        { kind: 'course', courseId: '00000000-0000-4000-8000-000000000000' },
      ],
    });
    expect(mixed.statusCode).toBe(400);
    expect(
      mixed
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['items.1', 'items.2']);

    const empty = await api.place({ employeeIds: [], items: [], provider: 'cash' });
    expect(empty.statusCode).toBe(400);
    expect(
      empty
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.employeeIds', 'body.items', 'body.provider']);
    const card = await api.place({ ...bundleFor([newcomer]), provider: 'stripe' });
    expect(card.statusCode).toBe(400);
    expect(card.json().errors[0].path).toBe('provider');
    const coupon = await api.quote({ ...bundleFor([newcomer]), couponCode: 'NOSUCHCODE' });
    expect(coupon.statusCode).toBe(400);
    expect(coupon.json().errors[0].path).toBe('couponCode');
  });

  it('keeps other organizations out: 404 for another employer, 409 for an issuer', async () => {
    const stranger = await anEmployerWithManager(t.app, t.deps);
    const foreign = sponsorshipsOf(t, employer, stranger.manager);
    expect((await foreign.quote(bundleFor([newcomer]))).statusCode).toBe(404);
    expect((await foreign.place(bundleFor([newcomer]))).statusCode).toBe(404);
    expect((await foreign.list()).statusCode).toBe(404);
    // The stranger's own people are not this employer's: naming this employer's person at theirs is a 400.
    expect((await sponsorshipsOf(t, stranger).quote(bundleFor([newcomer]))).statusCode).toBe(400);
    const asIssuer = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${shop.issuer.orgId}/sponsorships`,
      headers: shop.issuer.owner.headers,
    });
    expect(asIssuer.statusCode).toBe(409);
  });
});
