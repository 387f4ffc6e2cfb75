// A learner's public profile page: their name, a headline and their public badges. Server-rendered,
// no JavaScript, every text escaped.
import { escapeHtml } from '../html/index.ts';
import { translate } from '../i18n/index.ts';
import type { PublicProfile } from './profile.ts';

export function renderProfilePage(profile: PublicProfile, locale: string, now: Date): string {
  const t = (key: string, vars?: Record<string, string>) => escapeHtml(translate(locale, key, vars));
  const day = (d: Date) =>
    `<time datetime="${d.toISOString()}">${escapeHtml(new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d))}</time>`;
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
<h2>${t('profilePage.badges')}</h2>
${list}
</main>
</body>
</html>`;
}
