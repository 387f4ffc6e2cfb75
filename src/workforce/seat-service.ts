// Sponsored learning: an employer buys seats in an issuer's courses or badge bundles for named employees, in
// one order (invoice or Stripe) priced by commerce's rules — a course a person already holds is not charged.
// The order enrols no one; each person claims their seat (seat-claims.ts). Owners, admins and managers of an
// employer only; the order's buyer is the signed-in manager, its seller the issuer.
import {
  payOrder,
  placeSponsorshipOrder,
  quoteSponsorship,
  type Recipient,
  type SponsoredItem,
  type SponsorshipQuote,
} from '../commerce/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { DomainError, type FieldProblem, InvalidError } from '../errors.ts';
import { type Actor, requireActor, userSummaries } from '../identity/index.ts';
import { organizationById } from '../orgs/index.ts';
import { requireWorkforce } from './role-service.ts';
import { queueSeatOfferMail } from './seat-mail.ts';
import type { SeatOrderProvider, SeatOrderState } from './seat-model.ts';
import { insertSeat, insertSeatCourses, openSeatsOfOrder, seatPeople } from './seat-store.ts';

export interface SponsorshipInput {
  employeeIds: string[];
  items: SponsoredItem[];
  provider: 'manual' | 'stripe';
  couponCode?: string | undefined;
}

export interface QuoteLineView {
  employeeId: string;
  /** The index of the item in the request. */
  item: number;
  kind: 'course' | 'bundle-course';
  courseId: string;
  badgeId: string | null;
  title: string;
  listMinor: number;
  /** Bundle discount and coupon. */
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  /** The person already holds the course (open access or completed): not charged, all amounts 0. */
  alreadyHeld: boolean;
}

export interface SeatQuoteView {
  issuer: { orgId: string; name: string };
  currency: string;
  lines: QuoteLineView[];
  coupon: { code: string; discountMinor: number } | null;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxLabel: string;
  taxRateBp: number;
}

interface Person extends Recipient {
  employeeId: string;
}

/** The people named, each an active employee of the organization (else 400 at `employeeIds.<i>`). */
async function activePeople(
  deps: Deps,
  db: Executor,
  orgId: string,
  employeeIds: string[],
): Promise<Person[]> {
  const wanted = [...new Set(employeeIds)];
  const rows = new Map((await seatPeople(db, orgId, wanted)).map((p) => [p.employeeId, p]));
  const problems: FieldProblem[] = employeeIds.flatMap((id, i) =>
    rows.get(id)?.status === 'active' && rows.get(id)?.userId
      ? []
      : [
          {
            path: `employeeIds.${i}`,
            message: `"${id}" is not an active employee of this organization`,
            code: 'not-an-active-employee',
            params: { id },
          },
        ],
  );
  if (problems.length > 0) throw new InvalidError('Seats can be bought for active employees only.', problems);
  const people = wanted.map((id) => rows.get(id)).filter((p) => p !== undefined);
  const names = new Map(
    // Read in the caller's transaction (the embedded database has one connection: another would wait forever).
    (
      await userSummaries(
        { ...deps, db },
        people.map((p) => p.userId ?? ''),
      )
    ).map((u) => [u.id, u.name]),
  );
  return people.map((p) => ({
    employeeId: p.employeeId,
    userId: p.userId ?? '',
    label: names.get(p.userId ?? '') || p.invitedEmail,
  }));
}

/** Walks each person's items and courses in order, pairing every charged course with its priced line. */
function eachCourse(
  quote: SponsorshipQuote,
  visit: (
    recipient: number,
    item: number,
    course: { courseId: string; title: string; charged: boolean },
    line: SponsorshipQuote['recipients'][number]['lines'][number] | undefined,
    lineIndex: number,
  ) => void,
): void {
  quote.recipients.forEach((r, ri) => {
    let next = 0;
    r.items.forEach((item, ii) => {
      for (const course of item.courses) {
        const charged = course.status === 'charged';
        const lineIndex = charged ? next++ : -1;
        visit(ri, ii, { ...course, charged }, charged ? r.lines[lineIndex] : undefined, lineIndex);
      }
    });
  });
}

function present(quote: SponsorshipQuote, people: Person[]): SeatQuoteView {
  const lines: QuoteLineView[] = [];
  eachCourse(quote, (ri, ii, course, line) => {
    const item = quote.recipients[ri]?.items[ii];
    lines.push({
      employeeId: people[ri]?.employeeId ?? '',
      item: ii,
      kind: item?.kind === 'bundle' ? 'bundle-course' : 'course',
      courseId: course.courseId,
      badgeId: item?.badgeId ?? null,
      title: course.title,
      listMinor: line?.listMinor ?? 0,
      discountMinor: line ? line.discountMinor + line.couponMinor : 0,
      taxMinor: line?.taxMinor ?? 0,
      totalMinor: line ? line.listMinor - line.discountMinor - line.couponMinor + line.taxMinor : 0,
      alreadyHeld: !course.charged,
    });
  });
  return {
    issuer: { orgId: quote.orgId, name: quote.issuerName },
    currency: quote.currency,
    lines,
    coupon: quote.coupon ? { code: quote.coupon.code, discountMinor: quote.coupon.discountMinor } : null,
    subtotalMinor: quote.subtotalMinor,
    discountMinor: quote.discountMinor,
    taxMinor: quote.taxMinor,
    totalMinor: quote.totalMinor,
    taxLabel: quote.taxLabel,
    taxRateBp: quote.taxRateBp,
  };
}

