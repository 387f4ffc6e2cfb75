// An issuer's own domain (docs/organizations.md, "The issuer's own domain"): owners and admins bind a domain
// (pending), publish the token we give them, and verify it; from then on new credentials name did:web:<domain>
// and this server answers for its DID document. Unbinding releases the domain: new credentials go back to the
// did:web on this server, and the released domain's document keeps being served so what it signed still verifies.
import { buildDidWebDocument, type DidDocument } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, type FieldProblem, InvalidError, NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import { organizationById, organizationBySlug, requireMembership } from '../orgs/index.ts';
import { cachedDocument, DOMAIN_DOCUMENTS, domainDocumentKey, forgetDocuments } from './document-cache.ts';
import { checkDomain } from './domain-check.ts';
import {
  type DomainInstructions,
  type DomainProblem,
  domainDid,
  domainProblem,
  instructionsFor,
  newDomainToken,
  normalizeDomain,
} from './domain-model.ts';
import {
  endCurrentDomain,
  findCurrentDomain,
  findDomainHolder,
  findVerifiedDomain,
  type IssuerDomainRow,
  insertPendingDomain,
  isVerifiedElsewhere,
  listBoundDomains,
  recordDomainCheck,
} from './domain-store.ts';
import { didDocumentOf, withRegistryListings, withRevokedKeys } from './issuer-keys.ts';
import { isPlatformHost, platformDidDocument } from './platform-identity.ts';
import { listIssuerKeys } from './store.ts';

export interface DomainView {
  domain: string;
  state: 'pending' | 'verified';
  did: string;
  instructions: DomainInstructions;
  createdAt: Date;
  verifiedAt: Date | null;
  lastCheckAt: Date | null;
  lastCheckProblem: string | null;
}

const DOMAIN_PROBLEMS: Record<DomainProblem, FieldProblem> = {
  'not-a-domain': {
    path: 'body.domain',
    message: 'Enter a domain name such as badges.example.edu (no https://, no path).',
    code: 'not-a-domain',
  },
  'ip-address': {
    path: 'body.domain',
    message: 'Enter a domain name, not an IP address.',
    code: 'domain-is-ip-address',
  },
  'this-server': {
    path: 'body.domain',
    message: "That is this server's own domain; enter one your organization holds.",
    code: 'domain-is-this-server',
  },
};

const present = (row: IssuerDomainRow): DomainView => ({
  domain: row.domain,
  state: row.state === 'verified' ? 'verified' : 'pending',
  did: domainDid(row.domain),
  instructions: instructionsFor(row.domain, row.token),
  createdAt: row.createdAt,
  verifiedAt: row.verifiedAt,
  lastCheckAt: row.lastCheckAt,
  lastCheckProblem: row.lastCheckProblem,
});

async function requireIssuer(deps: Deps, actor: Actor | null, orgId: string, write: boolean): Promise<void> {
  requireMembership(actor, orgId, ['owner', 'admin']);
  if (write) requireScope(actor, 'orgs:write');
  const org = await organizationById(deps.db, orgId);
  if (!org) throw new NotFoundError('organization');
  if (org.kind !== 'issuer')
    throw new RuleError('not-an-issuer', 'Only issuer organizations sign credentials.');
}

/** Loopback test servers may be bound only where the test-only fetch allowance is on (never in production). */
const testHosts = (deps: Deps) =>
  deps.config.verifyAllowPrivate ? (deps.config.verifyAllowHosts ?? []) : [];

export async function domainOf(deps: Deps, actor: Actor | null, orgId: string): Promise<DomainView | null> {
  await requireIssuer(deps, actor, orgId, false);
  const row = await findCurrentDomain(deps.db, orgId);
  return row ? present(row) : null;
}

/** Binds `input` as the organization's domain, pending until verified; the same domain again keeps its token. */
export async function bindDomain(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  input: string,
): Promise<DomainView> {
  await requireIssuer(deps, actor, orgId, true);
  const domain = normalizeDomain(input);
  const problem = domainProblem(domain, new URL(deps.config.publicUrl).host, testHosts(deps));
  if (problem) {
    throw new InvalidError('The domain cannot be bound.', [DOMAIN_PROBLEMS[problem]]);
  }
  const row = await deps.db.transaction().execute(async (trx) => {
    const current = await findCurrentDomain(trx, orgId);
    if (current?.domain === domain) return current;
    if (await isVerifiedElsewhere(trx, orgId, domain)) throw domainTaken();
    await endCurrentDomain(trx, orgId, deps.now());
    return insertPendingDomain(trx, { orgId, domain, token: newDomainToken(), createdAt: deps.now() });
  });
  forgetDocuments(deps, DOMAIN_DOCUMENTS);
  return present(row);
}

