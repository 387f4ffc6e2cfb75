// SQL of the LTI context. Queries of registrations name the organization unless they serve the platform
// itself (login, launch, JWKS), which finds a registration by issuer and client id.
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { LtiContextsTable, LtiPendingLinksTable, LtiPlatformsTable, LtiUsersTable } from './tables.ts';

export type PlatformRow = Selectable<LtiPlatformsTable>;
export type ContextRow = Selectable<LtiContextsTable>;
export type LtiUserRow = Selectable<LtiUsersTable>;

export async function insertPlatform(db: Executor, row: Insertable<LtiPlatformsTable>): Promise<PlatformRow> {
  return db
    .insertInto('ltiPlatforms')
    .values({ ...row, publicJwk: JSON.stringify(row.publicJwk) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function platformsOf(db: Executor, orgId: string): Promise<PlatformRow[]> {
  return db
    .selectFrom('ltiPlatforms')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export function findPlatform(db: Executor, orgId: string, id: string): Promise<PlatformRow | undefined> {
  return db
    .selectFrom('ltiPlatforms')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function platformById(db: Executor, id: string): Promise<PlatformRow | undefined> {
  return db.selectFrom('ltiPlatforms').selectAll().where('id', '=', id).executeTakeFirst();
}

export function platformsByIssuer(db: Executor, issuer: string, clientId?: string): Promise<PlatformRow[]> {
  let query = db.selectFrom('ltiPlatforms').selectAll().where('issuer', '=', issuer);
  if (clientId) query = query.where('clientId', '=', clientId);
  return query.limit(2).execute();
}

export function allPlatformIds(db: Executor): Promise<{ id: string }[]> {
  return db.selectFrom('ltiPlatforms').select('id').orderBy('id').execute();
}

export function toolPublicKeys(db: Executor) {
  return db.selectFrom('ltiPlatforms').select('publicJwk').orderBy('createdAt').execute();
}

export function updatePlatform(
  db: Executor,
  orgId: string,
  id: string,
  changes: Updateable<LtiPlatformsTable>,
): Promise<PlatformRow | undefined> {
  return db
    .updateTable('ltiPlatforms')
    .set(changes)
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deletePlatform(db: Executor, orgId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('ltiPlatforms')
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function insertLoginState(
  db: Executor,
  row: { state: string; platformId: string; nonce: string; expiresAt: Date },
): Promise<void> {
  await db.insertInto('ltiLoginStates').values(row).execute();
}

/** Single use: the state is deleted as it is read; an expired one reads as absent. */
export async function consumeLoginState(db: Executor, state: string, now: Date) {
  await db.deleteFrom('ltiLoginStates').where('expiresAt', '<', now).execute();
  return db.deleteFrom('ltiLoginStates').where('state', '=', state).returningAll().executeTakeFirst();
}

export function findLtiUser(db: Executor, platformId: string, sub: string): Promise<LtiUserRow | undefined> {
  return db
    .selectFrom('ltiUsers')
    .selectAll()
    .where('platformId', '=', platformId)
    .where('sub', '=', sub)
    .executeTakeFirst();
}

/** Records what the platform says of a person; a known link to an account is kept unless one is given. */
/**
 * Records a platform's user; what is known stays known (a null never erases). A link may only be confirmed for
 * sign-in here (`signInConfirmedAt`), never unconfirmed; a confirmed link keeps its account.
 */
export async function upsertLtiUser(
  db: Executor,
  row: {
    platformId: string;
    sub: string;
    email: string | null;
    name: string | null;
    userId: string | null;
    signInConfirmedAt?: Date;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto('ltiUsers')
    .values({ ...row, signInConfirmedAt: row.signInConfirmedAt ?? null, updatedAt: now })
    .onConflict((oc) =>
      oc.columns(['platformId', 'sub']).doUpdateSet({
        email: sql`coalesce(excluded.email, lti_users.email)`,
        name: sql`coalesce(excluded.name, lti_users.name)`,
        userId: row.signInConfirmedAt
          ? sql`excluded.user_id`
          : sql`case when lti_users.sign_in_confirmed_at is null then coalesce(excluded.user_id, lti_users.user_id) else lti_users.user_id end`,
        signInConfirmedAt: sql`coalesce(excluded.sign_in_confirmed_at, lti_users.sign_in_confirmed_at)`,
        updatedAt: now,
      }),
    )
    .execute();
}

export async function insertPendingLink(db: Executor, row: Insertable<LtiPendingLinksTable>): Promise<void> {
  await db.insertInto('ltiPendingLinks').values(row).execute();
}

export function findPendingLink(db: Executor, id: string, now: Date) {
  return db
    .selectFrom('ltiPendingLinks')
    .selectAll()
    .where('id', '=', id)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
}

/** Takes a pending link once: a second use (or an expired one) finds nothing. */
export async function consumePendingLink(db: Executor, id: string, now: Date) {
  const row = await db.deleteFrom('ltiPendingLinks').where('id', '=', id).returningAll().executeTakeFirst();
  return row && row.expiresAt.getTime() > now.getTime() ? row : undefined;
}

export function ltiUsersOf(db: Executor, platformId: string): Promise<LtiUserRow[]> {
  return db.selectFrom('ltiUsers').selectAll().where('platformId', '=', platformId).execute();
}

export async function upsertContext(
  db: Executor,
  row: Omit<Insertable<LtiContextsTable>, 'updatedAt'>,
  now: Date,
): Promise<void> {
  await db
    .insertInto('ltiContexts')
    .values({ ...row, updatedAt: now })
    .onConflict((oc) =>
      oc.columns(['platformId', 'contextId']).doUpdateSet({
        title: sql`coalesce(excluded.title, lti_contexts.title)`,
        lineitemsUrl: sql`coalesce(excluded.lineitems_url, lti_contexts.lineitems_url)`,
        membershipsUrl: sql`coalesce(excluded.memberships_url, lti_contexts.memberships_url)`,
        scopes: sql`excluded.scopes`,
        updatedAt: now,
      }),
    )
    .execute();
}

export function contextsOf(db: Executor, platformId: string): Promise<ContextRow[]> {
  return db.selectFrom('ltiContexts').selectAll().where('platformId', '=', platformId).execute();
}

export async function insertDeepLink(
  db: Executor,
  row: {
    id: string;
    platformId: string;
    deploymentId: string;
    returnUrl: string;
    data: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await db.insertInto('ltiDeepLinks').values(row).execute();
}

export function findDeepLink(db: Executor, id: string, now: Date) {
  return db
    .selectFrom('ltiDeepLinks')
    .selectAll()
    .where('id', '=', id)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
}

export function consumeDeepLink(db: Executor, id: string, now: Date) {
  return db
    .deleteFrom('ltiDeepLinks')
    .where('id', '=', id)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/** What an instructor may place: the organization's published courses and badges. */
export async function placeableItems(db: Executor, orgId: string) {
  const courses = await db
    .selectFrom('courses')
    .select(['id', 'title'])
    .where('orgId', '=', orgId)
    .where('state', '=', 'published')
    .orderBy('title')
    .execute();
  const badges = await db
    .selectFrom('badges')
    .select(['id', 'name as title'])
    .where('orgId', '=', orgId)
    .where('state', '=', 'published')
    .orderBy('name')
    .execute();
  return { courses, badges };
}

/** Deletes login states, deep-linking requests and sign-in agreements whose time ran out before `now`. */
export async function deleteExpiredLtiRequests(db: Executor, now: Date): Promise<number> {
  let deleted = 0;
  for (const table of ['ltiLoginStates', 'ltiDeepLinks', 'ltiPendingLinks'] as const) {
    const result = await db.deleteFrom(table).where('expiresAt', '<', now).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}
