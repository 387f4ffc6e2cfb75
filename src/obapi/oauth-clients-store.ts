// SQL of the OAuth apps organizations publish: who owns a client (oauth_client_owners, migration 0055), the client
// itself where oidc-provider keeps every client (an oauth_models row of kind 'Client', written through the
// adapter's own upsert so its secret is wrapped), how much it is used, and removing it with all it was given.
// Every query of an organization's apps names the organization.
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { AdapterPayload } from 'oidc-provider';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { findModel, keyOf, upsertModel } from './adapter.ts';
import type { OauthClientOwnersTable } from './tables.ts';

export type OwnerRow = Selectable<OauthClientOwnersTable>;
type Kek = Deps['secrets']['keyEncryptionKey'];

/** The kinds of record a client is given under a learner's grant, each naming the client (payload.clientId). */
const ISSUED_KINDS = ['AuthorizationCode', 'AccessToken', 'RefreshToken'] as const;

/** Stores a new client and its owner together. */
export async function insertOwnedClient(
  trx: Executor,
  kek: Kek,
  row: { orgId: string; clientId: string; metadata: AdapterPayload },
): Promise<OwnerRow> {
  await upsertModel(trx, kek, { kind: 'Client', id: row.clientId, payload: row.metadata, expiresIn: 0 });
  return trx
    .insertInto('oauthClientOwners')
    .values({ clientId: row.clientId, orgId: row.orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The organization's clients, oldest first. */
export function ownersOf(db: Executor, orgId: string): Promise<OwnerRow[]> {
  return db
    .selectFrom('oauthClientOwners')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt')
    .orderBy('clientId')
    .execute();
}

/** The ownership of one client by the organization; undefined when the client is not the organization's. */
export function findOwner(db: Executor, orgId: string, clientId: string): Promise<OwnerRow | undefined> {
  return db
    .selectFrom('oauthClientOwners')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('clientId', '=', clientId)
    .executeTakeFirst();
}

/** The stored metadata of a client (its secret unwrapped), as the authorization server reads it. */
export function clientMetadataOf(db: Executor, kek: Kek, clientId: string) {
  return findModel(db, kek, 'Client', clientId);
}

/** Replaces a client's metadata (a new secret) and notes when its secret changed. */
export async function replaceClient(
  trx: Executor,
  kek: Kek,
  row: { orgId: string; clientId: string; metadata: AdapterPayload; secretRotatedAt: Date },
): Promise<OwnerRow> {
  await upsertModel(trx, kek, { kind: 'Client', id: row.clientId, payload: row.metadata, expiresIn: 0 });
  return trx
    .updateTable('oauthClientOwners')
    .set({ secretRotatedAt: row.secretRotatedAt })
    .where('orgId', '=', row.orgId)
    .where('clientId', '=', row.clientId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface ClientUsage {
  /** How many learners hold a live grant to it. */
  learners: number;
  /** When it last got a token, of the tokens still kept (each is kept until it expires, 30 days at most). */
  lastTokenAt: Date | null;
}

/** How much each client is used, at `now`; a client nobody allowed is absent. */
export async function usageOf(
  db: Executor,
  clientIds: string[],
  now: Date,
): Promise<Map<string, ClientUsage>> {
  if (clientIds.length === 0) return new Map();
  const { rows } = await sql<{ clientId: string; learners: string; lastTokenAt: Date | null }>`
    select payload->>'clientId' as client_id,
           count(distinct payload->>'accountId')
             filter (where kind = 'Grant' and (expires_at is null or expires_at > ${now})) as learners,
           max(created_at) filter (where kind in ('AccessToken', 'RefreshToken')) as last_token_at
      from oauth_models
     where kind in ('Grant', 'AccessToken', 'RefreshToken')
       and payload->>'clientId' in (${sql.join(clientIds)})
     group by payload->>'clientId'`.execute(db);
  return new Map(
    rows.map((row) => [
      row.clientId,
      {
        learners: Number(row.learners),
        lastTokenAt: row.lastTokenAt === null ? null : new Date(row.lastTokenAt),
      },
    ]),
  );
}

/** The names of the organizations that publish the given clients; a client nobody publishes is absent. */
export async function publishersOf(db: Executor, clientIds: string[]): Promise<Map<string, string>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('oauthClientOwners as o')
    .innerJoin('organizations as org', 'org.id', 'o.orgId')
    .select(['o.clientId', 'org.name'])
    .where('o.clientId', 'in', clientIds)
    .execute();
  return new Map(rows.map((row) => [row.clientId, row.name]));
}

/**
 * Deletes what is left of a client once its grants are gone (connected-apps.ts endGrants): any code or token that
 * names it, the client itself and its owner. Returns whether the organization owned it.
 */
export async function deleteOwnedClient(trx: Executor, orgId: string, clientId: string): Promise<boolean> {
  const owner = await trx
    .deleteFrom('oauthClientOwners')
    .where('orgId', '=', orgId)
    .where('clientId', '=', clientId)
    .executeTakeFirst();
  if (Number(owner.numDeletedRows) === 0) return false;
  await trx
    .deleteFrom('oauthModels')
    .where('kind', 'in', ISSUED_KINDS)
    .where(sql<boolean>`payload->>'clientId' = ${clientId}`)
    .execute();
  await trx
    .deleteFrom('oauthModels')
    .where('kind', '=', 'Client')
    .where('id', '=', keyOf(clientId))
    .execute();
  return true;
}
