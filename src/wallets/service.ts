// Wallet offers: the earner makes a link for one accepted award; a wallet reads it (the interaction URL)
// and runs the VC-API exchange: DIDAuthentication first, then the badge issued to the DID it proved.
import { randomBytes, randomUUID } from 'node:crypto';
import { signCredential, signCredentialJwt } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import { signingIdentity } from '../issuing/index.ts';
import { verifyPresentation } from '../vcapi/index.ts';
import { withVerificationSlot } from '../verification/index.ts';
import {
  deliveryPresentation,
  didAuthenticationRequest,
  holderDidOf,
  interactionProtocols,
  interactionUrl,
  isDidKey,
  newTxCode,
  OFFER_TTL_MS,
  offerState,
  openidCredentialOfferLink,
  walletCopyOf,
} from './model.ts';
import {
  completeOffer,
  type DeliverableAward,
  expireOpenOffers,
  findDeliverableAward,
  findOffer,
  insertOffer,
  startExchange,
  type WalletOfferRow,
} from './store.ts';

export interface WalletOfferView {
  id: string;
  awardId: string;
  interactionUrl: string;
  qrCodeUrl: string;
  /** The same offer for OpenID wallets (OID4VCI): `openid-credential-offer://?credential_offer_uri=…`. */
  openidCredentialOffer: string;
  /** The transaction code an OpenID wallet asks its user for, when the offer was made with one. */
  txCode?: string;
  expiresAt: Date;
}

type Json = Record<string, unknown>;

/** The award can go to a wallet: accepted, its credential active and current. */
function requireDeliverable(award: DeliverableAward): Json {
  if (award.state !== 'accepted' || !award.credential)
    throw new ConflictError('Accept the badge before adding it to a wallet.', 'award-not-accepted');
  if (award.supersededAt)
    throw new ConflictError('A renewal replaced this badge; add the renewed one.', 'award-superseded');
  if (award.credentialState !== 'active')
    throw new ConflictError(
      `The badge is ${award.credentialState}, so it cannot be added to a wallet.`,
      'credential-not-active',
    );
  return award.credential;
}

export async function createWalletOffer(
  deps: Deps,
  actor: Actor | null,
  awardId: string,
  options: { txCode?: boolean } = {},
): Promise<WalletOfferView> {
  const me = requireScope(actor, 'learning:write');
  const award = await findDeliverableAward(deps.db, awardId);
  // Someone else's badge is "not found", never "forbidden".
  if (!award || award.userId !== me.user.id) throw new NotFoundError('award');
  requireDeliverable(award);
  const now = deps.now();
  const offer = await deps.db.transaction().execute(async (trx) => {
    await expireOpenOffers(trx, award.id, me.user.id, now);
    return insertOffer(trx, {
      id: randomUUID(),
      orgId: award.orgId,
      awardId: award.id,
      userId: me.user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + OFFER_TTL_MS),
      txCode: options.txCode ? newTxCode() : null,
    });
  });
  return presentOffer(deps, offer);
}

export function presentOffer(deps: Deps, offer: WalletOfferRow): WalletOfferView {
  return {
    id: offer.id,
    awardId: offer.awardId,
    interactionUrl: interactionUrl(deps.config.publicUrl, offer.id),
    qrCodeUrl: `${deps.config.publicUrl}/wallet/i/${offer.id}/qr.svg`,
    openidCredentialOffer: openidCredentialOfferLink(deps.config.publicUrl, offer.id),
    ...(offer.txCode ? { txCode: offer.txCode } : {}),
    expiresAt: offer.expiresAt,
  };
}

/** An offer that may still be used; a used or expired one is refused with what to do instead. */
export async function openOffer(deps: Deps, offerId: string): Promise<WalletOfferRow> {
  const offer = await findOffer(deps.db, offerId);
  if (!offer) throw new NotFoundError('wallet offer');
  requireOpen(offer, deps.now());
  return offer;
}

export function requireOpen(offer: WalletOfferRow, now: Date): void {
  const state = offerState(offer, now);
  if (state === 'completed')
    throw new ConflictError(
      'This wallet link was used already; make a new one on the badge page.',
      'wallet-offer-used',
    );
  if (state === 'expired')
    throw new RuleError('gone', 'This wallet link has expired; make a new one on the badge page.', {
      reason: 'wallet-offer-expired',
    });
}

/** What the interaction URL answers a wallet (VCALM): the protocols to continue with. */
export async function interactionOf(deps: Deps, offerId: string) {
  const offer = await openOffer(deps, offerId);
  return { offer, protocols: interactionProtocols(deps.config.publicUrl, offer.id) };
}

