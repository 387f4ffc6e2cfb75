// Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (W3C vc-di-eddsa §3.3,
// https://www.w3.org/TR/vc-di-eddsa/#eddsa-rdfc-2022), implemented on our canonize() seam.
// The legacy Ed25519Signature2020 suite hashes the same way (proof options with the document's
// @context, then the document, both RDFC-1.0), so its proofs are checked by the same code.
import { createHash } from 'node:crypto';
import type { DocumentLoader } from '../contexts/index.ts';
import { decodeMultibase, encodeMultibase } from '../keys/base58.ts';
import { type Ed25519KeyPair, verifyEd25519 } from '../keys/multikey.ts';
import { toCredentialDate } from '../model/dates.ts';
import type { Proof } from '../model/types.ts';
import { canonize } from './canonize.ts';
import { assertNoIssuerDependentTerms, describeCanonizeError } from './errors.ts';
import { proofDocumentLoader } from './loader.ts';

export const DATA_INTEGRITY_PROOF = 'DataIntegrityProof';
export const EDDSA_RDFC_2022 = 'eddsa-rdfc-2022';
/** The name eddsa-rdfc-2022 had in drafts before 2023: the same algorithm (RDFC-1.0, SHA-256, Ed25519). */
export const EDDSA_2022_LEGACY = 'eddsa-2022';
export const ED25519_SIGNATURE_2020 = 'Ed25519Signature2020';

type JsonObject = Record<string, unknown>;

export interface SignOptions {
  keyPair: Ed25519KeyPair;
  /** Full id of the key's verification method, e.g. `did:web:example.com#key-1`. */
  verificationMethod: string;
  /** The caller's clock: the library never reads the time. */
  created: Date | string;
  documentLoader?: DocumentLoader;
  /**
   * Write `proof` as a lone object instead of a one-element array. The default is the array: the
   * OB 3.0 JSON Schema requires it (proof is [1..*]) and validators that run the schema reject an object.
   */
  proofAsObject?: boolean;
}

