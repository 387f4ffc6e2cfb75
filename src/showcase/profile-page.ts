// A learner's public profile page: photo (or initials), name, headline, a skills summary from the skills
// their public badges align, the badge wall, sharing (a link to copy, LinkedIn, email) and the download of
// the whole record; apart, the public badges they imported from other issuers. Server-rendered, every text
// escaped; the one script only adds a "Copy link" button, everything works without it.
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

/** Up to two letters: the first of the first and of the last word ("Zoë Núñez" → "ZN"). */
export function initialsOf(name: string): string {
  const words = name.split(/[\s<>()[\]{}"'.,;:!?¿¡/\\-]+/u).filter((w) => /\p{L}|\p{N}/u.test(w));
  const first = (w: string | undefined) => (w ? ([...w.replace(/^[^\p{L}\p{N}]+/u, '')][0] ?? '') : '');
  const letters = words.length > 1 ? first(words[0]) + first(words.at(-1)) : first(words[0]);
  return letters.toLocaleUpperCase() || '?';
}

/** One of eight dark tones (white text reads on each at 4.5:1 or more), the same for the same name. */
export function toneOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % 8;
}

function avatar(profile: PublicProfile, t: Translate): string {
  if (profile.photoUrl)
    return `<img class="avatar" src="${escapeHtml(new URL(profile.photoUrl).pathname)}" alt="${t('profilePage.photoOf', { name: profile.name })}" width="128" height="128">`;
  return `<div class="avatar initials tone-${toneOf(profile.name)}" aria-hidden="true">${escapeHtml(initialsOf(profile.name))}</div>`;
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

function skillsSection(profile: PublicProfile, t: Translate): string {
  const { top, total } = profile.skills;
  if (top.length === 0) return '';
  const items = top.map((skill) => {
    const badges = skill.badges
      .map((b) => `<a href="/badges/${escapeHtml(b.awardId)}">${escapeHtml(b.name)}</a>`)
      .join(', ');
    return `<li><span class="skill-name">${escapeHtml(skill.name)}</span><span class="framework" title="${t('profilePage.frameworkTitle', { framework: skill.framework, code: skill.code })}">${escapeHtml(skill.framework)}</span>
<span class="evidence">${t('profilePage.evidencedBy')} ${badges}</span></li>`;
  });
  const more =
    total > top.length
      ? `<p class="note">${t('profilePage.moreSkills', { count: String(total - top.length) })}</p>`
      : '';
  return `<section class="panel section" aria-labelledby="skills-title">
<h2 id="skills-title" class="section-title">${t('profilePage.skillsTitle')}</h2>
<p class="note">${t('profilePage.skillsIntro')}</p>
<ul class="skill-list">${items.join('\n')}</ul>${more}
</section>`;
}

function badgeWall(profile: PublicProfile, t: Translate, day: (d: Date) => string, now: Date): string {
  const tiles = profile.badges.map((b) => {
    const expired = b.validUntil !== null && b.validUntil.getTime() <= now.getTime();
    return `<li class="badge-tile"><a href="/badges/${escapeHtml(b.id)}"><img src="/achievements/${escapeHtml(b.badgeId)}/versions/${b.versionNumber}/image" alt="" width="112" height="112"><span class="name">${escapeHtml(b.name)}</span>
<span class="issuer">${escapeHtml(b.issuerName)}</span>
<span class="date">${day(b.issuedAt)}${expired ? ` · <strong class="expired">${t('badgePage.expired')}</strong>` : ''}</span></a></li>`;
  });
  if (tiles.length === 0 && profile.imported.length > 0) return '';
  const body =
    tiles.length > 0
      ? `<ul class="badge-wall">${tiles.join('\n')}</ul>`
      : `<p>${t('profilePage.noBadges')}</p>`;
  return `<section class="section" aria-labelledby="badges-title">
<h2 id="badges-title" class="section-title">${t('profilePage.badges')}</h2>
${body}
</section>`;
}

function sharePanel(profile: PublicProfile, t: Translate, locale: string): string {
  const url = profile.url;
  const title = translate(locale, 'profilePage.title', { name: profile.name });
  const linkedIn = `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}`;
  const mail = `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}`;
  return `<section class="panel" aria-labelledby="share-title">
<h2 id="share-title">${t('profilePage.shareTitle')}</h2>
<div class="share-link"><label for="profile-link">${t('profilePage.linkLabel')}</label>
<input id="profile-link" type="text" readonly value="${escapeHtml(url)}"></div>
<ul class="share-actions">
<li><button type="button" id="copy-link" hidden data-done="${t('profilePage.copied')}">${t('profilePage.copyLink')}</button></li>
<li><a href="${escapeHtml(linkedIn)}" rel="noopener noreferrer" target="_blank">${t('profilePage.shareLinkedIn')}</a></li>
<li><a href="${escapeHtml(mail)}">${t('profilePage.shareEmail')}</a></li>
</ul>
<p class="copied" id="copied" role="status"></p>
</section>
<section class="panel" aria-labelledby="record-title">
<h2 id="record-title">${t('profilePage.recordTitle')}</h2>
<a class="download" href="/people/${escapeHtml(profile.slug)}/record.json" download>${t('profilePage.recordDownload')}</a>
<p class="note">${t('profilePage.recordNote')}</p>
</section>`;
}

export function renderProfilePage(profile: PublicProfile, locale: string, now: Date): string {
  const t: Translate = (key, vars) => escapeHtml(translate(locale, key, vars));
  const day = dayOf(locale);
  const elsewhere =
    profile.imported.length > 0
      ? `<section class="section" aria-labelledby="elsewhere-title">
<h2 id="elsewhere-title" class="section-title">${t('profilePage.earnedElsewhere')}</h2>
<p class="text">${t('profilePage.earnedElsewhereIntro')}</p>
<ul class="profile-badges">${profile.imported.map((b) => importedCard(b, t, day)).join('\n')}</ul>
</section>`
      : '';
  const stats = t('profilePage.stats', {
    badges: String(profile.badges.length + profile.imported.length),
    skills: String(profile.skills.total),
  });
  const image = profile.photoUrl
    ? `\n<meta property="og:image" content="${escapeHtml(profile.photoUrl)}">`
    : '';
  const description = profile.headline ?? stats;
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('profilePage.title', { name: profile.name })}</title>
<meta name="description" content="${escapeHtml(description)}">
<meta property="og:type" content="profile">
<meta property="og:title" content="${t('profilePage.title', { name: profile.name })}">
<meta property="og:description" content="${escapeHtml(description)}">
<meta property="og:url" content="${escapeHtml(profile.url)}">${image}
<link rel="canonical" href="${escapeHtml(profile.url)}">
<link rel="stylesheet" href="/verify/verify.css">
<link rel="stylesheet" href="/badges/badge.css">
<link rel="stylesheet" href="/people/profile.css">
<script src="/people/profile.js" defer></script>
</head>
<body>
<header class="site"><a class="brand" href="/">Tessera</a><a href="/verify">${t('badgePage.verifyAnother')}</a></header>
<main class="profile">
<section class="profile-hero" aria-labelledby="profile-name">
${avatar(profile, t)}
<div class="who">
<h1 id="profile-name">${escapeHtml(profile.name)}</h1>
${profile.headline ? `<p class="headline">${escapeHtml(profile.headline)}</p>` : ''}
<p class="stats">${stats}</p>
</div>
</section>
<div class="profile-layout">
<div>
${skillsSection(profile, t)}
${badgeWall(profile, t, day, now)}
${elsewhere}
</div>
<aside>
${sharePanel(profile, t, locale)}
</aside>
</div>
</main>
</body>
</html>`;
}
