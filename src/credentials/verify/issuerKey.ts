// The `issuer-key` check: the key that signed is one the issuer controls and has authorized to issue.
// did:key: the key is the DID. Others: the controller document lists it under assertionMethod.
// https://www.w3.org/TR/vc-data-integrity/#retrieve-verification-method
import { isDidKey, resolveDidKey } from '../did/didKey.ts';
import type { DidDocument } from '../did/types.ts';
import {
  controllerOfMethodId,
  ed25519PublicKeyOf,
  findVerificationMethod,
} from '../did/verificationMethod.ts';
import { type Check, check, type VerifyOptions } from './types.ts';

export interface IssuerKeyResolution {
  check: Check;
  /** The key to check the signature with, when one was found (even if the issuer check failed). */
  publicKey?: Uint8Array;
}

const fail = (message: string, publicKey?: Uint8Array): IssuerKeyResolution => ({
  check: check('issuer-key', 'failed', message),
  ...(publicKey && { publicKey }),
});

async function controllerDocument(
  controller: string,
  resolveDid: VerifyOptions['resolveDid'],
): Promise<{ document?: DidDocument; unchecked?: string }> {
  if (isDidKey(controller)) {
    const document = resolveDidKey(controller);
    return document ? { document } : { unchecked: undefined };
  }
  try {
    const document = await resolveDid(controller);
    if (document && typeof document === 'object') return { document };
    return {
      unchecked: `The key document of ${controller} could not be retrieved, so its keys could not be checked.`,
    };
  } catch (error) {
    const reason = error instanceof Error ? `: ${error.message}` : '';
    return { unchecked: `The key document of ${controller} could not be retrieved${reason}.` };
  }
}

export async function resolveIssuerKey(
  issuerId: string | undefined,
  methodId: unknown,
  resolveDid: VerifyOptions['resolveDid'],
): Promise<IssuerKeyResolution> {
  if (typeof methodId !== 'string' || methodId === '')
    return fail('The signature names no verification method (key).');
  const controller = controllerOfMethodId(methodId);
  const { document, unchecked } = await controllerDocument(controller, resolveDid);
  if (!document) {
    if (unchecked) return { check: check('issuer-key', 'unchecked', unchecked) };
    return fail(`${controller} is not a valid Ed25519 did:key.`);
  }
  if (document.id !== controller)
    return fail(`The key document fetched for ${controller} describes ${document.id} instead.`);
  const lookup = findVerificationMethod(document, methodId);
  if (!lookup.found)
    return fail(`The key ${methodId} is not listed by ${controller}: it was removed or never existed.`);
  const publicKey = ed25519PublicKeyOf(lookup.method);
  if (!publicKey) return fail(`The key ${methodId} is not an Ed25519 key Tessera can read.`);
  if (lookup.method.controller !== controller) {
    return fail(
      `The key ${methodId} is controlled by ${lookup.method.controller}, not ${controller}.`,
      publicKey,
    );
  }
  if (!lookup.authorized) {
    return fail(
      `${controller} lists the key ${methodId} but does not authorize it to issue credentials.`,
      publicKey,
    );
  }
  if (issuerId !== controller) {
    return fail(
      `The credential was signed with a key of ${controller}, but names ${issuerId ?? 'no one'} as its issuer.`,
      publicKey,
    );
  }
  return {
    check: check(
      'issuer-key',
      'passed',
      `Signed with a key that ${controller} authorizes to issue credentials.`,
    ),
    publicKey,
  };
}