async function quoteFor(deps: Deps, db: Executor, orgId: string, input: SponsorshipInput) {
  const people = await activePeople(deps, db, orgId, input.employeeIds);
  const quote = await quoteSponsorship(db, {
    recipients: people,
    items: input.items,
    couponCode: input.couponCode ?? null,
    now: deps.now(),
  });
  return { people, quote };
}

/** What the order would be: per person and course, the amounts, or `alreadyHeld` (not charged). */
export async function quoteSeats(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  input: SponsorshipInput,
): Promise<SeatQuoteView> {
  await requireWorkforce(deps, actor, orgId);
  const { people, quote } = await quoteFor(deps, deps.db, orgId, input);
  return present(quote, people);
}

export interface PlacedSponsorship {
  order: {
    id: string;
    number: number;
    state: SeatOrderState;
    provider: SeatOrderProvider;
    totalMinor: number;
    currency: string;
  };
  /** The invoice or the Stripe Checkout page; null when the order is paid already (total 0) or the provider failed. */
  payment: { provider: string; state: string; reference: string; redirectUrl: string | null } | null;
  quote: SeatQuoteView;
  seats: number;
}

/**
 * Places ONE order for every person × item, with a seat for each ('awaiting-payment'), then opens its payment:
 * an invoice mailed to the manager, or a Stripe Checkout page to go to. A total of 0 is paid at once and the
 * seats open (and are mailed) in the same transaction.
 */
export async function placeSeats(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  input: SponsorshipInput,
): Promise<PlacedSponsorship> {
  await requireWorkforce(deps, actor, orgId);
  const buyer = requireActor(actor);
  const placed = await deps.db.transaction().execute(async (trx) => {
    const { people, quote } = await quoteFor(deps, trx, orgId, input);
    const { order, lineIds } = await placeSponsorshipOrder(deps, trx, {
      buyerUserId: buyer.user.id,
      quote,
      labels: new Map(people.map((p) => [p.userId, p.label])),
      provider: input.provider,
    });
    let seats = 0;
    for (const [ri, recipient] of quote.recipients.entries()) {
      for (const [ii, item] of recipient.items.entries()) {
        const seat = await insertSeat(trx, {
          orgId,
          employeeId: people[ri]?.employeeId ?? '',
          sellerOrgId: quote.orgId,
          orderId: order.id,
          kind: item.kind,
          courseId: item.kind === 'course' ? item.courseId : null,
          badgeId: item.kind === 'bundle' ? item.badgeId : null,
          status: 'awaiting-payment',
          title: item.title,
          createdAt: deps.now(),
        });
        seats += 1;
        const courses: Parameters<typeof insertSeatCourses>[1] = [];
        eachCourse({ ...quote, recipients: [recipient] }, (_r, i, course, _line, lineIndex) => {
          if (i !== ii) return;
          courses.push({
            seatId: seat.id,
            courseId: course.courseId,
            charged: course.charged,
            title: course.title,
            orderLineId: course.charged ? (lineIds[ri]?.[lineIndex] ?? null) : null,
          });
        });
        await insertSeatCourses(trx, courses);
      }
    }
    // A total of 0 was paid inside placeOrder, before these seats existed: open them now.
    if (order.state === 'paid') await openSeats(deps, trx, order.id);
    return { order, quote: present(quote, people), seats };
  });
  const { order } = placed;
  let payment: PlacedSponsorship['payment'] = null;
  if (order.state === 'awaiting-payment') {
    try {
      const paying = await payOrder(deps, actor, order.id);
      payment = {
        provider: paying.payment.provider,
        state: paying.payment.state,
        reference: paying.payment.providerRef,
        redirectUrl: paying.payment.redirectUrl,
      };
    } catch (error) {
      // The order stands; Pay on its order page tries again (a provider that failed charged nothing).
      if (!(error instanceof DomainError)) throw error;
      deps.log.warn(
        { orderId: order.id, err: error },
        'a sponsorship order was placed but its payment did not open',
      );
    }
  }
  return {
    order: {
      id: order.id,
      number: Number(order.number),
      state: order.state,
      provider: order.provider,
      totalMinor: order.totalMinor,
      currency: order.currency,
    },
    payment,
    quote: placed.quote,
    seats: placed.seats,
  };
}

/** The paid order's seats open, and each person is mailed once (inside the payment's transaction). */
export async function openSeats(deps: Deps, trx: Executor, orderId: string): Promise<void> {
  const opened = await openSeatsOfOrder(trx, orderId);
  if (opened.length === 0) return;
  const employer = await organizationById(trx, opened[0]?.orgId ?? '');
  const people = new Map(
    (
      await seatPeople(
        trx,
        opened[0]?.orgId ?? '',
        opened.map((s) => s.employeeId),
      )
    ).map((p) => [p.employeeId, p]),
  );
  for (const seat of opened) {
    const userId = people.get(seat.employeeId)?.userId;
    if (!userId) continue;
    await queueSeatOfferMail(deps, trx, {
      id: seat.id,
      userId,
      orgName: employer?.name ?? '',
      itemTitle: seat.title,
    });
  }
}