/** The offer of a browser page: open, or the reason it no longer is. */
export async function offerForPage(deps: Deps, offerId: string) {
  const offer = await findOffer(deps.db, offerId);
  if (!offer) return undefined;
  return { offer, state: offerState(offer, deps.now()) };
}

/** The exchange's domain: this server's origin, which the wallet signs into its proof. */
const domainOf = (deps: Deps) => new URL(deps.config.publicUrl).origin;

/** `{}` to the exchange: ask the wallet for DIDAuthentication (the same challenge until the exchange ends). */
export async function beginExchange(deps: Deps, offerId: string) {
  const offer = await openOffer(deps, offerId);
  const started =
    offer.challenge === null
      ? await startExchange(deps.db, offer.id, randomBytes(24).toString('base64url'), deps.now())
      : offer;
  if (!started?.challenge) throw new NotFoundError('wallet offer');
  return didAuthenticationRequest(started.challenge, domainOf(deps));
}

/** The wallet's DIDAuthentication presentation: verified, then answered with the badge issued to its DID. */
export async function finishExchange(deps: Deps, offerId: string, presentation: Json) {
  const offer = await openOffer(deps, offerId);
  if (!offer.challenge)
    throw new ConflictError(
      'Start the exchange first: POST {} to it to receive the challenge.',
      'wallet-exchange-not-started',
    );
  const holderDid = await authenticatedHolder(deps, presentation, offer.challenge);
  const { credentialId, stored } = await signWalletCopy(deps, offer.awardId, holderDid, 'ldp_vc');
  const now = deps.now();
  const done = await completeOffer(
    deps.db,
    { id: offer.id, challenge: offer.challenge },
    { holderDid, credentialId, credential: stored },
    now,
  );
  if (!done) {
    // Another presentation completed it meanwhile, or it expired while we checked this one.
    requireOpen((await findOffer(deps.db, offer.id)) ?? offer, now);
    throw new ConflictError('This wallet link was used already.', 'wallet-offer-used');
  }
  return deliveryPresentation(stored);
}

/**
 * The award's credential issued anew to the holder's DID by its issuer's current key: Data Integrity
 * (`ldp_vc`, eddsa-rdfc-2022) for the VC-API exchange and OID4VCI, or VC-JWT (`jwt_vc_json`, the OB 3.0
 * binding) for OID4VCI. Refused when the award can no longer be delivered (revoked, renewed) since the offer.
 */
export async function signWalletCopy(
  deps: Deps,
  awardId: string,
  holderDid: string,
  format: 'ldp_vc' | 'jwt_vc_json',
): Promise<{ credentialId: string; credential: Json | string; stored: Json }> {
  const award = await findDeliverableAward(deps.db, awardId);
  if (!award) throw new NotFoundError('award');
  const awarded = requireDeliverable(award);
  const identity = await signingIdentity(deps, deps.db, award.orgId);
  const copyId = randomUUID();
  const unsigned = walletCopyOf(awarded, copyId, holderDid);
  unsigned.issuer = { ...(unsigned.issuer as Json), id: identity.did };
  const signer = { keyPair: identity.keyPair, verificationMethod: identity.verificationMethod };
  const credentialId = `urn:uuid:${copyId}`;
  if (format === 'jwt_vc_json') {
    const jwt = await signCredentialJwt(unsigned, signer);
    return { credentialId, credential: jwt, stored: { ...unsigned, jwt } };
  }
  const credential = await signCredential(unsigned, { ...signer, created: deps.now() });
  return { credentialId, credential, stored: credential };
}

/** The did:key that signed the presentation for this exchange's challenge and domain. */
async function authenticatedHolder(deps: Deps, presentation: Json, challenge: string): Promise<string> {
  const result = await withVerificationSlot(deps, () =>
    verifyPresentation(deps, presentation, { challenge, domain: domainOf(deps) }),
  );
  if (!result.verified) {
    const problems = [
      ...result.presentation.filter((c) => c.status !== 'passed').map((c) => c.message),
      ...result.credentials.flatMap((c) =>
        c.checks.filter((k) => k.status !== 'passed').map((k) => k.message),
      ),
    ];
    throw new RuleError('invalid', `The presentation was not accepted: ${problems.join(' ')}`, {
      reason: 'presentation-not-verified',
    });
  }
  if (!Array.isArray(presentation.proof) && typeof presentation.proof !== 'object')
    throw new RuleError('invalid', 'The presentation must be signed by the holder.', {
      reason: 'presentation-not-signed',
    });
  const holderDid = holderDidOf(presentation);
  if (!holderDid || !isDidKey(holderDid))
    throw new RuleError('invalid', 'Authenticate with a did:key, the one method this exchange accepts.', {
      reason: 'did-method-not-accepted',
    });
  return holderDid;
}