const domainTaken = () =>
  new ConflictError('Another organization on this server has verified this domain.', 'domain-taken');

/** Future credentials go back to the did:web on this server; those issued under the domain keep verifying. */
export async function unbindDomain(deps: Deps, actor: Actor | null, orgId: string): Promise<void> {
  await requireIssuer(deps, actor, orgId, true);
  const current = await findCurrentDomain(deps.db, orgId);
  if (!current) throw new NotFoundError('domain');
  await endCurrentDomain(deps.db, orgId, deps.now());
  forgetDocuments(deps, DOMAIN_DOCUMENTS);
}

/** Looks for the token (DNS TXT or the HTTPS file); found, the domain is verified. */
export async function verifyDomain(deps: Deps, actor: Actor | null, orgId: string): Promise<DomainView> {
  await requireIssuer(deps, actor, orgId, true);
  const current = await findCurrentDomain(deps.db, orgId);
  if (!current) throw new NotFoundError('domain');
  if (current.state === 'verified') return present(current);
  const outcome = await checkDomain(deps.config, current.domain, current.token);
  if (outcome.found && (await isVerifiedElsewhere(deps.db, orgId, current.domain))) throw domainTaken();
  try {
    const row = await recordDomainCheck(deps.db, orgId, current.id, {
      at: deps.now(),
      verified: outcome.found,
      problem: outcome.found ? null : outcome.problems.join(' '),
    });
    if (!row)
      throw new ConflictError('The domain changed meanwhile; reload and try again.', 'domain-changed');
    forgetDocuments(deps, DOMAIN_DOCUMENTS);
    return present(row);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw domainTaken();
    throw error;
  }
}

/**
 * The DID document of did:web:<domain> when an organization of this server holds (or held) that domain verified,
 * else undefined. Lists the same keys as its did:web on this server, revoked ones marked alike.
 */
export function domainDidDocument(deps: Deps, domain: string): Promise<DidDocument | undefined> {
  const host = normalizeDomain(domain);
  return cachedDocument(deps, domainDocumentKey(host), async () => {
    const holder = await findDomainHolder(deps.db, host);
    if (!holder) return undefined;
    let keys = await listIssuerKeys(deps.db, holder.orgId);
    if (keys.length === 0) {
      // Bound before its first credential: its first key is made now, as for its did:web on this server.
      const org = await organizationById(deps.db, holder.orgId);
      if (org) await didDocumentOf(deps, org.slug);
      keys = await listIssuerKeys(deps.db, holder.orgId);
    }
    if (keys.length === 0) return undefined;
    const did = domainDid(host);
    const document = buildDidWebDocument(
      did,
      keys.map((key) => ({ publicKeyMultibase: key.publicKeyMultibase, fragment: `key-${key.keyNumber}` })),
    );
    const holderOrg = await organizationById(deps.db, holder.orgId);
    const listings = holderOrg?.registryListings ?? null;
    return withRegistryListings(withRevokedKeys(document, did, keys), did, listings);
  });
}

/** The DIDs an organization's credentials may name besides its did:web here: its verified and released domains. */
export async function boundDomainDids(deps: Deps, orgId: string): Promise<string[]> {
  return (await listBoundDomains(deps.db, orgId)).map((row) => domainDid(row.domain));
}

/**
 * did:web:<host> (no path) of a domain held here → its document, and this server's own host → the platform's
 * (platform-identity.ts); undefined for any other DID.
 */
export async function ownDomainDidDocument(deps: Deps, did: string): Promise<DidDocument | undefined> {
  const match = /^did:web:([^:#]+)$/.exec(did.split('#')[0] ?? '');
  if (!match) return undefined;
  let host: string;
  try {
    host = decodeURIComponent(match[1] ?? '');
  } catch {
    return undefined;
  }
  if (isPlatformHost(deps, host)) return platformDidDocument(deps);
  return domainDidDocument(deps, host);
}

/** The DID document of the verified domain of the issuer `slug` (for a proxy of that domain's did.json). */
export async function issuerDomainDocument(deps: Deps, slug: string): Promise<DidDocument | undefined> {
  const org = await organizationBySlug(deps.db, slug);
  const domain = org ? await findVerifiedDomain(deps.db, org.id) : undefined;
  return domain ? domainDidDocument(deps, domain.domain) : undefined;
}
