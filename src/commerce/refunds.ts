// Refunds. A learner refunds by the policy (within 30 days of payment, a course never opened; a bundle
// per unopened course; never the issuance fee); an issuer may refund any line as an exception, with a
// reason, audited. Either way, under the order's lock: the refund and its lines are recorded, access
// ends, the ledger is reversed, the provider pays back (Stripe) or the issuer does outside (manual),
// the order becomes refunded or partially refunded, and the learner is mailed.
import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, type FieldProblem, InvalidError, NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor, requireScope, userSummaries } from '../identity/index.ts';
import { endCourseAccess, enrolmentAccess } from '../learning/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { postLedger } from './fulfilment.ts';
import { refundPostings } from './ledger.ts';
import { orderHooksFor } from './order-hooks.ts';
import { recordOrderEvent } from './order-webhooks.ts';
import { providerFor } from './providers/index.ts';
import { queueRefundMail } from './receipt-mail.ts';
import { policyRefundDecision } from './refund-policy.ts';
import {
  type AuditRow,
  auditOf,
  insertRefund,
  markLinesRefunded,
  type RefundRow,
  setRefundProviderRef,
  unrefundedLineCount,
} from './refund-store.ts';
import { SHOP_MANAGERS, SHOP_STAFF } from './settings.ts';
import {
  findOrder,
  insertAudit,
  livePayment,
  type OrderLineRow,
  type OrderRow,
  orderLines,
  updateOrder,
} from './store.ts';
import type { RefundKind } from './tables.ts';

export interface RefundView extends RefundRow {
  lineIds: string[];
}

/** The order (locked) and the asked lines of it; 404 unless `owns` the order. */
async function lockedOrderLines(
  trx: Executor,
  orderId: string,
  lineIds: readonly string[],
  owns: (order: OrderRow) => boolean,
): Promise<{ order: OrderRow; lines: OrderLineRow[] }> {
  const order = await findOrder(trx, orderId, true);
  if (!order || !owns(order)) throw new NotFoundError('order');
  const all = await orderLines(trx, [orderId]);
  const wanted = new Set(lineIds);
  const unknown: FieldProblem[] = [...wanted]
    .filter((id) => !all.some((line) => line.id === id))
    .map((id) => ({
      path: 'body.lineIds',
      message: `${id} is not a line of this order`,
      code: 'not-an-order-line',
      params: { id },
    }));
  if (unknown.length > 0) throw new InvalidError('Some lines are not lines of this order.', unknown);
  return { order, lines: all.filter((line) => wanted.has(line.id)) };
}

const alreadyRefunded = (line: OrderLineRow) =>
  new ConflictError(`"${line.description}" has already been refunded.`, 'already-refunded');

/** A learner refunds lines of their own paid order, each by the refund policy. */
export async function requestRefund(
  deps: Deps,
  actor: Actor | null,
  orderId: string,
  lineIds: readonly string[],
): Promise<RefundView> {
  const me = requireActor(actor);
  return deps.db.transaction().execute(async (trx) => {
    const { order, lines } = await lockedOrderLines(trx, orderId, lineIds, (o) => o.userId === me.user.id);
    const now = deps.now();
    const access = await enrolmentAccess(
      trx,
      lines.flatMap((line) => (line.enrolmentId ? [line.enrolmentId] : [])),
    );
    for (const line of lines) {
      const decision = policyRefundDecision({
        kind: line.kind,
        paidAt: order.paidAt,
        now,
        firstOpenedAt: line.enrolmentId ? (access.get(line.enrolmentId)?.firstOpenedAt ?? null) : null,
        refunded: line.refundId !== null,
      });
      if (decision.ok) continue;
      if (decision.code === 'already-refunded') throw alreadyRefunded(line);
      throw new RuleError(decision.code, `"${line.description}": ${decision.reason}`);
    }
    return refundLines(deps, trx, order, lines, { kind: 'policy', reason: null, actorUserId: me.user.id });
  });
}

/** An issuer's exceptional refund of any unrefunded lines of a paid order: a reason is required, and audited. */
export async function grantRefund(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  orderId: string,
  input: { lineIds: readonly string[]; reason: string },
): Promise<RefundView> {
  requireMembership(actor, orgId, SHOP_MANAGERS);
  const me = requireScope(actor, 'commerce:write');
  const reason = input.reason.trim();
  if (reason.length < 3) {
    throw new InvalidError('Say why this refund is granted.', [
      {
        path: 'body.reason',
        message: 'must be at least 3 characters',
        code: 'too-short',
        params: { minimum: 3 },
      },
    ]);
  }
  return deps.db.transaction().execute(async (trx) => {
    const { order, lines } = await lockedOrderLines(trx, orderId, input.lineIds, (o) => o.orgId === orgId);
    if (order.paidAt === null) throw new RuleError('not-paid', 'This order has not been paid.');
    const taken = lines.find((line) => line.refundId !== null);
    if (taken) throw alreadyRefunded(taken);
    const refund = await refundLines(deps, trx, order, lines, {
      kind: 'exception',
      reason,
      actorUserId: me.user.id,
    });
    await insertAudit(trx, {
      orgId,
      actorUserId: me.user.id,
      action: 'refund.exception',
      subjectId: refund.id,
      reason,
      details: JSON.stringify({
        orderId: order.id,
        orderNumber: Number(order.number),
        lineIds: refund.lineIds,
        amountMinor: refund.amountMinor,
        currency: refund.currency,
      }),
      at: refund.createdAt,
    });
    return refund;
  });
}

