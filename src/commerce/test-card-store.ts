// SQL of test-mode card payments: the issuer's setting and the one payment a test checkout page pays.
import type { Executor } from '../db/database.ts';
import type { PaymentRow } from './store.ts';

/** Turns test-card payments on or off for the issuer (its settings row is made when there is none). */
export async function setTestCardPayments(db: Executor, orgId: string, on: boolean): Promise<void> {
  await db
    .insertInto('commerceSettings')
    .values({ orgId, testCardPayments: on })
    .onConflict((oc) => oc.column('orgId').doUpdateSet({ testCardPayments: on }))
    .execute();
}

export async function testCardPaymentsOf(db: Executor, orgId: string): Promise<boolean> {
  const row = await db
    .selectFrom('commerceSettings')
    .select('testCardPayments')
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  return row?.testCardPayments ?? false;
}

export async function paymentById(db: Executor, paymentId: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
}
