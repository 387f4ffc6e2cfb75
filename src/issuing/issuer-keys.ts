// Issuers' identities: did:web on this server (or the did:key of the current key), Ed25519 signing keys
// encrypted at rest, rotation (revocation of a compromised key: key-revocation.ts).
import { createHash } from 'node:crypto';
import {
  buildDidWebDocument,
  type DidDocument,
  decryptSecretKey,
  didKeyVerificationMethodId,
  didWebId,
  Ed25519KeyPair,
  encryptSecretKey,
} from '../credentials/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import {
  organizationById,
  organizationBySlug,
  type PublicOrganization,
  requireMembership,
} from '../orgs/index.ts';
import { cachedDocument, DOMAIN_DOCUMENTS, didDocumentKey, forgetDocuments } from './document-cache.ts';
import { domainDid } from './domain-model.ts';
import { findVerifiedDomain } from './domain-store.ts';
import {
  findActiveIssuerKey,
  findIssuerDidMethod,
  findIssuerKeyById,
  type IssuerKeyRow,
  insertFirstIssuerKey,
  insertIssuerKey,
  listIssuerKeys,
  retireActiveKeys,
  type StatusListRow,
  saveIssuerDidMethod,
} from './store.ts';
import type { IssuerDidMethod } from './tables.ts';

export interface SigningIdentity {
  org: PublicOrganization;
  didMethod: IssuerDidMethod;
  did: string;
  verificationMethod: string;
  keyPair: Ed25519KeyPair;
  /** The issuer_keys row that signs. */
  keyId: string;
}

export type IssuerKeyState = 'active' | 'retired' | 'revoked';

export interface IssuerKeyView {
  keyNumber: number;
  verificationMethod: string;
  publicKeyMultibase: string;
  /** SHA-256 of the public key's multibase form, first 16 bytes in hex pairs: easy to compare aloud. */
  fingerprint: string;
  createdAt: Date;
  retiredAt: Date | null;
  active: boolean;
  state: IssuerKeyState;
  revokedAt: Date | null;
  compromisedSince: Date | null;
  revokedReason: string | null;
}

/** `did:web:<host>:issuers:<slug>`, its document served at /issuers/<slug>/did.json. */
export function issuerDid(deps: Deps, slug: string): string {
  return didWebId(new URL(deps.config.publicUrl).host, ['issuers', slug]);
}

export const verificationMethodOf = (did: string, keyNumber: number) => `${did}#key-${keyNumber}`;

/** A new Ed25519 key, its secret half wrapped under the key-encryption key (issuers' and the platform's keys). */
export function newWrappedKey(deps: Deps) {
  const keyPair = Ed25519KeyPair.generate();
  return {
    createdAt: deps.now(),
    publicKeyMultibase: keyPair.publicKeyMultibase,
    secretKeyEncrypted: encryptSecretKey(deps.secrets.keyEncryptionKey, keyPair.secretKeyMultibase),
  };
}

/** The key pair of a stored key (newWrappedKey), unwrapped for signing. */
export const unwrappedKeyPair = (deps: Deps, secretKeyEncrypted: string) =>
  Ed25519KeyPair.fromSecretKeyMultibase(decryptSecretKey(deps.secrets.keyEncryptionKey, secretKeyEncrypted));

export function newEncryptedKey(deps: Deps, orgId: string) {
  return { orgId, ...newWrappedKey(deps) };
}

/**
 * The organization's active key, created on its first use. Race-free across transactions and
 * processes: an insert that meets another's first key does nothing (after waiting for it to commit),
 * and the next read finds that key.
 */
async function activeKeyOf(deps: Deps, db: Executor, orgId: string): Promise<IssuerKeyRow> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await findActiveIssuerKey(db, orgId);
    if (existing) return existing;
    const created = await insertFirstIssuerKey(db, newEncryptedKey(deps, orgId));
    if (created) return created;
  }
  throw new Error(`Could not create the first signing key of organization ${orgId}`);
}

/**
 * The organization's signing identity, creating its first key when it has none. A did:web issuer with a verified
 * domain of its own signs as did:web:<domain> (domain.ts). A status list signs as the DID its credentials name
 * (`asDid` for a domain's lists, `ownDomain: false` for the did:web on this server's), whatever is bound now.
 */
