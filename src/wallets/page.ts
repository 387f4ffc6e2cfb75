// The interaction URL as a browser sees it: the QR code a phone's wallet scans and the link that opens the
// wallet on the phone itself; or, for a link used or expired, what to do instead. Wallets get JSON instead.
import QRCode from 'qrcode';
import { escapeHtml } from '../html/index.ts';
import { wayBackNav } from '../html/way-back.ts';
import { translate } from '../i18n/index.ts';
import type { OfferState } from './model.ts';

/** The QR code of an interaction URL, as SVG (scales to any size, prints sharp). */
export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

/** A wallet asks for JSON (or says nothing); a browser asks for HTML first. */
export function prefersHtml(accept: string | undefined): boolean {
  const types = (accept ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '')
    .filter(Boolean);
  const htmlAt = types.findIndex((type) => type === 'text/html' || type === 'application/xhtml+xml');
  const jsonAt = types.findIndex((type) => type === 'application/json' || type.endsWith('+json'));
  return htmlAt !== -1 && (jsonAt === -1 || htmlAt < jsonAt);
}

interface PageFacts {
  locale: string;
  offerId: string;
  interactionUrl: string;
  openidCredentialOffer: string;
  expiresAt: Date;
}

function shell(locale: string, title: string, body: string): string {
  const t = (key: string) => translate(locale, key);
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/verify/verify.css">
<style>.wallet-qr{display:block;width:min(16rem,100%);height:auto;background:#fff}
.wallet-link{overflow-wrap:anywhere}
a.button{display:inline-block;font-weight:600;padding:.6rem 1.4rem;border-radius:.375rem;background:#0550ae;color:#fff;text-decoration:none}</style>
</head>
<body>
<header class="site"><a class="brand" href="/">Tessera</a></header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
${wayBackNav(t, ['home', 'catalog', 'verify'])}
</body>
</html>`;
}

export function renderOfferPage(facts: PageFacts): string {
  const { locale, offerId, interactionUrl, openidCredentialOffer, expiresAt } = facts;
  const t = (key: string, vars: Record<string, string> = {}) => escapeHtml(translate(locale, key, vars));
  const until = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).format(expiresAt);
  const link = escapeHtml(interactionUrl);
  return shell(
    locale,
    translate(locale, 'walletPage.title'),
    `<p>${t('walletPage.scan')}</p>
<img class="wallet-qr" src="/wallet/i/${escapeHtml(offerId)}/qr.svg" width="256" height="256" alt="${t('walletPage.qrAlt')}">
<p><a class="button" href="${link}">${t('walletPage.open')}</a></p>
<p>${t('walletPage.linkLabel')} <code class="wallet-link">${link}</code></p>
<p>${t('walletPage.once', { time: `${until} UTC` })}</p>
<h2>${t('walletPage.openidTitle')}</h2>
<p>${t('walletPage.openidScan')}</p>
<img class="wallet-qr" src="/wallet/i/${escapeHtml(offerId)}/openid-qr.svg" width="256" height="256" alt="${t('walletPage.openidQrAlt')}">
<p><a href="${escapeHtml(openidCredentialOffer)}">${t('walletPage.openidOpen')}</a></p>`,
  );
}

export function renderUnusablePage(locale: string, state: Exclude<OfferState, 'open'> | 'missing'): string {
  const t = (key: string) => escapeHtml(translate(locale, key));
  return shell(
    locale,
    translate(locale, 'walletPage.unusableTitle'),
    `<p>${t(`walletPage.unusable.${state}`)}</p>
<p><a href="/learn/badges">${t('walletPage.backToBadges')}</a></p>`,
  );
}
