// SQL of the OB 3.0 API: a learner's credentials (their accepted awards' credentials and the OB 3.0
// credentials in their backpack's imports) as one ordered list, and what their OB 3.0 Profile is made of.
// Every query is scoped by the token's account: another learner's credential is never in the list.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export interface CredentialRef {
  source: 'award' | 'import';
  /** issued_credentials.id for an award, imported_badges.id for an import. */
  id: string;
  at: Date;
}

function credentialRefs(userId: string, since: Date | null) {
  return sql<CredentialRef>`
    select 'award' as source, c.id::text as id, c.issued_at as at
      from awards a join issued_credentials c on c.id = a.credential_id
     where a.user_id = ${userId} and a.state = 'accepted' and a.superseded_at is null
       and (${since}::timestamptz is null or c.issued_at >= ${since}::timestamptz)
    union all
    select 'import' as source, i.id::text as id, i.created_at as at
      from imported_badges i
     where i.user_id = ${userId} and i.payload_kind in ('json', 'jwt') and i.format in ('ob3-json', 'ob3-jwt')
       and (${since}::timestamptz is null or i.created_at >= ${since}::timestamptz)`;
}

export async function countCredentials(db: Executor, userId: string, since: Date | null): Promise<number> {
  const { rows } = await sql<{ total: string }>`
    select count(*) as total from (${credentialRefs(userId, since)}) refs`.execute(db);
  return Number(rows[0]?.total ?? 0);
}

export async function pageOfCredentials(
  db: Executor,
  userId: string,
  since: Date | null,
  page: { limit: number; offset: number },
): Promise<CredentialRef[]> {
  const { rows } = await sql<CredentialRef>`
    select * from (${credentialRefs(userId, since)}) refs
     order by at, id limit ${page.limit} offset ${page.offset}`.execute(db);
  return rows;
}

export function issuedCredentialsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('issuedCredentials').select(['id', 'credential']).where('id', 'in', ids).execute();
}

export function importedPayloadsByIds(db: Executor, userId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('importedBadges')
    .select(['id', 'payloadKind', 'payload'])
    .where('userId', '=', userId)
    .where('id', 'in', ids)
    .execute();
}

export async function profileFactsOf(db: Executor, userId: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('userEmails as e', (join) => join.onRef('e.userId', '=', 'u.id').on('e.isPrimary', '=', true))
    .leftJoin('profiles as p', 'p.userId', 'u.id')
    .select(['u.id', 'u.name', 'e.email', 'e.verifiedAt', 'p.slug', 'p.enabled', 'p.headline'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

/** The learner's own display name and, when they have a public profile, its headline. */
export async function updateProfileFacts(
  db: Executor,
  userId: string,
  change: { name?: string; description?: string | null },
): Promise<void> {
  if (change.name !== undefined)
    await db.updateTable('users').set({ name: change.name }).where('id', '=', userId).execute();
  if (change.description !== undefined)
    await db
      .updateTable('profiles')
      .set({ headline: change.description })
      .where('userId', '=', userId)
      .execute();
}
