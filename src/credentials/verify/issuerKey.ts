// The `issuer-key` check: the key that signed is one the issuer controls and has authorized to issue.
// did:key, did:jwk: the key is the DID. Others: the issuer's controller document (did:web, or an https
// document at the issuer's URL) lists it under assertionMethod, with the issuer as its controller.
// https://www.w3.org/TR/vc-data-integrity/#retrieve-verification-method,
// https://www.w3.org/TR/cid-1.0/#retrieve-verification-method
//
// A key written in the method id itself (`https://example.edu/issuers/565049#z6Mk…`, as the OB 3.0
// examples do) or carried in a JWT header (`jwk`) proves nothing about who holds it: anyone can write
// any key there. So it counts only when the issuer's document lists that key; the 1EdTech validator
// reads the fragment and stops there, which would let anyone sign as any https issuer.
import type { KeyObject } from 'node:crypto';
import { isDidJwk, resolveDidJwk } from '../did/didJwk.ts';
import { isDidKey, resolveDidKey } from '../did/didKey.ts';
import type { DidDocument, VerificationMethod } from '../did/types.ts';
import {
  controllerOfMethodId,
  ed25519PublicKeyOf,
  findVerificationMethod,
  findVerificationMethodByKey,
  type MethodLookup,
  publicKeyObjectOf,
} from '../did/verificationMethod.ts';
import { type Check, check, type VerifyOptions } from './types.ts';

export interface IssuerKeyResolution {
  check: Check;
  /** The method holding the key to check the signature with, when one was found (even if the check failed). */
  method?: VerificationMethod;
  /** Its raw Ed25519 key, when it is one (Data Integrity eddsa proofs). */
  publicKey?: Uint8Array;
}

/** Which keys the caller can check a signature with: Data Integrity eddsa needs Ed25519; a JWT takes any. */
export type KeyTypes = 'ed25519' | 'any';
type Resolve = VerifyOptions['resolveDid'];

const holding = (method?: VerificationMethod) => {
  if (!method) return {};
  const publicKey = ed25519PublicKeyOf(method);
  return { method, ...(publicKey && { publicKey }) };
};
const fail = (message: string, method?: VerificationMethod): IssuerKeyResolution => ({
  check: check('issuer-key', 'failed', message),
  ...holding(method),
});
const unchecked = (message: string, method?: VerificationMethod): IssuerKeyResolution => ({
  check: check('issuer-key', 'unchecked', message),
  ...holding(method),
});

/** `did:key:z6Mk…` alone means its one key, `did:jwk:…` alone its key `#0`. */
function normalizedMethodId(methodId: string): string {
  if (methodId.includes('#')) return methodId;
  if (isDidKey(methodId)) return `${methodId}#${methodId.slice('did:key:'.length)}`;
  if (isDidJwk(methodId)) return `${methodId}#0`;
  return methodId;
}

/** The key a method id writes in its fragment (`…#z6Mk…`), as a method of its own; did:keys excluded (they are their key). */
function keyInFragment(methodId: string, controller: string): VerificationMethod | undefined {
  const fragment = methodId.split('#')[1];
  if (!fragment?.startsWith('z') || isDidKey(controller)) return undefined;
  const method = { id: methodId, type: 'Multikey', controller, publicKeyMultibase: fragment };
  return publicKeyObjectOf(method) ? method : undefined;
}

type Fetched = { document: DidDocument } | { unchecked: string } | { invalid: string };

async function controllerDocument(controller: string, resolveDid: Resolve): Promise<Fetched> {
  if (isDidKey(controller)) {
    const document = resolveDidKey(controller);
    return document ? { document } : { invalid: `${controller} is not a did:key Tessera can read.` };
  }
  if (isDidJwk(controller)) {
    const document = resolveDidJwk(controller);
    return document
      ? { document }
      : { invalid: `${controller} is not a did:jwk of a public key Tessera can read.` };
  }
  try {
    const document = await resolveDid(controller);
    if (document && typeof document === 'object' && !Array.isArray(document)) return { document };
    return {
      unchecked: `The key document of ${controller} could not be retrieved, so its keys could not be checked.`,
    };
  } catch (error) {
    const reason = error instanceof Error ? `: ${error.message}` : '';
    return { unchecked: `The key document of ${controller} could not be retrieved${reason}.` };
  }
}

/** The rules every found key passes: readable, controlled by the document's subject, authorized, the issuer's. */
function judgeFound(
  lookup: Extract<MethodLookup, { found: true }>,
  controller: string,
  issuerId: string | undefined,
  keyTypes: KeyTypes,
): IssuerKeyResolution {
  const { method } = lookup;
  const readable = keyTypes === 'ed25519' ? ed25519PublicKeyOf(method) : publicKeyObjectOf(method);
  if (!readable) {
    const kind = keyTypes === 'ed25519' ? 'an Ed25519 key' : 'a key';
    return fail(`The key ${method.id} is not ${kind} Tessera can read.`);
  }
  if (method.controller !== controller)
    return fail(`The key ${method.id} is controlled by ${method.controller}, not ${controller}.`, method);
  if (!lookup.authorized) {
    return fail(
      `${controller} lists the key ${method.id} but does not authorize it to issue credentials.`,
      method,
    );
  }
  if (issuerId !== controller) {
    return fail(
      `The credential was signed with a key of ${controller}, but names ${issuerId ?? 'no one'} as its issuer.`,
      method,
    );
  }
  return {
    check: check(
      'issuer-key',
      'passed',
      `Signed with a key that ${controller} authorizes to issue credentials.`,
    ),
    ...holding(method),
  };
}

