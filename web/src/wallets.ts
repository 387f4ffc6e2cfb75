// "Add to wallet" (src/wallets): a single-use, expiring link and QR code that delivers one of my accepted badges
// to a wallet app. Shapes follow src/wallets/routes.ts.
import { api } from './api.ts';

export interface WalletOffer {
  id: string;
  awardId: string;
  /** What the QR code holds and "Open in wallet" opens; a wallet reads it as JSON, a browser as a page. */
  interactionUrl: string;
  qrCodeUrl: string;
  expiresAt: string;
}

export const walletsApi = {
  createOffer: (awardId: string) =>
    api<WalletOffer>(`/api/v1/me/badges/${encodeURIComponent(awardId)}/wallet-offers`, { method: 'POST' }),
};

/** The QR code from this server, whatever public address the API names (a local install, a proxy). */
export const qrCodePath = (offer: WalletOffer) => `/wallet/i/${encodeURIComponent(offer.id)}/qr.svg`;
