// An issuer's public page (/issuers/{slug}, issue #19 item 9): its logo, description and contact, the badges it
// publishes (picture, name, description, a link to each badge's page) and the DIDs its credentials name: the
// did:web on this server and any domain of its own. Server-rendered like the other public pages, no JavaScript;
// every value is escaped by the `html` template.
import { badgesOf, latestPublishedVersion, versionImageUrl } from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import { html, SafeHtml } from '../html/index.ts';
import { supportedLocales, translate } from '../i18n/index.ts';
import { boundDomainDids, issuerDid } from '../issuing/index.ts';
import { organizationBranding, organizationBySlug } from '../orgs/index.ts';

const MAX_BADGES = 200;

export interface IssuerPage {
  slug: string;
  name: string;
  description: string | null;
  logoUrl: string | null;
  websiteUrl: string | null;
  contactEmail: string | null;
  contactUrl: string | null;
  /** Issuer registries the organization says it is listed in (its settings): name and where the listing is. */
  registryListings: { name: string; url: string }[];
  dids: string[];
  badges: { id: string; name: string; description: string; imageUrl: string }[];
}

/** The page's content, or undefined for a slug that names no issuer. */
export async function issuerPage(deps: Deps, slug: string): Promise<IssuerPage | undefined> {
  const org = await organizationBySlug(deps.db, slug);
  if (org?.kind !== 'issuer') return undefined;
  const branding = organizationBranding.present(org);
  const published = (await badgesOf(deps.db, org.id)).filter((badge) => badge.state === 'published');
  const badges: IssuerPage['badges'] = [];
  for (const badge of published.slice(0, MAX_BADGES)) {
    const version = await latestPublishedVersion(deps.db, badge.id);
    if (!version) continue;
    badges.push({
      id: badge.id,
      name: version.name,
      description: version.description,
      imageUrl: versionImageUrl(deps, version),
    });
  }
  badges.sort((a, b) => a.name.localeCompare(b.name));
  return {
    slug,
    name: org.name,
    description: branding.description,
    logoUrl: branding.logoUrl,
    websiteUrl: org.websiteUrl,
    contactEmail: branding.contactEmail,
    contactUrl: branding.contactUrl,
    registryListings: org.registryListings ?? [],
    dids: [...(await boundDomainDids(deps, org.id)), issuerDid(deps, slug)],
    badges,
  };
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Español' };
const PAGE_CSS = '/skills/pages.css';

export function renderIssuerPage(locale: string, page: IssuerPage): string {
  const t = (key: string, vars?: Record<string, string | number>) => translate(locale, key, vars);
  const path = `/issuers/${page.slug}`;
  const languages = supportedLocales.map(
    (code) =>
      html`<a href="${path}?lang=${code}" lang="${code}" hreflang="${code}"${code === locale ? new SafeHtml(' aria-current="true"') : ''}>${LANGUAGE_NAMES[code] ?? code}</a>`,
  );
  const contact = [
    page.websiteUrl
      ? html`<dt>${t('issuerPage.website')}</dt><dd><a href="${page.websiteUrl}">${page.websiteUrl}</a></dd>`
      : null,
    page.contactEmail
      ? html`<dt>${t('issuerPage.email')}</dt><dd><a href="mailto:${page.contactEmail}">${page.contactEmail}</a></dd>`
      : null,
    page.contactUrl
      ? html`<dt>${t('issuerPage.contact')}</dt><dd><a href="${page.contactUrl}">${page.contactUrl}</a></dd>`
      : null,
  ];
  const registries =
    page.registryListings.length > 0
      ? html`<dt>${t('issuerPage.registries')}</dt><dd><ul class="plain">${page.registryListings.map(
          (listing) => html`<li><a href="${listing.url}">${listing.name}</a></li>`,
        )}</ul><p class="muted">${t('issuerPage.registriesHelp')}</p></dd>`
      : '';
  const badges =
    page.badges.length === 0
      ? html`<p class="muted">${t('issuerPage.noBadges')}</p>`
      : html`<ul class="plain jobs">${page.badges.map(
          (badge) =>
            html`<li><h3><a href="/catalog/badges/${badge.id}">${badge.name}</a></h3><img src="${badge.imageUrl}" alt="" width="96" height="96"><p>${badge.description}</p></li>`,
        )}</ul>`;
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.name} · Tessera</title>
${page.description ? html`<meta name="description" content="${page.description.slice(0, 300)}">` : ''}
<meta property="og:title" content="${page.name}">
<meta property="og:type" content="profile">
<link rel="stylesheet" href="${PAGE_CSS}">
</head>
<body>
<header class="site"><a class="brand" href="/">Tessera</a><nav class="languages" aria-label="${t('issuerPage.languages')}">${languages}</nav></header>
<main>
${page.logoUrl ? html`<img src="${page.logoUrl}" alt="${t('issuerPage.logo', { name: page.name })}" height="64">` : ''}
<h1>${page.name}</h1>
<p class="kind">${t('issuerPage.kind')}</p>
${page.description ? html`<p>${page.description}</p>` : ''}
<section class="panel" aria-labelledby="badges-title"><h2 id="badges-title">${t('issuerPage.badges')}</h2>${badges}</section>
<section class="panel" aria-labelledby="about-title"><h2 id="about-title">${t('issuerPage.about')}</h2>
<dl class="facts">${contact.filter((entry): entry is SafeHtml => entry !== null)}<dt>${t('issuerPage.dids')}</dt><dd><ul class="plain">${page.dids.map((did) => html`<li><code>${did}</code></li>`)}</ul><p class="muted">${t('issuerPage.didsHelp')}</p></dd>${registries}</dl>
</section>
</main>
</body>
</html>`.markup;
}
