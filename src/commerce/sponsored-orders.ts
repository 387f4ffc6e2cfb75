// Orders bought for other people (an employer's seats, kind 'sponsorship'): the same prices, bundle discount,
// coupon and tax as a learner's cart, priced per recipient — a course a recipient already holds (open access
// or completed) is not charged, exactly as in their own cart — and placed as ONE order whose buyer is the one
// who pays. Commerce knows recipients only as accounts; who they are to the buyer is the caller's business.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import {
  ConflictError,
  DomainError,
  type FieldProblem,
  type FieldProblemCode,
  InvalidError,
  type ProblemParams,
} from '../errors.ts';
import { courseHoldings } from '../learning/index.ts';
import { organizationById } from '../orgs/index.ts';
import {
  couponShares,
  courseOrNull,
  type ItemQuote,
  offerOrNull,
  type QuotedItem,
  type QuotedLine,
  quoteBundleItem,
  quoteCourseItem,
} from './cart-quote.ts';
import { placeOrder } from './checkout.ts';
import { couponByCode, normaliseCouponCode } from './coupons.ts';
import { taxMinor } from './pricing.ts';
import { commerceSettingsOf } from './settings.ts';
import { type CartItemRow, type OrderRow, orderLines, setLineEnrolment } from './store.ts';
import type { OrderState, ProviderName } from './tables.ts';

export type SponsoredItem = { kind: 'course'; courseId: string } | { kind: 'bundle'; badgeId: string };

export interface Recipient {
  userId: string;
  /** Printed on the order line (the invoice says whom each course is for). */
  label: string;
}

export interface RecipientQuote {
  userId: string;
  /** One per item asked, in order: its courses, each 'charged' or 'held' (not charged). */
  items: QuotedItem[];
  /** The charged lines of this recipient, priced (coupon and tax included). */
  lines: QuotedLine[];
}

export interface SponsorshipQuote {
  orgId: string;
  issuerName: string;
  currency: string;
  recipients: RecipientQuote[];
  coupon: { id: string; code: string; discountMinor: number } | null;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxLabel: string;
  taxRateBp: number;
}

const itemProblem = (
  i: number,
  message: string,
  code: FieldProblemCode,
  params?: ProblemParams,
): FieldProblem => ({
  path: `items.${i}`,
  message,
  code,
  params,
});

/** The coupon field's problem for each way coupons.ts and cart-quote.ts refuse a coupon. */
const COUPON_PROBLEMS: Record<string, FieldProblemCode> = {
  'coupon-expired': 'coupon-expired',
  'coupon-exhausted': 'coupon-exhausted',
  'coupon-not-applicable': 'coupon-not-applicable',
};

/**
 * Prices the items for each recipient. Every item must be on sale, from one issuer, in one currency (else
 * 400 naming `items.<i>`); a coupon that cannot be used is named at `couponCode`.
 */
