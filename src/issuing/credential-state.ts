// Revoke, suspend, reinstate: flip the credential's bit in its status list and re-publish the list.
// The OB 3.0 JSON Schema allows one credentialStatus, so a credential has one revocation entry: a
// suspension sets the bit too (any verifier then refuses the credential) and reinstating clears it;
// revocation is final. This server's own verification tells suspended from revoked (see verification/).
import { Bitstring } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { credentialStateChanged } from './events.ts';
import { publishStatusList } from './status-lists.ts';
import {
  findIssuedCredential,
  type IssuedCredentialRow,
  lockStatusListById,
  setCredentialState,
} from './store.ts';
import type { CredentialState } from './tables.ts';

export type StateChange = 'revoke' | 'suspend' | 'reinstate';

/** Which state a change leads to from which states. Revocation is final. */
const transitions: Record<StateChange, { from: CredentialState[]; to: CredentialState }> = {
  revoke: { from: ['active', 'suspended'], to: 'revoked' },
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
};

export function nextState(current: CredentialState, change: StateChange): CredentialState | undefined {
  const rule = transitions[change];
  return rule.from.includes(current) ? rule.to : undefined;
}

export { onCredentialStateChange } from './events.ts';

/**
 * Revokes, suspends or reinstates one credential, whichever route asks (the awards API or the credentials API);
 * the listeners of events.ts follow in the same transaction.
 */
export async function changeCredentialState(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  credentialId: string,
  change: StateChange,
  reason: string | null,
): Promise<IssuedCredentialRow> {
  requireMembership(actor, orgId, ['owner', 'admin']);
  requireScope(actor, 'awards:write');
  return deps.db.transaction().execute(async (trx) => {
    const credential = await findIssuedCredential(trx, orgId, credentialId);
    if (!credential) throw new NotFoundError('credential');
    const to = nextState(credential.state, change);
    if (!to) {
      throw new ConflictError(
        `A ${credential.state} credential cannot be ${change === 'reinstate' ? 'reinstated' : `${change}d`}.`,
        'invalid-state-change',
      );
    }
    const list = await lockStatusListById(trx, orgId, credential.statusListId);
    if (!list) throw new NotFoundError('status list');
    const bits = new Bitstring({ bytes: list.bits });
    // One bit per credential (see docs/decisions.md, "one status entry"): set while not active.
    bits.set(credential.statusIndex, to !== 'active');
    await publishStatusList(deps, trx, list, bits);
    await setCredentialState(trx, orgId, credentialId, to, reason);
    const changed = { ...credential, state: to, stateReason: reason };
    await credentialStateChanged(trx, changed, deps);
    return changed;
  });
}
