// The VC-JWT form of a credential we issued, signed when first asked for (credentials issued before the
// form was offered, or by a path that did not ask for it) and kept, so every later download is the same.
// The signer is the one the credential names: a did:web issuer's current key (listed in its DID document,
// like every key it had), or, for a did:key issuer, the key that DID is (as its status lists are signed).
import {
  decryptSecretKey,
  didKeyVerificationMethodId,
  Ed25519KeyPair,
  type JwtSignOptions,
  signCredentialJwt,
} from '../credentials/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { organizationById } from '../orgs/index.ts';
import { issuerDid, verificationMethodOf } from './issuer-keys.ts';
import { findIssuedCredentialAnyOrg, type IssuedCredentialRow, listIssuerKeys } from './store.ts';

type Json = Record<string, unknown>;

const issuerIdOf = (credential: Json): string | undefined => {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  const id = (issuer as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
};

/** Who may sign the credential as the issuer it names, or undefined when no key of ours can. */
async function signerOf(deps: Deps, row: IssuedCredentialRow): Promise<JwtSignOptions | undefined> {
  const issuer = issuerIdOf(row.credential);
  const org = await organizationById(deps.db, row.orgId);
  if (!issuer || !org) return undefined;
  const keys = await listIssuerKeys(deps.db, row.orgId);
  const did = issuerDid(deps, org.slug);
  const key =
    issuer === did
      ? keys.find((k) => k.retiredAt === null)
      : keys.find((k) => issuer === `did:key:${k.publicKeyMultibase}`);
  if (!key) return undefined;
  const keyPair = Ed25519KeyPair.fromSecretKeyMultibase(
    decryptSecretKey(deps.secrets.keyEncryptionKey, key.secretKeyEncrypted),
  );
  const verificationMethod =
    issuer === did
      ? verificationMethodOf(did, key.keyNumber)
      : didKeyVerificationMethodId(key.publicKeyMultibase);
  return { keyPair, verificationMethod };
}

/**
 * The credential as a VC-JWT (OB 3.0 binding): the stored one, or one signed now and stored. Undefined when
 * there is no such credential, or its issuer is not one whose key we hold (e.g. the server's host changed).
 */
export async function credentialJwtOf(deps: Deps, credentialId: string): Promise<string | undefined> {
  const row = await findIssuedCredentialAnyOrg(deps.db, credentialId);
  if (!row) return undefined;
  if (row.jwt) return row.jwt;
  const signer = await signerOf(deps, row);
  if (!signer) return undefined;
  const { proof: _proof, ...unsigned } = row.credential;
  const jwt = await signCredentialJwt(unsigned, signer);
  // Two first downloads at once: the first stored wins, so the file never changes afterwards.
  return (await keepFirstJwt(deps.db, credentialId, jwt)) ?? jwt;
}

async function keepFirstJwt(db: Executor, credentialId: string, jwt: string): Promise<string | undefined> {
  await db
    .updateTable('issuedCredentials')
    .set({ jwt })
    .where('id', '=', credentialId)
    .where('jwt', 'is', null)
    .execute();
  const stored = await db
    .selectFrom('issuedCredentials')
    .select('jwt')
    .where('id', '=', credentialId)
    .executeTakeFirst();
  return stored?.jwt ?? undefined;
}
