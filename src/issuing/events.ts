// Who follows credential state changes (credential-state.ts calls them in the transaction of every change). A leaf
// module, with nothing to load at run time, so another context can register as it loads even while the module
// graph is still loading: badges registers from award.ts, and issuing reaches badges through orgs, so issuing's
// index may not be ready yet at that moment.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import type { IssuedCredentialRow } from './store.ts';

export type StateListener = (trx: Executor, changed: IssuedCredentialRow, deps: Deps) => Promise<void>;
const listeners: StateListener[] = [];

/**
 * What other contexts derive from credential states and must change with them (workforce: the skills an
 * employer sees lose a revoked credential's; badges: the award's webhook event). Called in the transaction of
 * every change, whichever route made it, so what they record commits with the change or not at all.
 * Registered once as that context loads.
 */
export function onCredentialStateChange(listener: StateListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/** Runs every listener, in the order they registered, in the change's transaction. */
export async function credentialStateChanged(
  trx: Executor,
  changed: IssuedCredentialRow,
  deps: Deps,
): Promise<void> {
  for (const listener of listeners) await listener(trx, changed, deps);
}