/**
 * One refund id per order × set of lines: a retried refund (its first try rolled back after the
 * provider paid out) reaches the provider with the same idempotency key, so it pays back only once.
 */
function refundIdOf(orderId: string, lineIds: readonly string[]): string {
  const hex = createHash('sha256')
    .update(`${orderId}:${[...lineIds].sort().join(',')}`)
    .digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function refundLines(
  deps: Deps,
  trx: Executor,
  order: OrderRow,
  lines: OrderLineRow[],
  meta: { kind: RefundKind; reason: string | null; actorUserId: string },
): Promise<RefundView> {
  const now = deps.now();
  const refund = await insertRefund(trx, {
    id: refundIdOf(
      order.id,
      lines.map((line) => line.id),
    ),
    orgId: order.orgId,
    orderId: order.id,
    kind: meta.kind,
    amountMinor: lines.reduce((sum, line) => sum + line.totalMinor, 0),
    taxMinor: lines.reduce((sum, line) => sum + line.taxMinor, 0),
    currency: order.currency,
    reason: meta.reason,
    actorUserId: meta.actorUserId,
    providerRef: null,
    createdAt: now,
  });
  const lineIds = lines.map((line) => line.id);
  if ((await markLinesRefunded(trx, lineIds, refund.id)) !== lines.length) {
    throw new ConflictError('Some of these items have already been refunded.', 'already-refunded');
  }
  for (const line of lines) if (line.enrolmentId) await endCourseAccess(trx, line.enrolmentId, now);
  const payment = await livePayment(trx, order.id);
  const provider = payment?.provider ?? order.provider;
  await postLedger(trx, {
    orgId: order.orgId,
    currency: order.currency,
    orderId: order.id,
    refundId: refund.id,
    postings: refundPostings(provider, lines),
    postedAt: now,
  });
  const remaining = await unrefundedLineCount(trx, order.id);
  const updated = await updateOrder(trx, order.id, {
    state: remaining === 0 ? 'refunded' : 'partially-refunded',
  });
  const hooks = orderHooksFor(order.kind);
  if (hooks) {
    const refundedLineIds = (await orderLines(trx, [order.id]))
      .filter((line) => line.refundId !== null)
      .map((line) => line.id);
    await hooks.ended(deps, trx, { order: updated, refundedLineIds, state: updated.state });
  }
  await queueRefundMail(deps, trx, refund.id);
  await recordOrderEvent(deps, trx, 'order.refunded', updated, {
    refundId: refund.id,
    refundedLineIds: lineIds,
    amountMinor: refund.amountMinor,
  });
  // Last, so that nothing after the provider's payout can roll the refund back but the commit itself.
  if (provider === 'stripe' && payment && refund.amountMinor > 0) {
    const paid = await providerFor(deps, 'stripe').refund({
      paymentRef: payment.providerRef,
      amountMinor: refund.amountMinor,
      currency: order.currency,
      idempotencyKey: `refund:${refund.id}`,
    });
    if (paid.providerRef) {
      await setRefundProviderRef(trx, refund.id, paid.providerRef);
      return { ...refund, providerRef: paid.providerRef, lineIds };
    }
  }
  return { ...refund, lineIds };
}

export interface AuditEntry extends AuditRow {
  actorName: string | null;
}

/** The issuer's commerce audit trail (exceptional refunds, invoices marked paid …), newest first. */
export async function commerceAudit(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  page: { before?: Date; limit: number },
): Promise<AuditEntry[]> {
  requireMembership(actor, orgId, SHOP_STAFF);
  requireScope(actor, 'read');
  const rows = await auditOf(deps.db, orgId, page);
  const actorIds = [...new Set(rows.flatMap((row) => (row.actorUserId ? [row.actorUserId] : [])))];
  const names = new Map((await userSummaries(deps, actorIds)).map((user) => [user.id, user.name]));
  return rows.map((row) => ({
    ...row,
    actorName: row.actorUserId ? (names.get(row.actorUserId) ?? null) : null,
  }));
}
