// Issuing many credentials in the caller's transaction (bulk awards): status indexes taken with one
// update per list, each credential built and signed by the same code as a single issuance, stored with
// one multi-row INSERT. Either all of them exist after the commit or none.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { type IssuedCredentialInsert, type IssueRequest, signedCredentialRow } from './issue.ts';
import { type SigningIdentity, signingIdentity } from './issuer-keys.ts';
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

/**
 * Issues one credential per request, in order. Returns what was stored (ids, status slots and the
 * signed credentials, e.g. to bake them), without reading it back.
 */
export async function issueCredentialsBatch(
  deps: Deps,
  trx: Executor,
  orgId: string,
  requests: readonly IssueRequest[],
): Promise<IssuedCredentialInsert[]> {
  if (requests.length === 0) return [];
  const identity = await signingIdentity(deps, trx, orgId);
  const slots = await allocateStatuses(deps, trx, identity, 'revocation', requests.length);
  const now = deps.now();
  const rows: IssuedCredentialInsert[] = [];
  for (const [i, request] of requests.entries()) {
    rows.push(await signedCredentialRow(identity, request, { id: randomUUID(), now, status: slots[i]! }));
  }
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await insertIssuedCredentials(trx, rows.slice(start, start + INSERT_CHUNK));
  }
  return rows;
}
