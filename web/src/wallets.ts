// "Add to wallet" (src/wallets): a single-use, expiring link and QR code that delivers one of my accepted badges
// to a wallet app. Shapes come from the OpenAPI description.
import { type ApiResult, api } from './api.ts';

/** A wallet offer: `interactionUrl` is what the QR code holds; `openidCredentialOffer` the same for OpenID wallets. */
export type WalletOffer = ApiResult<'postMeBadgesByAwardIdWalletOffers'>;

export const walletsApi = {
  createOffer: (awardId: string, options: { txCode?: boolean } = {}) =>
    api<WalletOffer>(`/api/v1/me/badges/${encodeURIComponent(awardId)}/wallet-offers`, {
      method: 'POST',
      body: options.txCode ? { txCode: true } : {},
    }),
};

/** The QR code from this server, whatever public address the API names (a local install, a proxy). */
export const qrCodePath = (offer: WalletOffer) => `/wallet/i/${encodeURIComponent(offer.id)}/qr.svg`;
/** The QR code of the OpenID offer (`openid-credential-offer://…`), for OpenID wallets. */
export const openidQrCodePath = (offer: WalletOffer) =>
  `/wallet/i/${encodeURIComponent(offer.id)}/openid-qr.svg`;