export async function signingIdentity(
  deps: Deps,
  db: Executor,
  orgId: string,
  { ownDomain = true, asDid }: { ownDomain?: boolean; asDid?: string } = {},
): Promise<SigningIdentity> {
  const org = await organizationById(db, orgId);
  if (!org) throw new NotFoundError('organization');
  if (org.kind !== 'issuer')
    throw new RuleError('not-an-issuer', 'Only issuer organizations sign credentials.');
  const key = await activeKeyOf(deps, db, orgId);
  const identity = identityOf(deps, org, key, await findIssuerDidMethod(db, orgId));
  const domain = ownDomain && identity.didMethod === 'web' ? await findVerifiedDomain(db, orgId) : undefined;
  const did = asDid ?? (domain ? domainDid(domain.domain) : undefined);
  if (!did) return identity;
  return { ...identity, didMethod: 'web', did, verificationMethod: verificationMethodOf(did, key.keyNumber) };
}

/**
 * An employer's signing identity for the endorsements it signs (docs/endorsements.md): always its did:web on
 * this server, its first key created on first use exactly as an issuer's is.
 */
export async function endorsingIdentity(deps: Deps, db: Executor, orgId: string): Promise<SigningIdentity> {
  const org = await organizationById(db, orgId);
  if (!org) throw new NotFoundError('organization');
  if (org.kind !== 'employer')
    throw new RuleError('not-an-employer', 'Only employer organizations sign endorsements.');
  return identityOf(deps, org, await activeKeyOf(deps, db, orgId), 'web');
}

/**
 * Who signs a status list: for a did:key issuer the key the list was opened under (its credentials
 * carry that key's did:key as issuer), otherwise the issuer's did:web with its current key.
 */
export async function statusListSigner(
  deps: Deps,
  db: Executor,
  list: StatusListRow,
): Promise<SigningIdentity> {
  if (!list.issuerKeyId) {
    // An employer's lists hold its endorsements' status; they are signed as the employer.
    const owner = await organizationById(db, list.orgId);
    return owner?.kind === 'employer'
      ? endorsingIdentity(deps, db, list.orgId)
      : signingIdentity(deps, db, list.orgId, { ownDomain: false, asDid: list.issuerDid ?? undefined });
  }
  const org = await organizationById(db, list.orgId);
  const key = await findIssuerKeyById(db, list.orgId, list.issuerKeyId);
  if (!org || !key) throw new NotFoundError('issuer key');
  return identityOf(deps, org, key, 'key');
}

function identityOf(
  deps: Deps,
  org: PublicOrganization,
  key: IssuerKeyRow,
  didMethod: IssuerDidMethod,
): SigningIdentity {
  const keyPair = unwrappedKeyPair(deps, key.secretKeyEncrypted);
  if (didMethod === 'key') {
    return {
      org,
      didMethod,
      did: `did:key:${key.publicKeyMultibase}`,
      verificationMethod: didKeyVerificationMethodId(key.publicKeyMultibase),
      keyPair,
      keyId: key.id,
    };
  }
  const did = issuerDid(deps, org.slug);
  return {
    org,
    didMethod,
    did,
    verificationMethod: verificationMethodOf(did, key.keyNumber),
    keyPair,
    keyId: key.id,
  };
}

/** New credentials are signed as the did:web of the issuer or as the did:key of its current key. */
export async function setDidMethod(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  didMethod: IssuerDidMethod,
): Promise<void> {
  requireMembership(actor, orgId, ['owner', 'admin']);
  requireScope(actor, 'orgs:write');
  const org = await organizationById(deps.db, orgId);
  if (!org) throw new NotFoundError('organization');
  if (org.kind !== 'issuer')
    throw new RuleError('not-an-issuer', 'Only issuer organizations sign credentials.');
  await saveIssuerDidMethod(deps.db, orgId, didMethod, deps.now());
}

const fingerprintOf = (publicKeyMultibase: string) =>
  (createHash('sha256').update(publicKeyMultibase).digest('hex').slice(0, 32).match(/../g) ?? []).join(':');

export function presentKey(did: string, row: IssuerKeyRow): IssuerKeyView {
  const active = row.retiredAt === null && row.revokedAt === null;
  return {
    keyNumber: row.keyNumber,
    verificationMethod: verificationMethodOf(did, row.keyNumber),
    publicKeyMultibase: row.publicKeyMultibase,
    fingerprint: fingerprintOf(row.publicKeyMultibase),
    createdAt: row.createdAt,
    retiredAt: row.retiredAt,
    active,
    state: row.revokedAt ? 'revoked' : active ? 'active' : 'retired',
    revokedAt: row.revokedAt,
    compromisedSince: row.compromisedSince,
    revokedReason: row.revokedReason,
  };
}

