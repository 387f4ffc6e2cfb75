// Use-cases of a learner's connected apps: the OAuth clients of the OB 3.0 API they allowed on the consent page
// (each "Allow" makes a grant, so one app may hold several), and disconnecting one, which ends its grants and
// every code and token issued under them at once. Only the learner's own session may do either.
import { decryptSecretKey } from '../credentials/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { type Actor, requireSession } from '../identity/index.ts';
import { clientsByIds, deleteGrants, type GrantRow, grantsOf } from './connected-apps-store.ts';
import { OB_SCOPES, type ObScope } from './model.ts';
import { publishersOf } from './oauth-clients-store.ts';

export interface ConnectedApp {
  clientId: string;
  /** The client's registered name (client_name), or null when it gave none. */
  clientName: string | null;
  /** The client's home page (client_uri), when it is a web address. */
  clientUri: string | null;
  /** The organization that publishes it (its OAuth apps page); null for an app that registered itself. */
  publishedBy: string | null;
  /** The OB 3.0 scopes the learner allowed it, over all its live grants, in the spec's order. */
  scopes: ObScope[];
  /** When the learner first and last allowed it (of its live grants). */
  firstAllowedAt: Date;
  lastAllowedAt: Date;
}

interface GrantPayload {
  accountId?: unknown;
  clientId?: unknown;
  openid?: { scope?: unknown };
  jtiWrapped?: unknown;
}

const parse = (row: GrantRow) => JSON.parse(row.payloadText) as GrantPayload;
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);
/** A home page to link to: only a web address (the client registered it itself). */
const webAddress = (value: unknown) => {
  const found = text(value);
  return found && /^https?:\/\//i.test(found) ? found : null;
};

/** The apps the learner allowed whose access has not ended, most recently allowed first. */
export async function listConnectedApps(deps: Deps, actor: Actor | null): Promise<ConnectedApp[]> {
  const me = requireSession(actor);
  // The provider computes lifetimes with the system clock (adapter.ts), so "live" uses it too.
  const rows = await grantsOf(deps.db, me.user.id, { liveAt: new Date() });
  const apps = new Map<string, { scopes: Set<string>; first: Date; last: Date }>();
  for (const row of rows) {
    const payload = parse(row);
    const clientId = text(payload.clientId);
    if (!clientId) continue;
    // The row's own time: finer than the grant's `iat` (whole seconds).
    const at = row.createdAt;
    const app = apps.get(clientId) ?? { scopes: new Set<string>(), first: at, last: at };
    for (const scope of String(payload.openid?.scope ?? '').split(' ')) app.scopes.add(scope);
    if (at < app.first) app.first = at;
    if (at > app.last) app.last = at;
    apps.set(clientId, app);
  }
  const clients = await clientsByIds(deps.db, [...apps.keys()]);
  const publishers = await publishersOf(deps.db, [...apps.keys()]);
  return [...apps]
    .map(([clientId, app]) => {
      const client = JSON.parse(clients.get(clientId) ?? '{}') as Record<string, unknown>;
      return {
        clientId,
        clientName: text(client.client_name),
        clientUri: webAddress(client.client_uri),
        publishedBy: publishers.get(clientId) ?? null,
        scopes: OB_SCOPES.filter((scope) => app.scopes.has(scope)),
        firstAllowedAt: app.first,
        lastAllowedAt: app.last,
      };
    })
    .sort(
      (a, b) => b.lastAllowedAt.getTime() - a.lastAllowedAt.getTime() || a.clientId.localeCompare(b.clientId),
    );
}

/**
 * Disconnects an app: its grants from the learner go, with the authorization codes, access and refresh tokens
 * issued under them, so the app's next call to the OB 3.0 API is refused. An app the learner never allowed (or
 * another learner's) is not found.
 */
export async function disconnectApp(deps: Deps, actor: Actor | null, clientId: string): Promise<void> {
  const me = requireSession(actor);
  await deps.db.transaction().execute(async (trx) => {
    if ((await endGrants(deps, trx, me.user.id, clientId)) === 0) throw new NotFoundError('connected app');
  });
}

/**
 * Ends a client's grants from one learner (from every learner when `accountId` is null) with every code and
 * token issued under them; returns how many grants went. Disconnecting an app and deleting a published one.
 */
export async function endGrants(
  deps: Deps,
  trx: Executor,
  accountId: string | null,
  clientId: string,
): Promise<number> {
  const kek = deps.secrets.keyEncryptionKey;
  const grants = await grantsOf(trx, accountId, { clientId });
  const grantIds = grants.flatMap((row) => {
    const wrapped = text(parse(row).jtiWrapped);
    return wrapped ? [decryptSecretKey(kek, wrapped)] : [];
  });
  return deleteGrants(trx, accountId, clientId, grantIds);
}
