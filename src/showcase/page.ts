// The public badge page, rendered on the server: fast, no JavaScript, readable on a phone, every
// credential- or user-supplied text escaped. Link previews (Open Graph, Twitter) use a PNG rendering.
import { renderMarkdown } from '../catalog/index.ts';
import { escapeHtml } from '../html/index.ts';
import { wayBackNav } from '../html/way-back.ts';
import { translate } from '../i18n/index.ts';
import { aboutDataPath, occupationPath, type RelatedJob, skillPath } from '../skills/index.ts';
import { renderVerificationPanel, type VerificationReport } from '../verification/index.ts';

export interface BadgePageView {
  awardId: string;
  pageUrl: string;
  imageUrl: string;
  previewPngUrl: string;
  oembedUrl: string;
  /** The signed credential is served at the page's URL (not when it holds evidence the learner keeps private). */
  credentialShared: boolean;
  name: string;
  description: string;
  criteria: string;
  skills: BadgePageSkill[];
  /** Occupations the badge's aligned skills lead to (empty when none is aligned to an imported concept). */
  relatedJobs: RelatedJob[];
  level: string | null;
  issuer: { name: string; website: string | null; did: string | null };
  /** Shown only when the learner lets it be. */
  recipientName: string | null;
  evidenceUrl: string | null;
  awardedDate: Date;
  issuedAt: Date;
  validUntil: Date | null;
  renewed: boolean;
  now: Date;
  report: VerificationReport;
  checkedAt: Date;
  /** Standing endorsements signed by employers (docs/endorsements.md), each verifiable at its URL. */
  endorsements?: BadgePageEndorsement[];
}

export interface BadgePageEndorsement {
  orgName: string;
  comment: string;
  createdAt: Date;
  credentialUrl: string;
}

export interface BadgePageSkill {
  name: string;
  framework?: string;
  code?: string;
  url?: string;
  /** The O*NET or ESCO concept it is aligned to: its tag links to the concept's page. */
  concept?: { framework: 'onet' | 'esco'; code: string };
  /** The level the badge asserts, O*NET's 0–7. */
  level?: number;
}

/** did:web:host[:path] → host, the domain the issuer proved it controls by publishing its DID document there. */
export function didWebDomain(did: string | null): string | null {
  if (!did?.startsWith('did:web:')) return null;
  return decodeURIComponent(did.slice('did:web:'.length).split(':')[0] ?? '') || null;
}

function date(locale: string, value: Date): string {
  const text = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(value);
  return `<time datetime="${value.toISOString()}">${escapeHtml(text)}</time>`;
}

function meta(view: BadgePageView, locale: string): string {
  const title = escapeHtml(
    translate(locale, 'badgePage.shareTitle', { badge: view.name, issuer: view.issuer.name }),
  );
  const description = escapeHtml(view.description.slice(0, 300));
  return `<meta name="description" content="${description}">
<meta property="og:type" content="website">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${escapeHtml(view.pageUrl)}">
<meta property="og:image" content="${escapeHtml(view.previewPngUrl)}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="512">
<meta property="og:image:height" content="512">
<meta property="og:image:alt" content="${escapeHtml(view.name)}">
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${title}">
<meta name="twitter:description" content="${description}">
<meta name="twitter:image" content="${escapeHtml(view.previewPngUrl)}">
<link rel="canonical" href="${escapeHtml(view.pageUrl)}">
${view.credentialShared ? `<link rel="alternate" type="application/ld+json" href="${escapeHtml(view.pageUrl)}">\n<link rel="alternate" type="application/vc+jwt" href="${escapeHtml(view.pageUrl)}">\n` : ''}<link rel="alternate" type="application/json+oembed" href="${escapeHtml(view.oembedUrl)}" title="${title}">`;
}

