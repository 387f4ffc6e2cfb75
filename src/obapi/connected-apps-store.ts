// SQL of a learner's connected apps: the grants oidc-provider keeps for them (oauth_models rows of kind 'Grant',
// adapter.ts), the names of the clients those grants are for, and deleting a client's grants with every code and
// token issued under them. The payload is read as text: the camel-case plugin would rename the keys in a JSON
// value. Rows are keyed by the SHA-256 of the model's id; a grant's own id is wrapped (its `jtiWrapped`).
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { keyOf } from './adapter.ts';

export interface GrantRow {
  /** The grant's payload: accountId, clientId, openid.scope, iat, exp, jtiWrapped … */
  payloadText: string;
  createdAt: Date;
}

/**
 * The learner's grants (every learner's when `accountId` is null: all of a client's), oldest first: to one client
 * or to any; only those live at `liveAt` when given.
 */
export function grantsOf(
  db: Executor,
  accountId: string | null,
  filter: { clientId?: string; liveAt?: Date },
): Promise<GrantRow[]> {
  let query = db
    .selectFrom('oauthModels')
    .select([sql<string>`payload::text`.as('payloadText'), 'createdAt'])
    .where('kind', '=', 'Grant');
  if (accountId !== null) query = query.where(sql<boolean>`payload->>'accountId' = ${accountId}`);
  const { clientId, liveAt } = filter;
  if (clientId !== undefined) query = query.where(sql<boolean>`payload->>'clientId' = ${clientId}`);
  if (liveAt !== undefined)
    query = query.where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', liveAt)]));
  return query.orderBy('createdAt').execute();
}

/** The registered clients' metadata (client_name, client_uri …) by client id; a client gone is absent. */
export async function clientsByIds(db: Executor, clientIds: string[]): Promise<Map<string, string>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('oauthModels')
    .select(['id', sql<string>`payload::text`.as('payloadText')])
    .where('kind', '=', 'Client')
    .where('id', 'in', clientIds.map(keyOf))
    .execute();
  const byKey = new Map(rows.map((row) => [row.id, row.payloadText]));
  return new Map(
    clientIds.flatMap((clientId) => {
      const payload = byKey.get(keyOf(clientId));
      return payload === undefined ? [] : [[clientId, payload] as const];
    }),
  );
}

/**
 * Deletes the learner's grants to one client (every learner's when `accountId` is null) and every authorization
 * code, access token and refresh token issued under `grantIds` (those grants' ids); returns how many grants went.
 */
export async function deleteGrants(
  db: Executor,
  accountId: string | null,
  clientId: string,
  grantIds: string[],
): Promise<number> {
  if (grantIds.length > 0) await db.deleteFrom('oauthModels').where('grantId', 'in', grantIds).execute();
  let query = db
    .deleteFrom('oauthModels')
    .where('kind', '=', 'Grant')
    .where(sql<boolean>`payload->>'clientId' = ${clientId}`);
  if (accountId !== null) query = query.where(sql<boolean>`payload->>'accountId' = ${accountId}`);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
