// Reads of issued credentials for the issuer's own members.
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { findIssuedCredential, type IssuedCredentialRow, listIssuedCredentials } from './store.ts';
import type { CredentialState } from './tables.ts';

export async function listCredentials(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  filter: { state?: CredentialState; limit: number; before?: Date },
): Promise<IssuedCredentialRow[]> {
  requireMembership(actor, orgId, ['owner', 'admin', 'staff']);
  requireScope(actor, 'read');
  return listIssuedCredentials(deps.db, orgId, filter);
}

export async function getCredential(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  credentialId: string,
): Promise<IssuedCredentialRow> {
  requireMembership(actor, orgId, ['owner', 'admin', 'staff']);
  requireScope(actor, 'read');
  const row = await findIssuedCredential(deps.db, orgId, credentialId);
  if (!row) throw new NotFoundError('credential');
  return row;
}