export async function quoteSponsorship(
  db: Executor,
  input: { recipients: Recipient[]; items: SponsoredItem[]; couponCode?: string | null; now: Date },
): Promise<SponsorshipQuote> {
  const facts = await Promise.all(
    input.items.map(async (item) =>
      item.kind === 'course'
        ? { kind: 'course' as const, course: await courseOrNull(db, item.courseId) }
        : { kind: 'bundle' as const, offer: await offerOrNull(db, item.badgeId) },
    ),
  );
  const problems: FieldProblem[] = [];
  const sellers = facts.map((f, i) => {
    if (f.kind === 'course') {
      if (!f.course || f.course.priceMinor === null || f.course.currency === null) {
        problems.push(
          itemProblem(i, 'is not a course on sale (unknown, unpublished or free)', 'course-not-on-sale'),
        );
        return null;
      }
      return { orgId: f.course.orgId, currency: f.course.currency, title: f.course.title };
    }
    if (!f.offer?.onSale) {
      problems.push(itemProblem(i, 'is not a badge bundle on sale', 'bundle-not-on-sale'));
      return null;
    }
    return { orgId: f.offer.orgId, currency: f.offer.currency, title: f.offer.name };
  });
  const first = sellers.find((s) => s !== null);
  sellers.forEach((s, i) => {
    if (!s || !first) return;
    if (s.orgId !== first.orgId) {
      problems.push(
        itemProblem(
          i,
          `"${s.title}" is sold by another issuer: one order buys from one issuer`,
          'other-issuer-item',
          {
            title: s.title,
          },
        ),
      );
    } else if (s.currency !== first.currency) {
      problems.push(
        itemProblem(
          i,
          `"${s.title}" is priced in ${s.currency}, the others in ${first.currency}`,
          'other-currency-item',
          {
            title: s.title,
            currency: s.currency,
            others: first.currency,
          },
        ),
      );
    }
  });
  if (problems.length > 0 || !first) {
    throw new InvalidError('Some items cannot be bought together.', problems);
  }
  const [settings, org] = await Promise.all([
    commerceSettingsOf(db, first.orgId),
    organizationById(db, first.orgId),
  ]);

  const rows: CartItemRow[] = input.items.map((item, i) => ({
    id: String(i),
    cartId: '',
    kind: item.kind,
    courseId: item.kind === 'course' ? item.courseId : null,
    badgeId: item.kind === 'bundle' ? item.badgeId : null,
    addedAt: input.now,
  }));
  const courseIds = facts.flatMap((f) =>
    f.kind === 'course' ? [f.course?.courseId ?? ''] : (f.offer?.courses.map((c) => c.courseId) ?? []),
  );
  const unpriced: Array<{ userId: string; items: QuotedItem[]; lines: ItemQuote['lines'] }> = [];
  for (const recipient of input.recipients) {
    const holdings = await courseHoldings(db, recipient.userId, courseIds, input.now);
    const held = (courseId: string) => {
      const h = holdings.get(courseId);
      return h !== undefined && (h.open || h.completed);
    };
    // Per recipient, as in one cart: a course two items share is charged once.
    const covered = new Set<string>();
    const quoted = facts.map((f, i) => {
      const row = rows[i] as CartItemRow;
      return f.kind === 'course'
        ? quoteCourseItem(row, f.course, held, covered)
        : quoteBundleItem(row, f.offer, held, covered);
    });
    unpriced.push({
      userId: recipient.userId,
      items: quoted.map((q) => q.item),
      lines: quoted.flatMap((q) => q.lines),
    });
  }

  const all = unpriced.flatMap((r) => r.lines);
  let shares = all.map(() => 0);
  let coupon: SponsorshipQuote['coupon'] = null;
  const code = input.couponCode?.trim();
  if (code) {
    try {
      const valid = await couponByCode(db, first.orgId, code, input.now);
      shares = couponShares(valid, all, first.currency);
      coupon = { id: valid.id, code: valid.code, discountMinor: shares.reduce((s, n) => s + n, 0) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const problemCode: FieldProblemCode = COUPON_PROBLEMS[error.code] ?? 'coupon-invalid';
      throw new InvalidError('The coupon cannot be used.', [
        {
          path: 'couponCode',
          message: error.message,
          code: problemCode,
          params: { code: normaliseCouponCode(code) },
        },
      ]);
    }
  }
  let at = 0;
  const recipients = unpriced.map((r) => ({
    userId: r.userId,
    items: r.items,
    lines: r.lines.map((line) => {
      const couponMinor = shares[at++] ?? 0;
      const net = line.listMinor - line.discountMinor - couponMinor;
      return { ...line, couponMinor, taxMinor: taxMinor(net, settings.taxRateBp) };
    }),
  }));
  const priced = recipients.flatMap((r) => r.lines);
  const sum = (pick: (l: QuotedLine) => number) => priced.reduce((s, l) => s + pick(l), 0);
  const subtotalMinor = sum((l) => l.listMinor);
  const discountMinor = sum((l) => l.discountMinor + l.couponMinor);
  const tax = sum((l) => l.taxMinor);
  return {
    orgId: first.orgId,
    issuerName: org?.name ?? '',
    currency: first.currency,
    recipients,
    coupon,
    subtotalMinor,
    discountMinor,
    taxMinor: tax,
    totalMinor: subtotalMinor - discountMinor + tax,
    taxLabel: settings.taxLabel,
    taxRateBp: settings.taxRateBp,
  };
}

/** Whether this server can take the payment the buyer chose (Stripe only when it is the configured provider). */
export function assertSponsorshipProvider(deps: Pick<Deps, 'config'>, provider: 'manual' | 'stripe'): void {
  if (provider === 'stripe' && (deps.config.payments.provider !== 'stripe' || !deps.config.payments.stripe)) {
    throw new InvalidError('Card payment is not set up on this server.', [
      {
        path: 'provider',
        message: 'card payment (Stripe) is not set up here: choose invoice',
        code: 'card-payment-unavailable',
      },
    ]);
  }
}

/**
 * Places the quote as one 'sponsorship' order of `buyerUserId`, inside the caller's transaction. Returns the
 * order (already paid when its total is 0) and, per recipient, the ids of their lines in the quote's order.
 */
export async function placeSponsorshipOrder(
  deps: Deps,
  trx: Executor,
  input: {
    buyerUserId: string;
    quote: SponsorshipQuote;
    labels: ReadonlyMap<string, string>;
    provider: 'manual' | 'stripe';
  },
): Promise<{ order: OrderRow; lineIds: string[][] }> {
  const { quote } = input;
  assertSponsorshipProvider(deps, input.provider);
  if (quote.recipients.every((r) => r.lines.length === 0)) {
    throw new ConflictError(
      'Everyone chosen already holds every course of these items: there is nothing to buy.',
      'already-held',
    );
  }
  const order = await placeOrder(deps, trx, {
    orgId: quote.orgId,
    userId: input.buyerUserId,
    kind: 'sponsorship',
    coupon: quote.coupon ? { id: quote.coupon.id, code: quote.coupon.code } : null,
    currency: quote.currency,
    provider: input.provider,
    lines: quote.recipients.flatMap((r) =>
      r.lines.map((line) => ({
        kind: line.kind,
        courseId: line.courseId,
        badgeId: line.badgeId,
        description: `${line.description} — ${input.labels.get(r.userId) ?? ''}`.trim(),
        listMinor: line.listMinor,
        discountMinor: line.discountMinor + line.couponMinor,
        accessDays: line.accessDays,
      })),
    ),
  });
  const placed = (await orderLines(trx, [order.id])).sort((a, b) => a.position - b.position);
  let at = 0;
  const lineIds = quote.recipients.map((r) => r.lines.map(() => placed[at++]?.id ?? ''));
  return { order, lineIds };
}

export interface SponsoredOrderSummary {
  id: string;
  number: number;
  state: OrderState;
  provider: ProviderName;
  totalMinor: number;
  currency: string;
}

/** The orders' number, state and provider, by id (for the seats bought with them). */
export async function sponsoredOrderSummaries(
  db: Executor,
  orderIds: readonly string[],
): Promise<Map<string, SponsoredOrderSummary>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('orders')
    .select(['id', 'number', 'state', 'provider', 'totalMinor', 'currency'])
    .where('id', 'in', [...new Set(orderIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { ...r, number: Number(r.number) }]));
}

/**
 * A recipient enrolled for a line bought for them: the line carries that enrolment, so that a refund ends
 * it and the refund policy sees whether the course was opened — as for a learner's own purchase.
 */
export async function noteSponsoredEnrolment(
  trx: Executor,
  lineId: string,
  enrolmentId: string,
): Promise<void> {
  await setLineEnrolment(trx, lineId, enrolmentId);
}

/** What lines bought for others give: the access window each carries, and whether it was refunded. */
export async function sponsoredLineTerms(
  db: Executor,
  lineIds: readonly string[],
): Promise<Map<string, { accessDays: number | null; refunded: boolean }>> {
  if (lineIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('orderLines')
    .select(['id', 'accessDays', 'refundId'])
    .where('id', 'in', [...new Set(lineIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { accessDays: r.accessDays, refunded: r.refundId !== null }]));
}
