// The platform's own issuer identity: did:web:<host of PUBLIC_URL> (a port encoded as %3A), its document served at
// /.well-known/did.json on the main host (domain-routes.ts). It signs what the platform itself vouches for — a
// learner's whole record (showcase/profile-record.ts), never a badge: badges are signed by their issuers. Its
// Ed25519 key is made on first use and kept wrapped under the key-encryption key, as issuers' keys are.
import {
  buildDidWebDocument,
  type DidDocument,
  didWebId,
  type Ed25519KeyPair,
} from '../credentials/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { cachedDocument } from './document-cache.ts';
import { newWrappedKey, unwrappedKeyPair, verificationMethodOf } from './issuer-keys.ts';

/** What an install calls itself where it signs as the platform (the record's `issuer.name`). */
export const PLATFORM_NAME = 'Tessera';

const PLATFORM_DOCUMENT = 'platform:did';

export interface PlatformIdentity {
  did: string;
  verificationMethod: string;
  keyPair: Ed25519KeyPair;
  /** The OB 3.0 / CLR 2.0 Profile the platform signs as. */
  profile: { id: string; type: ['Profile']; name: string; url: string };
}

/** The host the platform answers for (PUBLIC_URL's, with its port if it names one). */
export const platformHost = (deps: Deps): string => new URL(deps.config.publicUrl).host;

/** did:web:<host of PUBLIC_URL>. */
export const platformDid = (deps: Deps): string => didWebId(platformHost(deps));

type PlatformKeyRow = { keyNumber: number; publicKeyMultibase: string; secretKeyEncrypted: string };

const platformKeys = (db: Executor): Promise<PlatformKeyRow[]> =>
  db
    .selectFrom('platformKeys')
    .select(['keyNumber', 'publicKeyMultibase', 'secretKeyEncrypted'])
    .orderBy('keyNumber')
    .execute();

/**
 * The platform's current key, created on first use. Two first uses at once meet on the unique key number: the
 * second insert does nothing and the next read finds the first one's key.
 */
async function currentKey(deps: Deps): Promise<PlatformKeyRow> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const key = (await platformKeys(deps.db)).at(-1);
    if (key) return key;
    const created = await deps.db
      .insertInto('platformKeys')
      .values({ keyNumber: 1, ...newWrappedKey(deps) })
      .onConflict((conflict) => conflict.column('keyNumber').doNothing())
      .returning(['keyNumber', 'publicKeyMultibase', 'secretKeyEncrypted'])
      .executeTakeFirst();
    if (created) return created;
  }
  throw new Error('Could not create the platform signing key');
}

/** Who signs as the platform: its DID, the current key's verification method and key pair, its Profile. */
export async function platformIdentity(deps: Deps): Promise<PlatformIdentity> {
  const key = await currentKey(deps);
  const did = platformDid(deps);
  return {
    did,
    verificationMethod: verificationMethodOf(did, key.keyNumber),
    keyPair: unwrappedKeyPair(deps, key.secretKeyEncrypted),
    profile: { id: did, type: ['Profile'], name: PLATFORM_NAME, url: `${deps.config.publicUrl}/` },
  };
}

/** The DID document of did:web:<host of PUBLIC_URL>, its first key made now if the platform never signed. */
export function platformDidDocument(deps: Deps): Promise<DidDocument> {
  return cachedDocument(deps, PLATFORM_DOCUMENT, async () => {
    await currentKey(deps);
    const keys = await platformKeys(deps.db);
    return buildDidWebDocument(
      platformDid(deps),
      keys.map((key) => ({ publicKeyMultibase: key.publicKeyMultibase, fragment: `key-${key.keyNumber}` })),
    );
  });
}

/** Whether a request's Host is the main host (not an issuer's own domain pointed at this server). */
export const isPlatformHost = (deps: Deps, host: string): boolean =>
  host.trim().toLowerCase().replace(/\.$/, '') === platformHost(deps).toLowerCase();
