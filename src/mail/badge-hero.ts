// The badge's picture and its issuer at the top of the "Accept your badge" mail (HTML only; the plain-text
// part already names both). Absolute URLs: a mail client loads them from this server (the achievement image
// and the issuer's logo are public and served cross-origin).
import { escapeHtml } from '../html/index.ts';

/** Shown at this size; the achievement image is square. */
export const BADGE_HERO_PX = 120;
const LOGO_HEIGHT_PX = 32;

export function badgeHeroHtml(parts: {
  badgeName: string;
  imageUrl: string;
  issuerLogoUrl: string | null;
  /** "Issued by {issuer}", translated. */
  issuedBy: string;
}): string {
  // The logo sits next to the issuer's name, which says the same: it is decorative (empty alt).
  const logo = parts.issuerLogoUrl
    ? `<img src="${escapeHtml(parts.issuerLogoUrl)}" alt="" height="${LOGO_HEIGHT_PX}" style="display:block;height:${LOGO_HEIGHT_PX}px;width:auto;max-width:160px;border:0;margin:0 0 6px">`
    : '';
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:16px 0;border-collapse:collapse"><tr>
<td style="padding:0 16px 0 0;vertical-align:top"><img src="${escapeHtml(parts.imageUrl)}" width="${BADGE_HERO_PX}" height="${BADGE_HERO_PX}" alt="${escapeHtml(parts.badgeName)}" style="display:block;border:0;width:${BADGE_HERO_PX}px;height:${BADGE_HERO_PX}px"></td>
<td style="vertical-align:middle"><p style="margin:0 0 6px;font-size:18px;font-weight:600">${escapeHtml(parts.badgeName)}</p>${logo}<p style="margin:0;color:#555">${escapeHtml(parts.issuedBy)}</p></td>
</tr></table>`;
}