function sameKey(a: VerificationMethod, b: VerificationMethod): boolean {
  if (a.publicKeyMultibase !== undefined && a.publicKeyMultibase === b.publicKeyMultibase) return true;
  const [keyA, keyB] = [publicKeyObjectOf(a), publicKeyObjectOf(b)];
  return Boolean(keyA && keyB && keyA.equals(keyB));
}

const describes = (document: DidDocument) =>
  typeof document.id === 'string'
    ? `describes ${document.id} instead`
    : 'kty' in document
      ? 'is a bare key that names no controller, so nothing ties it to anyone'
      : 'describes no one';

/**
 * Looks `methodId` up in the controller's document. `given` is a key the credential itself supplies
 * (in the method id's fragment, or a key document's own key): the document must list that same key.
 */
function judgeDocument(
  document: DidDocument,
  controller: string,
  methodId: string,
  given: VerificationMethod | undefined,
  issuerId: string | undefined,
  keyTypes: KeyTypes,
): IssuerKeyResolution {
  if (document.id !== controller)
    return fail(`The key document fetched for ${controller} ${describes(document)}.`, given);
  let lookup = findVerificationMethod(document, methodId);
  if (lookup.found && given && !sameKey(lookup.method, given)) {
    return fail(`${methodId} names one key, but ${controller} lists another key under that id.`);
  }
  if (!lookup.found && given) {
    const key = publicKeyObjectOf(given);
    if (key) lookup = findVerificationMethodByKey(document, key);
  }
  if (!lookup.found)
    return fail(
      `The key ${methodId} is not listed by ${controller}: it was removed or never existed.`,
      given,
    );
  return judgeFound(lookup, controller, issuerId, keyTypes);
}

const isKeyDocument = (document: DidDocument) =>
  typeof document.controller === 'string' &&
  document.controller !== document.id &&
  !Array.isArray(document.verificationMethod) &&
  (document.publicKeyMultibase !== undefined || document.publicKeyJwk !== undefined);

/**
 * Resolves the key a signature names (a proof's verificationMethod, a JWT's kid) and judges it:
 * passed only when the issuer's document lists it under assertionMethod with the issuer as controller;
 * unchecked when that document cannot be had; failed otherwise.
 */
export async function resolveIssuerKey(
  issuerId: string | undefined,
  methodId: unknown,
  resolveDid: Resolve,
  keyTypes: KeyTypes = 'ed25519',
): Promise<IssuerKeyResolution> {
  if (typeof methodId !== 'string' || methodId === '')
    return fail('The signature names no verification method (key).');
  const id = normalizedMethodId(methodId);
  const controller = controllerOfMethodId(id);
  const named = keyInFragment(id, controller);
  const fetched = await controllerDocument(controller, resolveDid);
  if ('invalid' in fetched) return fail(fetched.invalid);
  if ('unchecked' in fetched) {
    const why = named ? ` The key is written in ${id} itself, which alone does not show who holds it.` : '';
    return unchecked(`${fetched.unchecked}${why}`, named);
  }
  const { document } = fetched;
  // A URL without a fragment may name a key document (CID 1.0 §3.3): its controller's document must list it.
  if (!id.includes('#') && document.id === id && isKeyDocument(document)) {
    const keyMethod = document as unknown as VerificationMethod;
    const owner = keyMethod.controller;
    const ownerFetched = await controllerDocument(owner, resolveDid);
    if ('invalid' in ownerFetched) return fail(ownerFetched.invalid, keyMethod);
    if ('unchecked' in ownerFetched) return unchecked(ownerFetched.unchecked, keyMethod);
    return judgeDocument(ownerFetched.document, owner, id, keyMethod, issuerId, keyTypes);
  }
  return judgeDocument(document, controller, id, named, issuerId, keyTypes);
}

/**
 * A key the credential carries with it (a JWT's `jwk` header): it is the issuer's only when the issuer
 * is that key (did:jwk, did:key) or the issuer's document lists it under assertionMethod.
 */
export async function resolveCarriedIssuerKey(
  issuerId: string | undefined,
  key: KeyObject,
  resolveDid: Resolve,
): Promise<IssuerKeyResolution> {
  const carried: VerificationMethod = {
    id: '(jwk header)',
    type: 'JsonWebKey',
    controller: '',
    publicKeyJwk: key.export({ format: 'jwk' }) as Record<string, unknown>,
  };
  if (!issuerId)
    return fail('The credential names no issuer, so no one is shown to control its key.', carried);
  const fetched = await controllerDocument(issuerId, resolveDid);
  if ('invalid' in fetched) return fail(fetched.invalid, carried);
  if ('unchecked' in fetched) {
    return unchecked(
      `${fetched.unchecked} The JWT carries its own key (jwk), which alone does not show who holds it.`,
      carried,
    );
  }
  const { document } = fetched;
  if (document.id !== issuerId)
    return fail(`The key document fetched for ${issuerId} ${describes(document)}.`, carried);
  const lookup = findVerificationMethodByKey(document, key);
  if (!lookup.found) {
    return fail(`${issuerId} does not list the key the JWT carries in its header (jwk).`, carried);
  }
  return judgeFound(lookup, issuerId, issuerId, 'any');
}
