// Commerce: issuer settings, badge bundles, coupons, carts, orders and their lines, payments, the
// payment events that drive fulfilment (the source of truth), refunds, a double-entry ledger and an
// audit trail of exceptional decisions. Money is integer minor units everywhere; no floating point.
import { type Kysely, sql } from 'kysely';

const money = (column: string) => sql`${sql.ref(column)} >= 0 and ${sql.ref(column)} <= 100000000`;
const currency = (column: string) => sql`${sql.ref(column)} ~ '^[A-Z]{3}$'`;
const basisPoints = (column: string) => sql`${sql.ref(column)} between 0 and 10000`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // The first-badge issuance fee is the organization's policy: the badges context reads it when awarding.
  await db.schema
    .alterTable('organizations')
    .addColumn('issuance_fee_minor', 'integer', (c) => c.check(money('issuance_fee_minor')))
    .addColumn('issuance_fee_currency', 'text', (c) => c.check(currency('issuance_fee_currency')))
    .execute();
  await db.schema
    .createTable('commerce_settings')
    .addColumn('org_id', 'uuid', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull().defaultTo(0).check(basisPoints('tax_rate_bp')))
    .addColumn('tax_label', 'text', (c) => c.notNull().defaultTo('Tax'))
    .addColumn('bundle_discount_bp', 'integer', (c) =>
      c.notNull().defaultTo(1000).check(basisPoints('bundle_discount_bp')),
    )
    .addColumn('seller_details', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('bundles')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('badge_id', 'uuid', (c) => c.notNull().unique().references('badges.id').onDelete('cascade'))
    // null: the sum of the courses' prices minus the discount.
    .addColumn('price_minor', 'integer', (c) => c.check(money('price_minor')))
    .addColumn('discount_bp', 'integer', (c) => c.check(basisPoints('discount_bp')))
    .addColumn('on_sale', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('coupons')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code ~ '^[A-Z0-9_-]{3,40}$'`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('percent', 'fixed')`))
    .addColumn('percent_bp', 'integer', (c) => c.check(sql`percent_bp between 1 and 10000`))
    .addColumn('amount_minor', 'integer', (c) => c.check(sql`amount_minor between 1 and 100000000`))
    .addColumn('currency', 'text', (c) => c.check(currency('currency')))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('issuer', 'course', 'bundle')`))
    .addColumn('course_id', 'uuid', (c) => c.references('courses.id').onDelete('cascade'))
    .addColumn('badge_id', 'uuid', (c) => c.references('badges.id').onDelete('cascade'))
    .addColumn('valid_until', 'timestamptz')
    .addColumn('max_redemptions', 'integer', (c) => c.check(sql`max_redemptions >= 1`))
    .addColumn('redemptions', 'integer', (c) => c.notNull().defaultTo(0).check(sql`redemptions >= 0`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('coupons_code_per_org', ['org_id', 'code'])
    .addCheckConstraint(
      'coupons_kind_amount',
      sql`(kind = 'percent' and percent_bp is not null and amount_minor is null)
       or (kind = 'fixed' and amount_minor is not null and currency is not null and percent_bp is null)`,
    )
    .addCheckConstraint(
      'coupons_scope_target',
      sql`(scope = 'issuer' and course_id is null and badge_id is null)
       or (scope = 'course' and course_id is not null and badge_id is null)
       or (scope = 'bundle' and badge_id is not null and course_id is null)`,
    )
    .addCheckConstraint(
      'coupons_redemptions_limit',
      sql`max_redemptions is null or redemptions <= max_redemptions`,
    )
    .execute();

  // One open cart per learner per issuer: an order is always to one seller.
  await db.schema
    .createTable('carts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('coupon_id', 'uuid', (c) => c.references('coupons.id').onDelete('set null'))
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`state in ('open', 'checked-out')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index carts_one_open on carts (org_id, user_id) where state = 'open'`.execute(db);
  await db.schema
    .createTable('cart_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('cart_id', 'uuid', (c) => c.notNull().references('carts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('course', 'bundle')`))
    .addColumn('course_id', 'uuid', (c) => c.references('courses.id').onDelete('cascade'))
    .addColumn('badge_id', 'uuid', (c) => c.references('badges.id').onDelete('cascade'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'cart_items_target',
      sql`(kind = 'course' and course_id is not null and badge_id is null)
       or (kind = 'bundle' and badge_id is not null and course_id is null)`,
    )
    .execute();
  await sql`create unique index cart_items_once on cart_items (cart_id, kind, coalesce(course_id, badge_id))`.execute(
    db,
  );

  await sql`create sequence order_numbers`.execute(db);
  await db.schema
    .createTable('orders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('restrict'))
    .addColumn('number', 'bigint', (c) => c.notNull().unique().defaultTo(sql`nextval('order_numbers')`))
    // A cart becomes at most one order: a second "Place order" finds the first.
    .addColumn('cart_id', 'uuid', (c) => c.unique().references('carts.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('purchase', 'issuance-fee', 'grant')`))
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(sql`state in ('awaiting-payment', 'paid', 'cancelled', 'refunded', 'partially-refunded')`),
    )
    .addColumn('currency', 'text', (c) => c.notNull().check(currency('currency')))
    .addColumn('subtotal_minor', 'integer', (c) => c.notNull().check(sql`subtotal_minor >= 0`))
    .addColumn('discount_minor', 'integer', (c) => c.notNull().check(sql`discount_minor >= 0`))
    .addColumn('tax_minor', 'integer', (c) => c.notNull().check(sql`tax_minor >= 0`))
    .addColumn('total_minor', 'integer', (c) => c.notNull().check(sql`total_minor >= 0`))
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull().check(basisPoints('tax_rate_bp')))
    .addColumn('tax_label', 'text', (c) => c.notNull())
    .addColumn('coupon_id', 'uuid', (c) => c.references('coupons.id').onDelete('set null'))
    .addColumn('coupon_code', 'text')
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('manual', 'stripe', 'free')`))
    .addColumn('buyer_email', 'text', (c) => c.notNull())
    .addColumn('buyer_name', 'text')
    .addColumn('seller_name', 'text', (c) => c.notNull())
    .addColumn('seller_details', 'text', (c) => c.notNull())
    .addColumn('placed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('paid_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addCheckConstraint('orders_total', sql`total_minor = subtotal_minor - discount_minor + tax_minor`)
    .execute();
  await db.schema.createIndex('orders_by_org').on('orders').columns(['org_id', 'placed_at']).execute();
  await db.schema.createIndex('orders_by_user').on('orders').columns(['user_id', 'placed_at']).execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // 'course': bought singly; 'bundle-course': one course of a badge bundle (badge_id says which).
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('course', 'bundle-course', 'issuance-fee')`),
    )
    .addColumn('course_id', 'uuid', (c) => c.references('courses.id').onDelete('restrict'))
    .addColumn('badge_id', 'uuid', (c) => c.references('badges.id').onDelete('restrict'))
    .addColumn('award_id', 'uuid', (c) => c.references('awards.id').onDelete('set null'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('list_minor', 'integer', (c) => c.notNull().check(sql`list_minor >= 0`))
    .addColumn('discount_minor', 'integer', (c) => c.notNull().check(sql`discount_minor >= 0`))
    .addColumn('tax_minor', 'integer', (c) => c.notNull().check(sql`tax_minor >= 0`))
    .addColumn('total_minor', 'integer', (c) => c.notNull().check(sql`total_minor >= 0`))
    .addColumn('access_days', 'integer', (c) => c.check(sql`access_days between 1 and 36500`))
    // Set when the order is fulfilled: the enrolment this line opened.
    .addColumn('enrolment_id', 'uuid', (c) => c.references('enrolments.id').onDelete('set null'))
    .addColumn('refund_id', 'uuid')
    .addCheckConstraint('order_lines_total', sql`total_minor = list_minor - discount_minor + tax_minor`)
    .execute();
  await db.schema
    .createIndex('order_lines_by_order')
    .on('order_lines')
    .columns(['order_id', 'position'])
    .execute();
  await db.schema.createIndex('order_lines_by_course').on('order_lines').columns(['course_id']).execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('manual', 'stripe', 'free')`))
    // The provider's id (Stripe Checkout Session id; the invoice reference for manual payments).
    .addColumn('provider_ref', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull().check(sql`amount_minor >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull().check(currency('currency')))
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('pending', 'succeeded', 'failed', 'expired')`),
    )
    .addColumn('redirect_url', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('settled_at', 'timestamptz')
    .addUniqueConstraint('payments_provider_ref', ['provider', 'provider_ref'])
    .execute();
  // Exactly one live charge per order: double clicks and retries meet this index.
  await sql`create unique index payments_one_live on payments (order_id) where state in ('pending', 'succeeded')`.execute(
    db,
  );

  // Every event a provider reports (or an issuer's "mark paid") is stored first, then processed; a
  // crash between the two is recovered by the ticker, which processes what is left.
  await db.schema
    .createTable('payment_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('manual', 'stripe', 'free')`))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text')
    .addColumn('order_id', 'uuid', (c) => c.references('orders.id').onDelete('set null'))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('processed_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('payment_events_once', ['provider', 'event_id'])
    .execute();
  await sql`create index payment_events_unprocessed on payment_events (received_at) where processed_at is null`.execute(
    db,
  );

  await db.schema
    .createTable('refunds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('policy', 'exception')`))
    .addColumn('amount_minor', 'integer', (c) => c.notNull().check(sql`amount_minor >= 0`))
    .addColumn('tax_minor', 'integer', (c) => c.notNull().check(sql`tax_minor >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull().check(currency('currency')))
    .addColumn('reason', 'text')
    .addColumn('actor_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('provider_ref', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('refunds_exception_reason', sql`kind = 'policy' or length(trim(reason)) > 0`)
    .execute();
  await sql`alter table order_lines add constraint order_lines_refund foreign key (refund_id) references refunds (id) on delete set null`.execute(
    db,
  );

  // Double entry: every transaction's postings sum to zero (debits positive, credits negative).
  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('transaction_id', 'uuid', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().check(currency('currency')))
    .addColumn('order_id', 'uuid', (c) => c.references('orders.id').onDelete('set null'))
    .addColumn('order_line_id', 'uuid', (c) => c.references('order_lines.id').onDelete('set null'))
    .addColumn('refund_id', 'uuid', (c) => c.references('refunds.id').onDelete('set null'))
    .addColumn('memo', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_by_org')
    .on('ledger_entries')
    .columns(['org_id', 'posted_at'])
    .execute();
  await db.schema
    .createIndex('ledger_by_transaction')
    .on('ledger_entries')
    .columns(['transaction_id'])
    .execute();

  await db.schema
    .createTable('commerce_audit')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('actor_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('commerce_audit_by_org')
    .on('commerce_audit')
    .columns(['org_id', 'at'])
    .execute();

  // Receipts travel as PDF attachments.
  await db.schema.alterTable('mail_messages').addColumn('attachments', 'jsonb').execute();
}
