// "Add to wallet" (src/wallets): a single-use, expiring link and QR code that delivers one of my accepted badges
// to a wallet app. Shapes follow src/wallets/routes.ts.
import { api } from './api.ts';

export interface WalletOffer {
  id: string;
  awardId: string;
  /** What the QR code holds and "Open in wallet" opens; a wallet reads it as JSON, a browser as a page. */
  interactionUrl: string;
  qrCodeUrl: string;
  /** The same offer for OpenID wallets (OID4VCI): `openid-credential-offer://…`. */
  openidCredentialOffer: string;
  /** Six digits an OpenID wallet asks for, when the offer was made with a transaction code. */
  txCode?: string;
  expiresAt: string;
}

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
