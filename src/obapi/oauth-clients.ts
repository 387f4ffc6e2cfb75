// Use-cases of the OAuth apps an organization publishes for the OB 3.0 API (issue #21 item 5; docs/integrations.md):
// its owners and admins register one (the client secret is in the reply, and never again), list them with how
// many learners allowed each, rotate a secret (the old one stops at once) and delete one, which ends every
// learner's grant to it with each code and token, as disconnecting an app does. A learner sees the organization
// as the app's publisher on the consent page and under Connected apps.
import type { AdapterPayload } from 'oidc-provider';
import type { Deps } from '../deps.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireMembership } from '../orgs/index.ts';
import { endGrants } from './connected-apps.ts';
import { clientsByIds } from './connected-apps-store.ts';
import {
  appProblems,
  clientMetadata,
  newClientId,
  newClientSecret,
  type OAuthAppInput,
  type PublishedClientFacts,
  publishedFacts,
} from './oauth-clients-model.ts';
import {
  clientMetadataOf,
  deleteOwnedClient,
  findOwner,
  insertOwnedClient,
  type OwnerRow,
  ownersOf,
  publishersOf,
  replaceClient,
  usageOf,
} from './oauth-clients-store.ts';

const MANAGERS = ['owner', 'admin'] as const;

/** The authorization server's own check of client metadata (oidc-provider's Client.validate); throws if refused. */
export type MetadataCheck = (metadata: Record<string, unknown>) => Promise<void>;

export interface OAuthApp extends PublishedClientFacts {
  clientId: string;
  createdAt: Date;
  secretRotatedAt: Date | null;
  /** How many learners hold a live grant to it. */
  learnerCount: number;
  /** When it last got a token, of the tokens still kept (30 days at most); null when none is. */
  lastUsedAt: Date | null;
}

const appOf = (owner: OwnerRow, facts: PublishedClientFacts): OAuthApp => ({
  clientId: owner.clientId,
  ...facts,
  createdAt: owner.createdAt,
  secretRotatedAt: owner.secretRotatedAt,
  learnerCount: 0,
  lastUsedAt: null,
});

/** The new app with its client secret: the only time the secret leaves the server. */
export async function registerOAuthApp(
  deps: Deps,
  check: MetadataCheck,
  actor: Actor | null,
  orgId: string,
  input: OAuthAppInput,
): Promise<{ app: OAuthApp; clientSecret: string }> {
  requireMembership(actor, orgId, MANAGERS);
  const problems = appProblems(input);
  if (problems.length > 0) throw new InvalidError('The app’s addresses are refused.', problems);
  const clientId = newClientId();
  const clientSecret = newClientSecret();
  const metadata = clientMetadata(input, { clientId, clientSecret, issuedAt: deps.now() });
  try {
    await check(metadata);
  } catch (error) {
    const description = (error as { error_description?: unknown }).error_description;
    throw new InvalidError(
      typeof description === 'string' ? `The app is refused: ${description}.` : 'The app is refused.',
    );
  }
  const owner = await deps.db.transaction().execute((trx) =>
    insertOwnedClient(trx, deps.secrets.keyEncryptionKey, {
      orgId,
      clientId,
      metadata: metadata as AdapterPayload,
    }),
  );
  return { app: appOf(owner, publishedFacts(metadata, clientId)), clientSecret };
}

/** The organization's apps, oldest first, each with how many learners allowed it and when it last got a token. */
export async function listOAuthApps(deps: Deps, actor: Actor | null, orgId: string): Promise<OAuthApp[]> {
  requireMembership(actor, orgId, MANAGERS);
  return withUsage(deps, await ownersOf(deps.db, orgId));
}

async function withUsage(deps: Deps, owners: OwnerRow[]): Promise<OAuthApp[]> {
  const ids = owners.map((owner) => owner.clientId);
  const clients = await clientsByIds(deps.db, ids);
  // The provider computes lifetimes with the system clock (adapter.ts), so "live" uses it too.
  const usage = await usageOf(deps.db, ids, new Date());
  return owners.map((owner) => {
    const metadata = JSON.parse(clients.get(owner.clientId) ?? '{}') as Record<string, unknown>;
    const used = usage.get(owner.clientId);
    return {
      ...appOf(owner, publishedFacts(metadata, owner.clientId)),
      learnerCount: used?.learners ?? 0,
      lastUsedAt: used?.lastTokenAt ?? null,
    };
  });
}

/**
 * A new client secret, returned this once. The old one stops at once: the app's next token request must use the
 * new one. Tokens it already holds keep working until they expire or a learner disconnects it.
 */
export async function rotateOAuthAppSecret(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  clientId: string,
): Promise<{ app: OAuthApp; clientSecret: string }> {
  requireMembership(actor, orgId, MANAGERS);
  const kek = deps.secrets.keyEncryptionKey;
  const clientSecret = newClientSecret();
  const owner = await deps.db.transaction().execute(async (trx) => {
    const found = await findOwner(trx, orgId, clientId);
    const stored = found ? await clientMetadataOf(trx, kek, clientId) : undefined;
    if (!found || !stored) throw new NotFoundError('OAuth app');
    const metadata = { ...stored, client_secret: clientSecret } as AdapterPayload;
    return replaceClient(trx, kek, { orgId, clientId, metadata, secretRotatedAt: deps.now() });
  });
  const [app] = await withUsage(deps, [owner]);
  if (!app) throw new NotFoundError('OAuth app');
  return { app, clientSecret };
}

/** Deletes an app: every learner's grant to it ends with each code and token, then the client and its owner go. */
export async function deleteOAuthApp(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  clientId: string,
): Promise<void> {
  requireMembership(actor, orgId, MANAGERS);
  await deps.db.transaction().execute(async (trx) => {
    // Ownership first: another organization never touches the grants of a client that is not its own.
    if (!(await findOwner(trx, orgId, clientId))) throw new NotFoundError('OAuth app');
    await endGrants(deps, trx, null, clientId);
    await deleteOwnedClient(trx, orgId, clientId);
  });
}

/** The name of the organization that publishes a client; null for one that registered itself (RFC 7591). */
export async function publisherOf(deps: Deps, clientId: string): Promise<string | null> {
  return (await publishersOf(deps.db, [clientId])).get(clientId) ?? null;
}
