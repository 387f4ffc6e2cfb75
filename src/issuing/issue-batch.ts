// Issuing many credentials in the caller's transaction (bulk awards): status indexes taken with one
// update per list, each credential built and signed by the same code as a single issuance, stored with
// one multi-row INSERT. Either all of them exist after the commit or none.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { type SigningIdentity, signingIdentity } from './issuer-keys.ts';
import { type IssuedCredentialInsert, type IssueRequest, signedCredentialRow } from './sign.ts';
import { signInWorker } from './signing-pool.ts';
import { type AllocatedStatus, allocatedAt, lockOrOpenStatusList } from './status-lists.ts';
import { insertIssuedCredentials, takeNextIndexes } from './store.ts';
import type { StatusPurpose } from './tables.ts';

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters, and a few MB of JSON. */
const INSERT_CHUNK = 250;

/** `count` never-used indexes, across lists when the open one fills up (a list holds 131,072). */
export async function allocateStatuses(
  deps: Deps,
  trx: Executor,
  identity: SigningIdentity,
  purpose: StatusPurpose,
  count: number,
): Promise<AllocatedStatus[]> {
  const slots: AllocatedStatus[] = [];
  while (slots.length < count) {
    const list = await lockOrOpenStatusList(deps, trx, identity, purpose);
    const take = Math.min(count - slots.length, list.size - list.nextIndex);
    const first = await takeNextIndexes(trx, list.id, take);
    for (let index = first; index < first + take; index++)
      slots.push(allocatedAt(deps, identity, list, index));
  }
  return slots;
}

export interface BatchOptions {
  /**
   * Take the status indexes in a short transaction of their own (PostgreSQL only: PGlite has one
   * connection), so concurrent batches do not queue behind the status list's lock. A batch that then
   * fails leaves its indexes unused, which is harmless: indexes are never reused anyway. The issuer's
   * key must exist already (committed), or the two transactions wait on each other.
   */
  allocateSeparately?: boolean;
  /** The credentials' ids, one per request, when the caller refers to them before they are stored. */
  ids?: readonly string[];
  /**
   * Build and sign in the signing worker thread (signing-pool.ts), so the main thread serves other
   * batches' database work meanwhile. Worth it only when batches run concurrently (PostgreSQL lanes).
   */
  signInWorker?: boolean;
}

/** Two batches opening the issuer's next list at once: one wins (unique list number), the other retries. */
async function allocateInOwnTransaction(
  deps: Deps,
  identity: SigningIdentity,
  count: number,
): Promise<AllocatedStatus[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.db
        .transaction()
        .execute((own) => allocateStatuses(deps, own, identity, 'revocation', count));
    } catch (error) {
      if ((error as { code?: string }).code !== '23505' || attempt >= 3) throw error;
    }
  }
}

/**
 * Issues one credential per request, in order. Returns what was stored (ids, status slots and the
 * signed credentials, e.g. to bake them), without reading it back.
 */
export async function issueCredentialsBatch(
  deps: Deps,
  trx: Executor,
  orgId: string,
  requests: readonly IssueRequest[],
  options: BatchOptions = {},
): Promise<IssuedCredentialInsert[]> {
  if (requests.length === 0) return [];
  const identity = await signingIdentity(deps, trx, orgId);
  const count = requests.length;
  const slots = options.allocateSeparately
    ? await allocateInOwnTransaction(deps, identity, count)
    : await allocateStatuses(deps, trx, identity, 'revocation', count);
  const now = deps.now();
  if (options.ids && options.ids.length !== count)
    throw new Error('issueCredentialsBatch: one id per request');
  const items = requests.map((request, i) => ({
    request,
    slot: { id: options.ids?.[i] ?? randomUUID(), now, status: slots[i]! },
  }));
  let rows: IssuedCredentialInsert[];
  if (options.signInWorker) rows = await signInWorker(identity, items);
  else {
    rows = [];
    for (const { request, slot } of items) rows.push(await signedCredentialRow(identity, request, slot));
  }
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await insertIssuedCredentials(trx, rows.slice(start, start + INSERT_CHUNK));
  }
  return rows;
}
