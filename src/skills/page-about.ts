// The data attribution pages, /about/data/onet and /about/data/esco: what the data is, the release imported,
// the attribution its licence requires (word for word, in English, as the data's README gives it), the
// licence links and how Tessera uses it. Every page that shows framework data links here.
import { html, type SafeHtml } from '../html/index.ts';
import type { FrameworkRelease } from './page-data.ts';
import { frameworkName, renderSkillPage, translatorOf } from './page-layout.ts';
import type { FrameworkId } from './tables.ts';

/** O*NET's CC BY 4.0 attribution, with the trademark note and the notice of our conversion of its files. */
export function onetAttribution(version: string | null): string {
  const release = version ? `O*NET ${version} Database` : 'O*NET Database';
  return (
    `This product includes information from the ${release} by the U.S. Department of Labor, Employment and ` +
    'Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. ' +
    'The data was converted from the Excel release to a tab-delimited layout; USDOL/ETA has not approved, endorsed, ' +
    'or tested these modifications.'
  );
}

/** The acknowledgement the European Commission's reuse policy asks of ESCO's users. */
export const ESCO_ATTRIBUTION = 'This service uses the ESCO classification of the European Commission.';

interface Source {
  attribution: (version: string | null) => string;
  links: { key: string; href: string }[];
}

const SOURCES: Record<FrameworkId, Source> = {
  onet: {
    attribution: onetAttribution,
    links: [
      { key: 'skillPages.about.onet.licenceLink', href: 'https://creativecommons.org/licenses/by/4.0/' },
      { key: 'skillPages.about.onet.termsLink', href: 'https://www.onetcenter.org/license_db.html' },
      { key: 'skillPages.about.onet.homeLink', href: 'https://www.onetcenter.org/database.html' },
    ],
  },
  esco: {
    attribution: () => ESCO_ATTRIBUTION,
    links: [
      { key: 'skillPages.about.esco.licenceLink', href: 'https://eur-lex.europa.eu/eli/dec/2011/833/oj' },
      { key: 'skillPages.about.esco.homeLink', href: 'https://esco.ec.europa.eu/' },
    ],
  },
};

function releaseText(locale: string, release: FrameworkRelease | null): SafeHtml {
  const t = translatorOf(locale);
  if (!release) return html`${t('skillPages.about.notImported')}`;
  if (release.importing) return html`${t('skillPages.about.importing', { version: release.version })}`;
  if (!release.importedAt) return html`${release.version}`;
  const on = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    release.importedAt,
  );
  return html`${t('skillPages.about.importedOn', { version: release.version })} <time datetime="${release.importedAt.toISOString()}">${on}</time>`;
}

export function renderAboutDataPage(
  locale: string,
  path: string,
  framework: FrameworkId,
  release: FrameworkRelease | null,
): string {
  const t = translatorOf(locale);
  const source = SOURCES[framework];
  const name = frameworkName(framework);
  const prefix = `skillPages.about.${framework}`;
  const version = release && !release.importing ? release.version : null;
  const main = html`<article class="panel" aria-labelledby="about-name">
<h1 id="about-name">${t(`${prefix}.title`)}</h1>
<p>${t(`${prefix}.what`)}</p>
<dl class="facts"><dt>${t('skillPages.about.version')}</dt><dd>${releaseText(locale, release)}</dd></dl>
</article>
<section class="panel" aria-labelledby="attribution-heading">
<h2 id="attribution-heading">${t('skillPages.about.attributionHeading')}</h2>
<p class="muted">${t(`${prefix}.attributionIntro`)}</p>
<blockquote lang="en"><p>${source.attribution(version)}</p></blockquote>
<h3>${t('skillPages.about.licenceHeading')}</h3>
<p>${t(`${prefix}.licence`)}</p>
<ul>${source.links.map((link) => html`<li><a href="${link.href}" rel="noopener">${t(link.key)}</a></li>`)}</ul>
</section>
<section class="panel" aria-labelledby="uses-heading">
<h2 id="uses-heading">${t('skillPages.about.usesHeading', { framework: name })}</h2>
<p>${t(`${prefix}.uses`)}</p>
<p>${t('skillPages.about.noEndorsement', { framework: name })}</p>
</section>`;
  return renderSkillPage({ locale, title: t(`${prefix}.title`), path, main });
}
