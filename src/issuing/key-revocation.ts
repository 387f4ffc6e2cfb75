// Revoking a compromised signing key (issue #19 item 7). The key stops signing at once (a new one takes over
// when it was the active key, so an issuer never lacks one), leaves the did:web document's assertionMethod
// (still listed, with `revoked` set to when it is treated as compromised, CID 1.0 §2.2), and verification on
// this server fails what it signed since then with a plain reason; the issuer may issue those again.
import { Bitstring } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, InvalidError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import { organizationById, requireMembership } from '../orgs/index.ts';
import { DOMAIN_DOCUMENTS, didDocumentKey, forgetDocuments } from './document-cache.ts';
import { type IssuerKeyView, issuerDid, newEncryptedKey, presentKey } from './issuer-keys.ts';
import {
  countSignedSince,
  findIssuerKeyByNumber,
  findRevokedKeyByPublicKey,
  findRevokedKeyBySlug,
  issuedAtOf,
  markIssuerKeyRevoked,
  statusListsSignedAsDidWeb,
} from './revoked-key-store.ts';
import { publishStatusList } from './status-lists.ts';
import { type IssuerKeyRow, insertIssuerKey } from './store.ts';

export interface KeyRevocationInput {
  reason: string;
  /** Defaults to the key's creation: nothing it signed is trusted. */
  compromisedSince?: Date;
}

export interface KeyRevocationResult {
  revoked: IssuerKeyView;
  /** The key that signs from now on when the revoked one was active. */
  replacement: IssuerKeyView | null;
  /** Credentials issued here with the key at or after compromisedSince: they no longer verify. */
  affectedCredentials: number;
}

/** What signatures with a key name: its did:web method (`#key-n`) and its did:key method. */
function methodsOf(did: string, row: IssuerKeyRow): string[] {
  return [`${did}#key-${row.keyNumber}`, `did:key:${row.publicKeyMultibase}#${row.publicKeyMultibase}`];
}

export async function revokeKey(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  keyNumber: number,
  input: KeyRevocationInput,
): Promise<KeyRevocationResult> {
  requireMembership(actor, orgId, ['owner']);
  requireScope(actor, 'orgs:write');
  const org = await organizationById(deps.db, orgId);
  if (!org) throw new NotFoundError('organization');
  const now = deps.now();
  if (input.compromisedSince && input.compromisedSince.getTime() > now.getTime()) {
    throw new InvalidError('The key cannot be compromised since a time still to come.', [
      { path: 'compromisedSince', message: 'must not be in the future', code: 'must-not-be-future' },
    ]);
  }
  const did = issuerDid(deps, org.slug);
  try {
    const result = await deps.db.transaction().execute(async (trx) => {
      const key = await findIssuerKeyByNumber(trx, orgId, keyNumber);
      if (!key) throw new NotFoundError('issuer key');
      if (key.revokedAt) throw new ConflictError('This key is already revoked.', 'key-already-revoked');
      const wasActive = key.retiredAt === null;
      // Before the key existed nothing was signed with it: the earliest meaningful time is its creation.
      const since =
        input.compromisedSince && input.compromisedSince > key.createdAt
          ? input.compromisedSince
          : key.createdAt;
      const revoked = await markIssuerKeyRevoked(trx, orgId, key.id, {
        at: now,
        compromisedSince: since,
        reason: input.reason,
        by: actor?.user.id ?? null,
      });
      const replacement = wasActive ? await insertIssuerKey(trx, newEncryptedKey(deps, orgId)) : null;
      // Lists published under the revoked key would stop verifying: the current key signs them again.
      for (const list of await statusListsSignedAsDidWeb(trx, orgId))
        await publishStatusList(deps, trx, list, new Bitstring({ bytes: list.bits }));
      const affected = await countSignedSince(trx, orgId, methodsOf(did, key), since);
      return { revoked, replacement, affected };
    });
    forgetDocuments(deps, didDocumentKey(org.slug));
    forgetDocuments(deps, DOMAIN_DOCUMENTS); // the same keys, listed under its own domain
    return {
      revoked: presentKey(did, result.revoked),
      replacement: result.replacement ? presentKey(did, result.replacement) : null,
      affectedCredentials: result.affected,
    };
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new ConflictError(
        'Another key change for this organization is in progress; try again.',
        'rotation-in-progress',
      );
    }
    throw error;
  }
}

export interface SigningKeyRevocation {
  revokedAt: Date;
  compromisedSince: Date;
  reason: string | null;
  /** When our records say this credential was issued with the key, if they know it. */
  issuedAt?: Date;
  /** Issued by us before the key was compromised: still the issuer's. */
  issuedBeforeCompromise: boolean;
}

const OWN_DID_WEB_METHOD = /^did:web:([^:#]+):issuers:([a-z0-9-]+)#key-(\d+)$/;
const DID_KEY_METHOD = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)(?:#\1)?$/;

/**
 * Whether the key a signature names (a proof's verificationMethod, a JWT's kid) is a key of this server its
 * issuer revoked, and if so whether our records show `credentialId` issued before the key was compromised.
 * Undefined for any other key.
 */
export async function signingKeyRevocation(
  deps: Deps,
  verificationMethod: string,
  credentialId: string | undefined,
): Promise<SigningKeyRevocation | undefined> {
  let key: IssuerKeyRow | undefined;
  const web = OWN_DID_WEB_METHOD.exec(verificationMethod);
  if (web && decodeURIComponent(web[1]!) === new URL(deps.config.publicUrl).host) {
    key = await findRevokedKeyBySlug(deps.db, web[2]!, Number(web[3]));
  } else {
    const didKey = DID_KEY_METHOD.exec(verificationMethod);
    if (didKey) key = await findRevokedKeyByPublicKey(deps.db, didKey[1]!);
  }
  if (!key?.revokedAt) return undefined;
  const compromisedSince = key.compromisedSince ?? key.createdAt;
  const uuid = credentialId
    ? /^urn:uuid:([0-9a-f-]{36})$/i.exec(credentialId)?.[1]?.toLowerCase()
    : undefined;
  const issuedAt = uuid ? await issuedAtOf(deps.db, key.orgId, uuid) : undefined;
  return {
    revokedAt: key.revokedAt,
    compromisedSince,
    reason: key.revokedReason,
    ...(issuedAt ? { issuedAt } : {}),
    issuedBeforeCompromise: issuedAt !== undefined && issuedAt < compromisedSince,
  };
}
