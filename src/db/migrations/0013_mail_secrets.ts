// Whether a recorded mail carries a secret link (password reset, email confirmation, badge claim, supervisor
// attestation): such mail is shown to platform operators only, whatever OUTBOX_PUBLIC says. Mail recorded
// before this column existed counts as secret (nothing says otherwise); new rows must state it (no default).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mail_messages add column carries_secret boolean not null default true`.execute(db);
  await sql`alter table mail_messages alter column carries_secret drop default`.execute(db);
}
