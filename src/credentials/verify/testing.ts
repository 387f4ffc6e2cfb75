// Test factories: W3C credentials (not badges) signed by the reference libraries (@digitalbazaar/vc, its
// Data Integrity and eddsa-rdfc-2022 suites, Ed25519Signature2020) and VC-JWTs signed by jose, so that our
// verifier is checked against what other implementations make.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { CompactSign } from 'jose';
import { loaderWithDids, type TestIssuer } from '../testing/fixtures.ts';

type Json = Record<string, unknown>;

export const CREATED = '2026-05-21T09:30:00Z';

/** A plain VC 2.0 credential (no badge), with the W3C examples context as the VC 2.0 examples write them. */
export const plainCredential = (issuerId: string, overrides: Json = {}): Json => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
  id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
  type: ['VerifiableCredential', 'AlumniCredential'],
  name: 'Alumni Credential',
  issuer: issuerId,
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
  ...overrides,
});

/** The same claims on VC 1.1 (the v1 context defines no examples terms: the subject says only its id). */
export const plainVc11Credential = (issuerId: string): Json => ({
  '@context': ['https://www.w3.org/2018/credentials/v1'],
  id: 'urn:uuid:0f0c2d6e-5a6b-4c1d-8e2f-3a4b5c6d7e8f',
  type: ['VerifiableCredential'],
  issuer: issuerId,
  issuanceDate: '2026-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:abcdefgh' },
});

interface ReferenceProofOptions {
  /** The cryptosuite name the proof states: eddsa-rdfc-2022, or its legacy name eddsa-2022. */
  cryptosuiteName?: string;
  /** Proof options the reference library copies into the proof (id, previousProof …). */
  proof?: Json;
}

async function multikeySuite(signer: TestIssuer, options: ReferenceProofOptions = {}) {
  const key = await Ed25519Multikey.from({
    type: 'Multikey',
    id: signer.verificationMethod,
    controller: signer.id,
    publicKeyMultibase: signer.keyPair.publicKeyMultibase,
    secretKeyMultibase: signer.keyPair.secretKeyMultibase,
  });
  const suite = new DataIntegrityProof({
    signer: key.signer(),
    date: CREATED,
    cryptosuite: options.cryptosuiteName
      ? { ...(cryptosuite as object), name: options.cryptosuiteName }
      : cryptosuite,
  });
  if (options.proof) suite.proof = options.proof;
  return suite;
}

/** Signs with the reference library (eddsa-rdfc-2022 Data Integrity); a signed credential gets one more proof. */
export async function referenceSign(
  credential: Json,
  signer: TestIssuer,
  options: ReferenceProofOptions = {},
): Promise<Json> {
  return vc.issue({
    credential: structuredClone(credential),
    suite: await multikeySuite(signer, options),
    documentLoader: loaderWithDids(signer.didDocument),
  });
}

/**
 * Adds a proof that chains to `previousProof` (VC Data Integrity §4): made by the reference suite over the
 * document together with the proof it names, as the specification's Add Proof Set/Chain algorithm says.
 */
export async function referenceChain(signed: Json, signer: TestIssuer, previousProof: string, id: string) {
  const proofs = (Array.isArray(signed.proof) ? signed.proof : [signed.proof]) as Json[];
  const previous = proofs.filter((proof) => proof.id === previousProof);
  const suite = await multikeySuite(signer, { proof: { id, previousProof } });
  const { proof: _proof, ...unsigned } = signed;
  const proof = await suite.createProof({
    document: { ...unsigned, proof: previous },
    // What the reference AssertionProofPurpose does to a new proof.
    purpose: { update: async (proof: Json) => ({ ...proof, proofPurpose: 'assertionMethod' }) },
    proofSet: [],
    documentLoader: loaderWithDids(signer.didDocument),
  });
  return { ...signed, proof: [...proofs, proof] };
}

/** Signs with the legacy Ed25519Signature2020 suite of the reference libraries (its own did:key). */
export async function referenceSign2020(credential: (issuerId: string) => Json): Promise<Json> {
  const key = await Ed25519VerificationKey2020.generate();
  const did = `did:key:${key.fingerprint()}`;
  key.controller = did;
  key.id = `${did}#${key.fingerprint()}`;
  const suite = new Ed25519Signature2020({ key, date: CREATED });
  return vc.issue({ credential: credential(did), suite, documentLoader: loaderWithDids() });
}

/** A VC-JOSE-COSE vc+jwt signed by jose with the issuer's did:key (the payload is the credential). */
export function joseVcJwt(credential: Json, signer: TestIssuer): Promise<string> {
  const claims = { iss: signer.id, jti: credential.id };
  return new CompactSign(new TextEncoder().encode(JSON.stringify({ ...credential, ...claims })))
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: signer.verificationMethod })
    .sign(signer.keyPair.privateKeyObject());
}

/** A presentation secured as a vp+jwt by its holder, bound to a challenge (nonce) and domain (aud). */
export function joseVpJwt(
  presentation: Json,
  holder: TestIssuer,
  nonce: string,
  aud: string,
): Promise<string> {
  const payload = { ...presentation, iss: holder.id, nonce, aud };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vp+jwt', kid: holder.verificationMethod })
    .sign(holder.keyPair.privateKeyObject());
}

/** An EnvelopedVerifiableCredential (or presentation) around a JWT, as a data: URL of `mediaType`. */
export const envelope = (type: string, mediaType: string, jwt: string): Json => ({
  '@context': 'https://www.w3.org/ns/credentials/v2',
  type,
  id: `data:${mediaType},${jwt}`,
});

/** A presentation signed by `holder` with the reference library, for a challenge and domain. */
export async function referencePresentation(
  credentials: Json[],
  holder: TestIssuer,
  challenge: string,
  domain: string,
): Promise<Json> {
  const authentication = String(holder.didDocument.authentication?.[0] ?? holder.verificationMethod);
  const key = await Ed25519Multikey.from({
    type: 'Multikey',
    id: authentication,
    controller: holder.id,
    publicKeyMultibase: holder.keyPair.publicKeyMultibase,
    secretKeyMultibase: holder.keyPair.secretKeyMultibase,
  });
  const presentation = vc.createPresentation({
    verifiableCredential: credentials,
    holder: holder.id,
    version: 2.0,
  });
  return vc.signPresentation({
    presentation,
    suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite }),
    challenge,
    domain,
    documentLoader: loaderWithDids(holder.didDocument),
  });
}
