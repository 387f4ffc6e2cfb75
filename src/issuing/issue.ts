// Issuing one Open Badges 3.0 credential: status entries, build, sign (Data Integrity, and VC-JWT
// when asked), store — in one transaction, so a failed step leaves no half-issued credential.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { signingIdentity } from './issuer-keys.ts';
import { type IssueRequest, signedCredentialRow } from './sign.ts';
import { allocateStatus } from './status-lists.ts';
import { type IssuedCredentialRow, insertIssuedCredential } from './store.ts';

export { type IssuedCredentialInsert, type IssueRequest, signedCredentialRow } from './sign.ts';

/** For trusted callers inside Tessera (award engine); routes go through issueForActor. */
export async function issueCredential(
  deps: Deps,
  orgId: string,
  request: IssueRequest,
): Promise<IssuedCredentialRow> {
  return deps.db.transaction().execute((trx) => issueCredentialIn(deps, trx, orgId, request));
}

/**
 * Issues inside the caller's transaction, so a caller's own write (an award) and its credential commit
 * or roll back together. On PGlite, pass the transaction and never touch deps.db meanwhile.
 */
export async function issueCredentialIn(
  deps: Deps,
  trx: Executor,
  orgId: string,
  request: IssueRequest,
): Promise<IssuedCredentialRow> {
  const identity = await signingIdentity(deps, trx, orgId);
  const status = await allocateStatus(deps, trx, identity, 'revocation');
  const row = await signedCredentialRow(identity, request, { id: randomUUID(), now: deps.now(), status });
  return insertIssuedCredential(trx, row);
}

/** Manual issuance through the API: owners, admins and staff of the issuer. */
export async function issueForActor(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  request: IssueRequest,
): Promise<IssuedCredentialRow> {
  requireMembership(actor, orgId, ['owner', 'admin', 'staff']);
  requireScope(actor, 'vc:issue');
  return issueCredential(deps, orgId, request);
}
