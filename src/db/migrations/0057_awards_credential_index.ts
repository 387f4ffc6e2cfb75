// Awards looked up by their credential: revoking or suspending a credential finds its awards
// (badges/award-state-events.ts, badges/award-store.ts), and the credential-state listener refreshes the
// employer analytics of the people holding them (workforce/analytics-visible.ts refreshVisibleOfCredential).
// Without an index each of these scans every award. Partial: an award waiting for its issuance fee has no
// credential yet, so it is never found this way.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index awards_by_credential on awards (credential_id) where credential_id is not null`.execute(
    db,
  );
}
