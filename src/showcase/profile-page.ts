// A learner's public profile page: their name, a headline, their public badges and, apart, the public
// badges they imported from other issuers. Server-rendered, no JavaScript, every text escaped.
import { escapeHtml } from '../html/index.ts';
import { translate } from '../i18n/index.ts';
import type { PublicImportedBadge } from '../imports/index.ts';
import type { PublicProfile } from './profile.ts';

type Translate = (key: string, vars?: Record<string, string>) => string;

const VERDICT_KEYS = {
  verified: 'verify.verdict.verified',
  'not-verified': 'verify.verdict.notVerified',
  'could-not-check': 'verify.verdict.couldNotCheck',
} as const;

function dayOf(locale: string) {
  return (d: Date) =>
    `<time datetime="${d.toISOString()}">${escapeHtml(new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d))}</time>`;
}

/**
 * A badge from elsewhere: its name, issuer and Tessera's last check, linking to its own page. Its image
 * lives at the issuer and is only linked, never loaded: the page would otherwise tell a third party who
 * looks at the profile (and the CSP allows images from here only).
 */
function importedCard(b: PublicImportedBadge, t: Translate, day: (d: Date) => string): string {
  const issuer = b.issuerName ?? b.issuerId ?? null;
  const image =
    b.imageUrl && /^https:\/\//i.test(b.imageUrl)
      ? `\n<span><a class="issuer-image" href="${escapeHtml(b.imageUrl)}" rel="nofollow noopener noreferrer">${t('profilePage.issuerImage')}</a></span>`
      : '';
  return `<li class="profile-badge imported"><a href="/imported/${escapeHtml(b.id)}"><span class="name">${escapeHtml(b.badgeName)}</span></a>
<span>${t('badgePage.issuedBy')} ${issuer === null ? t('importedPage.unknownIssuer') : escapeHtml(issuer)}</span>
<span>${t('profilePage.lastCheck')} <strong class="verdict-${b.verdict}">${t(VERDICT_KEYS[b.verdict])}</strong> · ${day(b.checkedAt)}</span>${image}</li>`;
}

export function renderProfilePage(profile: PublicProfile, locale: string, now: Date): string {
  const t: Translate = (key, vars) => escapeHtml(translate(locale, key, vars));
  const day = dayOf(locale);
  const cards = profile.badges.map((b) => {
    const expired = b.validUntil !== null && b.validUntil.getTime() <= now.getTime();
    return `<li class="profile-badge"><a href="/badges/${escapeHtml(b.id)}"><img src="/achievements/${escapeHtml(b.badgeId)}/versions/${b.versionNumber}/image" alt="" width="96" height="96"><span class="name">${escapeHtml(b.name)}</span></a>
<span>${t('badgePage.issuedBy')} ${escapeHtml(b.issuerName)}</span>
<span>${t('badgePage.issuedOn')} ${day(b.issuedAt)}${expired ? ` · <strong class="expired">${t('badgePage.expired')}</strong>` : ''}</span></li>`;
  });
  const list =
    cards.length > 0
      ? `<ul class="profile-badges">${cards.join('\n')}</ul>`
      : `<p>${t('profilePage.noBadges')}</p>`;
  const ours =
    cards.length > 0 || profile.imported.length === 0 ? `<h2>${t('profilePage.badges')}</h2>\n${list}` : '';
  const elsewhere =
    profile.imported.length > 0
      ? `<h2>${t('profilePage.earnedElsewhere')}</h2>
<p class="text">${t('profilePage.earnedElsewhereIntro')}</p>
<ul class="profile-badges">${profile.imported.map((b) => importedCard(b, t, day)).join('\n')}</ul>`
      : '';
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('profilePage.title', { name: profile.name })}</title>
<meta property="og:type" content="profile">
<meta property="og:title" content="${t('profilePage.title', { name: profile.name })}">
<meta property="og:url" content="${escapeHtml(profile.url)}">
<link rel="canonical" href="${escapeHtml(profile.url)}">
<link rel="stylesheet" href="/verify/verify.css">
<link rel="stylesheet" href="/badges/badge.css">
</head>
<body>
<header class="site"><a class="brand" href="/">Tessera</a><a href="/verify">${t('badgePage.verifyAnother')}</a></header>
<main>
<h1>${escapeHtml(profile.name)}</h1>
${profile.headline ? `<p class="text">${escapeHtml(profile.headline)}</p>` : ''}
${ours}
${elsewhere}
</main>
</body>
</html>`;
}
