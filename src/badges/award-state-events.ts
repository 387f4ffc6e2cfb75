// An award's webhook events for its credential's state, whichever path changed it: the awards API
// (changeAwardState), the credentials API (POST …/credentials/{id}/revoke|suspend) or any later one. The
// issuing context calls this listener in the transaction of every change, so the event commits with the
// change or not at all, and exactly once: no caller records it itself.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
// Not the index: registering happens while modules load, and this leaf is ready then (see its header).
import { onCredentialStateChange } from '../issuing/events.ts';
import type { IssuedCredentialRow } from '../issuing/index.ts';
import { recordAwardEvent } from './award-webhooks.ts';

/** The awards whose credential this is (one, or none for a credential issued through the credentials API alone). */
async function awardsOfCredential(trx: Executor, orgId: string, credentialId: string) {
  return trx
    .selectFrom('awards')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('credentialId', '=', credentialId)
    .execute();
}

async function announceCredentialState(
  trx: Executor,
  changed: IssuedCredentialRow,
  deps: Deps,
): Promise<void> {
  // Reinstating has no event of its own (docs/integrations.md lists the events).
  if (changed.state === 'active') return;
  const type = changed.state === 'revoked' ? 'award.revoked' : 'award.suspended';
  for (const award of await awardsOfCredential(trx, changed.orgId, changed.id)) {
    await recordAwardEvent(deps, trx, type, award, { reason: changed.stateReason });
  }
}

/** Called once as the badges context loads (award.ts), in every process that loads it. */
export function registerAwardStateEvents(): void {
  onCredentialStateChange(announceCredentialState);
}
