// Sponsored learning (issue #17 item 1): an employer's order for named employees is an order of its own kind,
// 'sponsorship' — paying it enrols nobody (each employee enrols when they claim their seat). Each seat course
// remembers the order line that charged it (none for a course the employee already held), and seats and
// seat courses keep the title they were bought under, as order lines keep their description.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table orders drop constraint orders_kind_check`.execute(db);
  await sql`alter table orders add constraint orders_kind_check
    check (kind in ('purchase', 'issuance-fee', 'grant', 'sponsorship'))`.execute(db);
  await db.schema
    .alterTable('workforce_seats')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('workforce_seat_courses')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('workforce_seat_courses')
    .addColumn('order_line_id', 'uuid', (c) => c.references('order_lines.id'))
    .execute();
}
