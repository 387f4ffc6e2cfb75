// Remembered consent: a learner who already allowed an app the scopes it asks for now (or wider ones) is not asked
// again while that grant lives (TOKEN_TTL.Grant from the "Allow"). What it asks beyond them is all the consent
// page names. Disconnecting the app (connected-apps.ts) deletes its grants, so the next authorization asks again.
import { decryptSecretKey } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { type GrantRow, grantsOf } from './connected-apps-store.ts';
import { isObScope, type ObScope } from './model.ts';

export interface RememberedConsent {
  /** A live grant of the learner to this app that holds every scope asked for (the newest), when one does. */
  grantId: string | null;
  /** The OB scopes asked for that no live grant holds: what the consent page asks about (none: ask nothing). */
  missing: ObScope[];
}

function scopesOf(row: GrantRow): Set<string> {
  const payload = JSON.parse(row.payloadText) as { openid?: { scope?: unknown } };
  return new Set(
    String(payload.openid?.scope ?? '')
      .split(' ')
      .filter(Boolean),
  );
}

/**
 * What the learner already allowed this app of the scopes it asks for. `openid` carries nothing for the OB API,
 * so it is never a reason to ask; a grant must hold it to be reused, though (else the caller makes one).
 */
export async function rememberedConsent(
  deps: Deps,
  accountId: string,
  clientId: string,
  requested: string[],
): Promise<RememberedConsent> {
  // The provider computes lifetimes with the system clock (adapter.ts), so "live" uses it too.
  const rows = await grantsOf(deps.db, accountId, { clientId, liveAt: new Date() });
  const granted = new Set<string>();
  let covering: GrantRow | undefined;
  for (const row of rows) {
    const scopes = scopesOf(row);
    for (const scope of scopes) granted.add(scope);
    // Oldest first: the last that holds them all is the newest.
    if (requested.every((scope) => scopes.has(scope))) covering = row;
  }
  const missing = requested.filter((scope): scope is ObScope => isObScope(scope) && !granted.has(scope));
  const wrapped = covering ? (JSON.parse(covering.payloadText) as { jtiWrapped?: unknown }).jtiWrapped : null;
  const grantId =
    typeof wrapped === 'string' ? decryptSecretKey(deps.secrets.keyEncryptionKey, wrapped) : null;
  return { grantId, missing };
}
