// Test-mode card payments (issue #18 item 9): a `test-card` provider beside manual, stripe and free, so a demo
// learner can pay without an admin and no money moves; and the issuer's commerce setting that turns it on.
import { type Kysely, sql } from 'kysely';

const PROVIDERS = sql`('manual', 'stripe', 'free', 'test-card')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // The column checks of 0011 carry PostgreSQL's default names (<table>_<column>_check).
  for (const table of ['orders', 'payments', 'payment_events']) {
    const constraint = sql.id(`${table}_provider_check`);
    await sql`alter table ${sql.table(table)} drop constraint ${constraint}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${constraint} check (provider in ${PROVIDERS})`.execute(
      db,
    );
  }
  await db.schema
    .alterTable('commerce_settings')
    .addColumn('test_card_payments', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}
