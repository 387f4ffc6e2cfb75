// Addresses added to an account and not confirmed yet get a table of their own, unique per account only: in
// user_emails (unique across the platform) adding another account's address was refused, which told anyone
// signed in whether an address has an account here. Unverified added addresses move over; the unverified
// primary address of a sign-up stays in user_emails (it is the account's own, and sign-up keeps deciding).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pending_user_emails')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull().check(sql`email = lower(email)`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('pending_user_emails_user_email', ['user_id', 'email'])
    .execute();
  await movePendingAdditions(db);
}

/** Moves unverified, non-primary rows of user_emails (keeping their ids, so listed ids stay valid). */
export async function movePendingAdditions(db: Kysely<unknown>): Promise<void> {
  await sql`
    with moved as (
      delete from user_emails where not is_primary and verified_at is null
      returning id, user_id, email, created_at
    )
    insert into pending_user_emails (id, user_id, email, created_at)
    select id, user_id, email, created_at from moved
    on conflict do nothing
  `.execute(db);
}
