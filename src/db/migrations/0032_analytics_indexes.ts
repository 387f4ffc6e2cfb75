// Employer analytics at size (issue #17, bench/employer.ts): the shared-awards query joins each award's
// credential only to learn whether it is revoked or suspended. Indexing just the credentials that are not
// active lets it read those few (an index-only scan) instead of hashing every credential of every issuer.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index issued_credentials_not_active on issued_credentials (id) include (state)
    where state <> 'active'`.execute(db);
}