export async function listKeys(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
): Promise<{ did: string; didMethod: IssuerDidMethod; keys: IssuerKeyView[] }> {
  requireMembership(actor, orgId, ['owner', 'admin']);
  const org = await organizationById(deps.db, orgId);
  if (!org) throw new NotFoundError('organization');
  const didWeb = issuerDid(deps, org.slug);
  const didMethod = await findIssuerDidMethod(deps.db, orgId);
  const keys = (await listIssuerKeys(deps.db, orgId)).map((row) => presentKey(didWeb, row));
  const active = keys.find((key) => key.active);
  const domain = didMethod === 'web' ? await findVerifiedDomain(deps.db, orgId) : undefined;
  const did =
    didMethod === 'key' && active
      ? `did:key:${active.publicKeyMultibase}`
      : domain
        ? domainDid(domain.domain)
        : didWeb;
  return { did, didMethod, keys };
}

/**
 * A new key signs from now on; the old one is retired but stays in the DID document, so every
 * credential it signed keeps verifying.
 */
export async function rotateKey(deps: Deps, actor: Actor | null, orgId: string): Promise<IssuerKeyView> {
  requireMembership(actor, orgId, ['owner', 'admin']);
  requireScope(actor, 'orgs:write');
  const org = await organizationById(deps.db, orgId);
  if (!org) throw new NotFoundError('organization');
  try {
    const row = await deps.db.transaction().execute(async (trx) => {
      await retireActiveKeys(trx, orgId, deps.now());
      return insertIssuerKey(trx, newEncryptedKey(deps, orgId));
    });
    forgetDocuments(deps, didDocumentKey(org.slug));
    forgetDocuments(deps, DOMAIN_DOCUMENTS); // the same keys, listed under its own domain
    return presentKey(issuerDid(deps, org.slug), row);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new ConflictError(
        'Another key rotation for this organization is in progress; try again.',
        'rotation-in-progress',
      );
    }
    throw error;
  }
}

/** The public DID document of an issuer of this server, or undefined for an unknown slug. */
export function didDocumentOf(deps: Deps, slug: string): Promise<DidDocument | undefined> {
  return cachedDocument(deps, didDocumentKey(slug), () => loadDidDocument(deps, slug));
}

async function loadDidDocument(deps: Deps, slug: string): Promise<DidDocument | undefined> {
  const org = await organizationBySlug(deps.db, slug);
  if (org?.kind !== 'issuer' && org?.kind !== 'employer') return undefined;
  let keys = await listIssuerKeys(deps.db, org.id);
  // An employer has a DID once it signed an endorsement (its first key is made then).
  if (keys.length === 0 && org.kind === 'employer') return undefined;
  if (keys.length === 0) keys = [await activeKeyOf(deps, deps.db, org.id)];
  const did = issuerDid(deps, slug);
  const document = buildDidWebDocument(
    did,
    keys.map((key) => ({ publicKeyMultibase: key.publicKeyMultibase, fragment: `key-${key.keyNumber}` })),
  );
  return withRegistryListings(withRevokedKeys(document, did, keys), did, org.registryListings);
}

/**
 * DID Core `service` type of an issuer registry listing. No registered type fits: TRQP's `TrustRegistry` names
 * a registry's query endpoint, `LinkedDomains` a domain proven by a DID Configuration; this is the address of
 * a listing the issuer says it has, for a verifier to check at the registry.
 */
export const REGISTRY_LISTING_SERVICE = 'IssuerRegistryListing';

/**
 * The issuer registries the organization says it is listed in (its issuer page shows them), as DID Core
 * services `<did>#registry-<n>`, numbered 1, 2 … in the organization's order: a verifier holding only the
 * DID finds where to look the issuer up.
 */
export function withRegistryListings(
  document: DidDocument,
  did: string,
  listings: PublicOrganization['registryListings'],
): DidDocument {
  if (!listings || listings.length === 0) return document;
  return {
    ...document,
    service: listings.map((listing, i) => ({
      id: `${did}#registry-${i + 1}`,
      type: REGISTRY_LISTING_SERVICE,
      serviceEndpoint: listing.url,
    })),
  };
}

/**
 * A revoked key stays listed (so a verifier can say why a signature fails) with `revoked`, the time from which
 * it is treated as compromised (CID 1.0), and leaves assertionMethod and authentication: it vouches for nothing.
 */
export function withRevokedKeys(document: DidDocument, did: string, keys: IssuerKeyRow[]): DidDocument {
  const revoked = new Map(
    keys
      .filter((key) => key.revokedAt)
      .map((key) => [verificationMethodOf(did, key.keyNumber), key.compromisedSince ?? key.createdAt]),
  );
  if (revoked.size === 0) return document;
  const authorized = (ids: DidDocument['assertionMethod']) =>
    ids?.filter((entry) => typeof entry !== 'string' || !revoked.has(entry));
  return {
    ...document,
    verificationMethod: document.verificationMethod?.map((method) => {
      const since = revoked.get(method.id);
      return since ? { ...method, revoked: since.toISOString() } : method;
    }),
    assertionMethod: authorized(document.assertionMethod),
    authentication: authorized(document.authentication),
  };
}
