// A bulk award batch inserts its awards already naming their credentials (ids chosen beforehand) and
// stores the credentials after the insert has told which awards are new: the reference is checked at
// commit, so a committed award still always points to a stored credential — without a second write of
// every award row to fill the column in.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table awards alter constraint awards_credential_id_fkey deferrable initially deferred`.execute(
    db,
  );
}
