// The rules of wallet offers and of the VC-API exchange (W3C VCALM, "VC-API exchanges"), with no I/O:
// when an offer may be used, what the wallet is asked for (DIDAuthentication), who the holder is, and the
// copy of the award's credential a wallet receives.
// https://w3c-ccg.github.io/vc-api/#exchanges, https://w3c-ccg.github.io/vp-request-spec/#did-authentication

import { randomInt } from 'node:crypto';

/** Long enough to open a wallet and scan; short, because whoever holds the link may take the badge. */
export const OFFER_TTL_MS = 15 * 60_000;

export type OfferState = 'open' | 'expired' | 'completed';

export interface OfferTimes {
  expiresAt: Date;
  completedAt: Date | null;
}

export function offerState(offer: OfferTimes, now: Date): OfferState {
  if (offer.completedAt) return 'completed';
  return offer.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
}

/** The paths under the public URL: the interaction URL (what the QR holds) and the VC-API exchange. */
export const interactionPath = (offerId: string) => `/wallet/i/${offerId}`;
export const exchangePath = (offerId: string) => `/wallet/exchanges/${offerId}`;

export function interactionUrl(publicUrl: string, offerId: string): string {
  return `${publicUrl}${interactionPath(offerId)}?iuv=1`;
}

/** Where an OpenID wallet fetches the offer's OID4VCI credential offer (`credential_offer_uri`). */
export const credentialOfferPath = (offerId: string) => `/wallet/oid4vci/offers/${offerId}`;

/** The offer for OpenID wallets, by reference (OID4VCI 1.0 §4.1): what their QR codes and links hold. */
export function openidCredentialOfferLink(publicUrl: string, offerId: string): string {
  const uri = `${publicUrl}${credentialOfferPath(offerId)}`;
  return `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(uri)}`;
}

/** What the interaction URL answers a wallet: the protocols it may continue with (VCALM "interactions"). */
export function interactionProtocols(publicUrl: string, offerId: string): { vcapi: string; OID4VCI: string } {
  return {
    vcapi: `${publicUrl}${exchangePath(offerId)}`,
    OID4VCI: openidCredentialOfferLink(publicUrl, offerId),
  };
}

/** A transaction code (OID4VCI `tx_code`): six digits the learner reads off Tessera and types into the wallet. */
export function newTxCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** The VC-API exchange's first answer: prove control of a did:key, for this challenge and domain. */
export function didAuthenticationRequest(challenge: string, domain: string) {
  return {
    verifiablePresentationRequest: {
      query: { type: 'DIDAuthentication' as const, acceptedMethods: [{ method: 'key' }] },
      challenge,
      domain,
    },
  };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const firstProof = (presentation: Json): Json | undefined => {
  const proof = Array.isArray(presentation.proof) ? presentation.proof[0] : presentation.proof;
  return isObject(proof) ? proof : undefined;
};

/**
 * The DID the presentation speaks for: its `holder`, else the controller its proof's key names. The proof
 * check (vcapi's verifyPresentation) makes sure that key belongs to the holder.
 */
export function holderDidOf(presentation: Json): string | undefined {
  const holder = isObject(presentation.holder) ? presentation.holder.id : presentation.holder;
  if (typeof holder === 'string') return holder;
  const method = firstProof(presentation)?.verificationMethod;
  const id = isObject(method) ? method.id : method;
  return typeof id === 'string' ? id.split('#')[0] : undefined;
}

/** DIDAuthentication accepted only did:key (acceptedMethods above). */
export const isDidKey = (did: string): boolean => /^did:key:z[1-9A-HJ-NP-Za-km-z]+$/.test(did);

/**
 * The credential a wallet receives: the award's own credential (same achievement, dates, results, evidence
 * and status entry, so revoking the award reaches this copy) with a new id, naming the holder's DID as
 * credentialSubject.id beside the hashed email. Unsigned: the issuer signs it anew.
 */
export function walletCopyOf(awarded: Json, copyId: string, holderDid: string): Json {
  const { proof: _proof, ...unsigned } = structuredClone(awarded);
  const { id: _id, ...subject } = isObject(unsigned.credentialSubject) ? unsigned.credentialSubject : {};
  return { ...unsigned, id: `urn:uuid:${copyId}`, credentialSubject: { id: holderDid, ...subject } };
}

/** The exchange's last answer: the badge, in a presentation (unsigned: the credential carries the proof). */
export function deliveryPresentation(credential: Json) {
  return {
    verifiablePresentation: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      verifiableCredential: [credential],
    },
  };
}