/** The parts of §3.3.4–3.3.6 that tests compare with the published vectors. */
export interface ProofHashInput {
  canonicalDocument: string;
  canonicalProofConfig: string;
  /** sha256(canonical proof config) ‖ sha256(canonical document). */
  hashData: Uint8Array;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** §3.3.4 Transformation + §3.3.5 Hashing for a document (without proof) and proof config. */
export async function hashForProof(
  unsecuredDocument: JsonObject,
  proofConfig: JsonObject,
  documentLoader: DocumentLoader = proofDocumentLoader,
): Promise<ProofHashInput> {
  const [canonicalProofConfig, canonicalDocument] = await Promise.all([
    canonize(proofConfig, documentLoader),
    canonize(unsecuredDocument, documentLoader),
  ]);
  assertNoIssuerDependentTerms(canonicalDocument);
  const hashData = new Uint8Array(Buffer.concat([sha256(canonicalProofConfig), sha256(canonicalDocument)]));
  return { canonicalDocument, canonicalProofConfig, hashData };
}

function withoutProof(document: JsonObject): JsonObject {
  const { proof: _proof, ...rest } = document;
  return rest;
}

/** §3.3.1 Create Proof: the proof to attach to `document`. */
export async function createDataIntegrityProof(document: JsonObject, options: SignOptions): Promise<Proof> {
  const proof: Proof = {
    type: DATA_INTEGRITY_PROOF,
    created: toCredentialDate(options.created, 'created'),
    verificationMethod: options.verificationMethod,
    cryptosuite: EDDSA_RDFC_2022,
    proofPurpose: 'assertionMethod',
  };
  // §3.3.6 Proof Configuration: the proof options are canonicalised under the document's @context.
  const proofConfig = { '@context': document['@context'], ...proof };
  const { hashData } = await hashForProof(withoutProof(document), proofConfig, options.documentLoader);
  return { ...proof, proofValue: encodeMultibase(options.keyPair.sign(hashData)) };
}

/** Signs a credential: a copy with a DataIntegrityProof (eddsa-rdfc-2022) attached. */
export async function signCredential<T extends object>(
  credential: T,
  options: SignOptions,
): Promise<T & { proof: Proof | Proof[] }> {
  if ('proof' in credential)
    throw new TypeError('The credential is already signed; sign the unsigned credential.');
  const proof = await createDataIntegrityProof(credential as JsonObject, options);
  return { ...credential, proof: options.proofAsObject ? proof : [proof] };
}

/** `unfinished`: the check could not be completed (out of time, or no one to do it): not a verdict. */
export type ProofCheck =
  | { ok: true }
  | {
      ok: false;
      reason: 'unsupported' | 'malformed' | 'canonicalization' | 'signature' | 'unfinished';
      message: string;
    };

export type ProofSuite = 'eddsa-rdfc-2022' | 'eddsa-2022' | 'ed25519-signature-2020';

/** Which supported suite a proof uses, if any. */
export function proofSuiteOf(proof: Proof): ProofSuite | undefined {
  if (proof.type === DATA_INTEGRITY_PROOF && proof.cryptosuite === EDDSA_RDFC_2022) return 'eddsa-rdfc-2022';
  if (proof.type === DATA_INTEGRITY_PROOF && proof.cryptosuite === EDDSA_2022_LEGACY) return 'eddsa-2022';
  if (proof.type === ED25519_SIGNATURE_2020) return 'ed25519-signature-2020';
  return undefined;
}

const idsOf = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * VC Data Integrity §4 (proof chains): a proof with `previousProof` secures the document together with the
 * proofs it names, found by `id` among the document's own proofs. Undefined when one of them is missing.
 */
export function previousProofsOf(document: JsonObject, proof: Proof): Proof[] | undefined {
  const wanted = idsOf(proof.previousProof);
  if (wanted.length === 0) return [];
  const all = idsOf(document.proof).filter(
    (item): item is Proof => typeof item === 'object' && item !== null && !Array.isArray(item),
  );
  const found: Proof[] = [];
  for (const id of wanted) {
    const match = typeof id === 'string' ? all.find((item) => item.id === id) : undefined;
    if (!match) return undefined;
    found.push(match);
  }
  return found;
}

/**
 * §3.3.2 Verify Proof, given the public key the caller resolved for `proof.verificationMethod`.
 * `document` is the secured document; its `proof` member is ignored in favour of `proof`, except for the
 * proofs `proof.previousProof` names (a proof chain), which are secured with the document.
 */
export async function verifyDataIntegrityProof(
  document: JsonObject,
  proof: Proof,
  publicKey: Uint8Array,
  documentLoader: DocumentLoader = proofDocumentLoader,
): Promise<ProofCheck> {
  if (!proofSuiteOf(proof)) {
    const suite = [proof.type, proof.cryptosuite].filter(Boolean).join(' / ');
    return {
      ok: false,
      reason: 'unsupported',
      message: `The proof type "${suite}" is not one Tessera can check.`,
    };
  }
  const signature = typeof proof.proofValue === 'string' ? decodeMultibase(proof.proofValue) : undefined;
  if (signature?.length !== 64) {
    return {
      ok: false,
      reason: 'malformed',
      message: 'The proof value is not a base58btc Ed25519 signature.',
    };
  }
  const previous = previousProofsOf(document, proof);
  if (!previous) {
    return {
      ok: false,
      reason: 'malformed',
      message:
        'The proof names a previous proof (previousProof) that the credential does not carry, so the proof chain is broken.',
    };
  }
  const { proofValue: _value, ...options } = proof;
  const documentContext = document['@context'];
  const secured =
    previous.length > 0 ? { ...withoutProof(document), proof: previous } : withoutProof(document);
  if (
    options['@context'] !== undefined &&
    JSON.stringify(options['@context']) !== JSON.stringify(documentContext)
  ) {
    return { ok: false, reason: 'malformed', message: "The proof's @context differs from the credential's." };
  }
  let hashData: Uint8Array;
  try {
    ({ hashData } = await hashForProof(secured, { ...options, '@context': documentContext }, documentLoader));
  } catch (error) {
    return { ok: false, reason: 'canonicalization', message: describeCanonizeError(error) };
  }
  if (!verifyEd25519(publicKey, hashData, signature)) {
    return {
      ok: false,
      reason: 'signature',
      message:
        'The signature does not match the content: the credential was changed after it was signed, or signed with another key.',
    };
  }
  return { ok: true };
}
