// Sponsored learning (issue #17 item 1): an employer buys seats in an issuer's courses or badge bundles for named
// employees. One row per seat (an employee and what was bought for them), bound to the order that pays for it;
// the courses a seat covers are its own rows, each with the enrolment the employee gets when they claim it
// (or already had: a course already held is not charged). The employer reads learning progress only through
// these rows: what it paid for, nothing else.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workforce_seats')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('employee_id', 'uuid', (c) =>
      c.notNull().references('workforce_employees.id').onDelete('cascade'),
    )
    .addColumn('seller_org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('course', 'bundle')`))
    .addColumn('course_id', 'uuid', (c) => c.references('courses.id'))
    /** kind 'bundle': the badge whose bundle was bought. */
    .addColumn('badge_id', 'uuid', (c) => c.references('badges.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('awaiting-payment', 'open', 'claimed', 'cancelled')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('claimed_at', 'timestamptz')
    .addCheckConstraint(
      'workforce_seats_item',
      sql`(kind = 'course' and course_id is not null and badge_id is null) or (kind = 'bundle' and badge_id is not null and course_id is null)`,
    )
    .execute();
  await db.schema
    .createIndex('workforce_seats_org')
    .on('workforce_seats')
    .columns(['org_id', 'status'])
    .execute();
  await db.schema
    .createIndex('workforce_seats_employee')
    .on('workforce_seats')
    .column('employee_id')
    .execute();
  await db.schema.createIndex('workforce_seats_order').on('workforce_seats').column('order_id').execute();

  await db.schema
    .createTable('workforce_seat_courses')
    .addColumn('seat_id', 'uuid', (c) => c.notNull().references('workforce_seats.id').onDelete('cascade'))
    .addColumn('course_id', 'uuid', (c) => c.notNull().references('courses.id'))
    /** Set when the seat is claimed (a new enrolment, or the one the employee already had). */
    .addColumn('enrolment_id', 'uuid', (c) => c.references('enrolments.id'))
    /** false: the employee already held the course when the order was placed, so it was not charged. */
    .addColumn('charged', 'boolean', (c) => c.notNull().defaultTo(true))
    .addPrimaryKeyConstraint('workforce_seat_courses_pk', ['seat_id', 'course_id'])
    .execute();
  await db.schema
    .createIndex('workforce_seat_courses_enrolment')
    .on('workforce_seat_courses')
    .column('enrolment_id')
    .execute();
}
