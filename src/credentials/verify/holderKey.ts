// The key a presentation is signed with: one its controller (the holder) authorizes for `authentication`.
// did:key is read locally; other controllers' documents come from the caller's resolver.
// https://www.w3.org/TR/vc-data-model-2.0/#verifiable-presentations

import type { KeyObject } from 'node:crypto';
import { isDidKey, resolveDidKey } from '../did/didKey.ts';
import type { DidDocument } from '../did/types.ts';
import {
  controllerOfMethodId,
  ed25519PublicKeyOf,
  findVerificationMethod,
  publicKeyObjectOf,
} from '../did/verificationMethod.ts';
import type { CheckStatus, VerifyOptions } from './types.ts';

export type HolderKey =
  /** `publicKey`: the raw key when it is Ed25519 (Data Integrity eddsa); `key`: any key, for a JWT. */
  | { ok: true; controller: string; key: KeyObject; publicKey?: Uint8Array }
  | { ok: false; status: Exclude<CheckStatus, 'passed'>; message: string };

export async function resolveHolderKey(
  methodId: unknown,
  resolveDid: VerifyOptions['resolveDid'],
): Promise<HolderKey> {
  if (typeof methodId !== 'string' || methodId === '')
    return { ok: false, status: 'failed', message: 'The presentation proof names no verification method.' };
  const controller = controllerOfMethodId(methodId);
  let document: DidDocument | undefined;
  if (isDidKey(controller)) {
    document = resolveDidKey(controller);
    if (!document)
      return { ok: false, status: 'failed', message: `${controller} is not a did:key Tessera can read.` };
  } else {
    try {
      document = await resolveDid(controller);
    } catch {
      document = undefined;
    }
    if (!document || typeof document !== 'object')
      return {
        ok: false,
        status: 'unchecked',
        message: `The signer's DID document (${controller}) could not be obtained.`,
      };
  }
  if (document.id !== controller)
    return {
      ok: false,
      status: 'failed',
      message: `The key document fetched for ${controller} describes another DID.`,
    };
  const lookup = findVerificationMethod(document, methodId, 'authentication');
  if (!lookup.found || !lookup.authorized) {
    return {
      ok: false,
      status: 'failed',
      message: 'The signing key is not one its DID document authorizes for authentication.',
    };
  }
  const key = publicKeyObjectOf(lookup.method);
  if (!key) return { ok: false, status: 'failed', message: 'The signing key is not a key Tessera can read.' };
  const publicKey = ed25519PublicKeyOf(lookup.method);
  return { ok: true, controller, key, ...(publicKey && { publicKey }) };
}