function facts(view: BadgePageView, locale: string): string {
  const t = (key: string) => escapeHtml(translate(locale, key));
  const expired = view.validUntil !== null && view.validUntil.getTime() <= view.now.getTime();
  const rows = [`<dt>${t('badgePage.issuedOn')}</dt><dd>${date(locale, view.issuedAt)}</dd>`];
  if (view.awardedDate.getTime() < view.issuedAt.getTime() - 60_000)
    rows.push(`<dt>${t('badgePage.firstAwarded')}</dt><dd>${date(locale, view.awardedDate)}</dd>`);
  if (view.validUntil)
    rows.push(
      `<dt>${t(expired ? 'badgePage.expiredOn' : 'badgePage.expiresOn')}</dt><dd>${date(locale, view.validUntil)}${expired ? ` <strong class="expired">${t('badgePage.expired')}</strong>` : ''}</dd>`,
    );
  else rows.push(`<dt>${t('badgePage.expiresOn')}</dt><dd>${t('badgePage.neverExpires')}</dd>`);
  if (view.level) rows.push(`<dt>${t('badgePage.level')}</dt><dd>${escapeHtml(view.level)}</dd>`);
  return `<dl class="facts">${rows.join('\n')}</dl>`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function skillItem(skill: BadgePageSkill, locale: string): string {
  const t = (key: string, vars?: Record<string, string | number>) => escapeHtml(translate(locale, key, vars));
  const code =
    skill.framework && skill.code
      ? ` <span class="code">${escapeHtml(`${skill.framework} ${skill.code}`)}</span>`
      : '';
  const level =
    skill.level !== undefined
      ? ` <span class="level">${t('badgePage.skillLevel', { level: skill.level })}</span>`
      : '';
  if (!skill.concept) {
    const name = skill.url
      ? `<a href="${escapeHtml(skill.url)}" rel="nofollow noopener">${escapeHtml(skill.name)}</a>`
      : escapeHtml(skill.name);
    return `<li>${name}${level}${code}</li>`;
  }
  // The concept's page first; the framework's own page (the alignment's URL) stays as a secondary link.
  const page = `<a href="${escapeHtml(skillPath(skill.concept.framework, skill.concept.code))}">${escapeHtml(skill.name)}</a>`;
  const external = skill.url
    ? ` <a class="external" href="${escapeHtml(skill.url)}" rel="nofollow noopener">${t('badgePage.skillSource', { host: hostOf(skill.url) })}</a>`
    : '';
  return `<li>${page}${level}${code}${external}</li>`;
}

function endorsements(view: BadgePageView, locale: string): string {
  const list = view.endorsements ?? [];
  if (list.length === 0) return '';
  const t = (key: string, vars?: Record<string, string>) => escapeHtml(translate(locale, key, vars));
  const items = list.map(
    (e) =>
      `<li><p class="text">${escapeHtml(e.comment)}</p><p class="by">${t('recognition.publicPage.endorsedBy', { org: e.orgName })}, ${date(locale, e.createdAt)} · <a href="${escapeHtml(e.credentialUrl)}" type="application/ld+json">${t('recognition.publicPage.credential')}</a></p></li>`,
  );
  return `<section aria-labelledby="endorsements-heading"><h2 id="endorsements-heading">${t('recognition.publicPage.heading')}</h2><ul class="endorsements">${items.join('')}</ul></section>`;
}

function skills(view: BadgePageView, locale: string): string {
  if (view.skills.length === 0) return '';
  const items = view.skills.map((skill) => skillItem(skill, locale));
  return `<section aria-labelledby="skills-heading"><h2 id="skills-heading">${escapeHtml(translate(locale, 'badgePage.skills'))}</h2><ul class="skills">${items.join('')}</ul></section>`;
}

/** "Because this badge asserts Programming at level 5 (importance 4.8 of 5 there, …)": for a visitor, not "your". */
export function becauseText(job: RelatedJob, locale: string): string {
  const named = job.matched.map((m) =>
    m.level !== null
      ? translate(locale, 'badgePage.becauseLevel', { skill: m.label, level: m.level })
      : m.label,
  );
  const skillsText = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(named);
  const needs =
    job.importance !== null
      ? translate(locale, 'badgePage.becauseImportance', {
          importance: new Intl.NumberFormat(locale, {
            maximumFractionDigits: 1,
            minimumFractionDigits: 1,
          }).format(job.importance),
        })
      : job.relation === 'essential'
        ? translate(locale, 'badgePage.becauseEssential')
        : translate(locale, 'badgePage.becauseDistinctive');
  return translate(locale, 'badgePage.because', { skills: skillsText, needs });
}

function relatedJobs(view: BadgePageView, locale: string): string {
  if (view.relatedJobs.length === 0) return '';
  const t = (key: string, vars?: Record<string, string>) => escapeHtml(translate(locale, key, vars));
  const items = view.relatedJobs.map(
    (job) =>
      `<li><h3><a href="${escapeHtml(occupationPath(job.framework, job.code))}">${escapeHtml(job.title)}</a></h3><p>${escapeHtml(becauseText(job, locale))}</p></li>`,
  );
  const sources = [...new Map(view.relatedJobs.map((job) => [job.framework, job.source])).entries()];
  const attribution = sources
    .map(
      ([framework, source]) =>
        `${t('skillPages.source', { source })} · <a href="${aboutDataPath(framework)}">${t('skillPages.attributionLink', { framework: framework === 'onet' ? 'O*NET' : 'ESCO' })}</a>`,
    )
    .join('<br>');
  return `<section aria-labelledby="jobs-heading" class="related-jobs"><h2 id="jobs-heading">${t('badgePage.relatedJobs')}</h2><p class="intro">${t('badgePage.relatedJobsIntro')}</p><ol class="jobs">${items.join('')}</ol><p class="attribution">${attribution}</p></section>`;
}

export function renderBadgePage(view: BadgePageView, locale: string): string {
  const t = (key: string, vars?: Record<string, string>) => escapeHtml(translate(locale, key, vars));
  const domain = didWebDomain(view.issuer.did);
  const issuerCheck = view.report.checks.find((c) => c.code === 'issuer-identity');
  const domainMark =
    domain && issuerCheck?.status !== 'failed'
      ? ` <span class="domain-mark" title="${t('badgePage.domainMarkTitle', { domain })}"><span aria-hidden="true">✓</span> ${escapeHtml(domain)}</span>`
      : '';
  const issuerName = view.issuer.website
    ? `<a href="${escapeHtml(view.issuer.website)}" rel="noopener">${escapeHtml(view.issuer.name)}</a>`
    : escapeHtml(view.issuer.name);
  const evidence = view.evidenceUrl
    ? `<section aria-labelledby="evidence-heading"><h2 id="evidence-heading">${t('badgePage.evidence')}</h2><p><a href="${escapeHtml(view.evidenceUrl)}" rel="nofollow ugc noopener">${escapeHtml(view.evidenceUrl)}</a></p></section>`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('badgePage.title', { badge: view.name, issuer: view.issuer.name })}</title>
${meta(view, locale)}
<link rel="stylesheet" href="/verify/verify.css">
<link rel="stylesheet" href="/badges/badge.css">
</head>
<body>
<header class="site"><a class="brand" href="/">Tessera</a><a href="/verify">${t('badgePage.verifyAnother')}</a></header>
<main>
<article class="badge" aria-labelledby="badge-name">
<img class="badge-image" src="${escapeHtml(view.imageUrl)}" alt="" width="160" height="160">
<div>
<h1 id="badge-name">${escapeHtml(view.name)}</h1>
<p class="issuer">${t('badgePage.issuedBy')} ${issuerName}${domainMark}</p>
${view.recipientName ? `<p class="recipient">${t('badgePage.earnedBy')} <strong>${escapeHtml(view.recipientName)}</strong></p>` : ''}
${facts(view, locale)}
${view.renewed ? `<p class="renewed">${t('badgePage.renewed')}</p>` : ''}
</div>
</article>
<section aria-labelledby="about-heading"><h2 id="about-heading">${t('badgePage.about')}</h2><p class="text">${escapeHtml(view.description)}</p></section>
<section aria-labelledby="criteria-heading"><h2 id="criteria-heading">${t('badgePage.criteria')}</h2><div class="criteria">${renderMarkdown(view.criteria)}</div></section>
${skills(view, locale)}
${relatedJobs(view, locale)}
${endorsements(view, locale)}
${evidence}
${renderVerificationPanel(locale, view.report, view.checkedAt)}
</main>
${wayBackNav((key) => translate(locale, key), ['home', 'catalog', 'verify'])}
</body>
</html>`;
}

export const BADGE_PAGE_CSS = `.badge{display:flex;gap:1.25rem;align-items:flex-start;flex-wrap:wrap;background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:1rem}
.badge-image{width:160px;height:160px;object-fit:contain}
.badge h1{margin:.25rem 0}
.issuer,.recipient{margin:.25rem 0}
.domain-mark{display:inline-block;margin-left:.25rem;padding:0 .4rem;border-radius:1rem;background:#dafbe1;color:#0a3d1a;font-size:.9em}
.facts{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:.75rem 0 0}
.facts dt{font-weight:600}
.facts dd{margin:0}
.expired{color:#82071e}
.renewed{color:#4d2d00}
.text{white-space:pre-wrap}
.skills li{overflow-wrap:anywhere}
.skills .code,.skills .level,.skills .external{color:#57606a;font-size:.9em}
.skills .external{color:#0550ae}
.related-jobs .intro,.related-jobs .attribution{color:#424a53;font-size:.9rem}
.jobs{list-style:none;padding:0;margin:0}
.jobs li{padding:.5rem 0;border-top:1px solid #eaeef2}
.jobs li:first-child{border-top:0}
.jobs h3{font-size:1.05rem;margin:0}
.jobs p{margin:.15rem 0 0;overflow-wrap:anywhere}
.profile-badges{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1rem}
.profile-badge{display:flex;flex-direction:column;gap:.25rem;background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:1rem}
.profile-badge a{display:flex;flex-direction:column;gap:.5rem;font-weight:600}
.profile-badge .issuer-image{font-weight:400}
.verdict-not-verified{color:#82071e}
.endorsements{list-style:none;padding:0;margin:0}
.endorsements li{padding:.5rem 0;border-top:1px solid #eaeef2;overflow-wrap:anywhere}
.endorsements li:first-child{border-top:0}
.endorsements p{margin:.15rem 0}
.endorsements .by{color:#424a53;font-size:.9rem}
`;
