// SQL of refunds and of the commerce audit trail's reading side.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CommerceAuditTable, RefundsTable } from './tables.ts';

export type RefundRow = Selectable<RefundsTable>;
export type AuditRow = Selectable<CommerceAuditTable>;

export async function insertRefund(db: Executor, refund: Insertable<RefundsTable>): Promise<RefundRow> {
  return db.insertInto('refunds').values(refund).returningAll().executeTakeFirstOrThrow();
}

export async function setRefundProviderRef(
  db: Executor,
  refundId: string,
  providerRef: string,
): Promise<void> {
  await db.updateTable('refunds').set({ providerRef }).where('id', '=', refundId).execute();
}

/** Marks the lines refunded unless another refund took them first; returns how many it marked. */
export async function markLinesRefunded(
  db: Executor,
  lineIds: readonly string[],
  refundId: string,
): Promise<number> {
  if (lineIds.length === 0) return 0;
  const result = await db
    .updateTable('orderLines')
    .set({ refundId })
    .where('id', 'in', [...lineIds])
    .where('refundId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function unrefundedLineCount(db: Executor, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('orderLines')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('orderId', '=', orderId)
    .where('refundId', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function auditOf(
  db: Executor,
  orgId: string,
  page: { before?: Date; limit: number },
): Promise<AuditRow[]> {
  let query = db.selectFrom('commerceAudit').selectAll().where('orgId', '=', orgId);
  if (page.before) query = query.where('at', '<', page.before);
  return query.orderBy('at', 'desc').orderBy('id').limit(page.limit).execute();
}
