// Sharing a public badge: LinkedIn "Add to profile" and post, X, Facebook, email, an embeddable card
// (iframe + oEmbed), an email-signature snippet (inline styles, PNG picture) and a QR code for print.
import QRCode from 'qrcode';
import { escapeHtml } from '../html/index.ts';

export interface ShareFacts {
  awardId: string;
  pageUrl: string;
  previewPngUrl: string;
  badgeName: string;
  issuerName: string;
  issuedAt: Date;
  validUntil: Date | null;
}

export const EMBED_SIZE = { width: 360, height: 160 } as const;

const query = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');

/** LinkedIn's Add-to-profile form, prefilled (https://addtoprofile.linkedin.com documents the fields). */
export function linkedInAddToProfile(facts: ShareFacts): string {
  return `https://www.linkedin.com/profile/add?${query({
    startTask: 'CERTIFICATION_NAME',
    name: facts.badgeName,
    organizationName: facts.issuerName,
    issueYear: facts.issuedAt.getUTCFullYear(),
    issueMonth: facts.issuedAt.getUTCMonth() + 1,
    expirationYear: facts.validUntil?.getUTCFullYear(),
    expirationMonth: facts.validUntil ? facts.validUntil.getUTCMonth() + 1 : undefined,
    certUrl: facts.pageUrl,
    certId: facts.awardId,
  })}`;
}

export function embedIframe(facts: ShareFacts): string {
  return `<iframe src="${escapeHtml(`${facts.pageUrl}/embed`)}" title="${escapeHtml(`${facts.badgeName} — ${facts.issuerName}`)}" width="${EMBED_SIZE.width}" height="${EMBED_SIZE.height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

/** Mail clients strip styles and scripts and often block SVG: inline styles and the PNG only. */
export function emailSignature(facts: ShareFacts): string {
  return `<a href="${escapeHtml(facts.pageUrl)}" style="text-decoration:none;color:#1b1f24"><img src="${escapeHtml(facts.previewPngUrl)}" width="64" height="64" alt="${escapeHtml(facts.badgeName)}" style="border:0;display:inline-block;vertical-align:middle;width:64px;height:64px"> <span style="font-family:Arial,Helvetica,sans-serif;font-size:13px;vertical-align:middle">${escapeHtml(facts.badgeName)} · ${escapeHtml(facts.issuerName)}</span></a>`;
}

export function shareLinks(facts: ShareFacts, publicUrl: string) {
  const text = `${facts.badgeName} — ${facts.issuerName}`;
  return {
    pageUrl: facts.pageUrl,
    linkedInAddToProfile: linkedInAddToProfile(facts),
    linkedInPost: `https://www.linkedin.com/sharing/share-offsite/?${query({ url: facts.pageUrl })}`,
    x: `https://x.com/intent/post?${query({ text, url: facts.pageUrl })}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?${query({ u: facts.pageUrl })}`,
    email: `mailto:?${query({ subject: text, body: `${text}\n${facts.pageUrl}` })}`,
    embedHtml: embedIframe(facts),
    oembedUrl: `${publicUrl}/oembed?${query({ url: facts.pageUrl, format: 'json' })}`,
    emailSignatureHtml: emailSignature(facts),
    qrSvgUrl: `${facts.pageUrl}/qr.svg`,
    qrPngUrl: `${facts.pageUrl}/qr.png`,
  };
}

export function oembedOf(facts: ShareFacts, publicUrl: string) {
  return {
    version: '1.0',
    type: 'rich',
    title: `${facts.badgeName} — ${facts.issuerName}`,
    provider_name: 'Tessera',
    provider_url: publicUrl,
    html: embedIframe(facts),
    width: EMBED_SIZE.width,
    height: EMBED_SIZE.height,
    thumbnail_url: facts.previewPngUrl,
    thumbnail_width: 512,
    thumbnail_height: 512,
  };
}

export async function qrCode(url: string, format: 'svg' | 'png'): Promise<Buffer> {
  if (format === 'svg') return Buffer.from(await QRCode.toString(url, { type: 'svg', margin: 2 }));
  return QRCode.toBuffer(url, { type: 'png', margin: 2, width: 512 });
}
