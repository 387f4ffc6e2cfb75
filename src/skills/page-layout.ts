// The frame every public skills page shares (skill, occupation, data attribution, not found): language
// links, the data-source links in the footer, one small stylesheet. Server-rendered, no JavaScript; every
// value is escaped by the `html` template. No HTTP here: routes pass in what they read.
import { html, SafeHtml } from '../html/index.ts';
import { supportedLocales, translate } from '../i18n/index.ts';
import type { FrameworkId } from './tables.ts';

export const SKILL_PAGES_CSS_PATH = '/skills/pages.css';

/** A translator for one locale whose result is plain text (the html template escapes it). */
export const translatorOf =
  (locale: string) =>
  (key: string, vars?: Record<string, string | number>): string =>
    translate(locale, key, vars);

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Español' };

/** The page's path for a concept or an occupation: the code is one URL segment (ESCO codes are URIs). */
export const skillPath = (framework: FrameworkId, code: string): string =>
  `/skills/${framework}/${encodeURIComponent(code)}`;
export const occupationPath = (framework: FrameworkId, code: string): string =>
  `/occupations/${framework}/${encodeURIComponent(code)}`;
export const aboutDataPath = (framework: FrameworkId): string => `/about/data/${framework}`;

export interface SkillPageFrame {
  locale: string;
  title: string;
  /** The page's own path (no query): the language links point back to it. */
  path: string;
  description?: string;
  main: SafeHtml;
}

function languageLinks(frame: SkillPageFrame): SafeHtml {
  const t = translatorOf(frame.locale);
  const links = supportedLocales.map(
    (code) =>
      html`<a href="${frame.path}?lang=${code}" lang="${code}" hreflang="${code}"${code === frame.locale ? new SafeHtml(' aria-current="true"') : ''}>${LANGUAGE_NAMES[code] ?? code}</a>`,
  );
  return html`<nav class="languages" aria-label="${t('skillPages.languages')}">${links}</nav>`;
}

function footer(locale: string): SafeHtml {
  const t = translatorOf(locale);
  return html`<footer class="site-footer"><nav aria-label="${t('skillPages.dataSources')}"><a href="${aboutDataPath('onet')}">${t('skillPages.aboutOnet')}</a> <a href="${aboutDataPath('esco')}">${t('skillPages.aboutEsco')}</a></nav></footer>`;
}

/** The whole document: language, viewport, stylesheet (no inline styles or scripts: CSP is 'self'). */
export function renderSkillPage(frame: SkillPageFrame): string {
  return html`<!doctype html>
<html lang="${frame.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · Tessera</title>
${frame.description ? html`<meta name="description" content="${frame.description.slice(0, 300)}">` : ''}
<link rel="stylesheet" href="${SKILL_PAGES_CSS_PATH}">
</head>
<body>
<header class="site"><a class="brand" href="/">Tessera</a>${languageLinks(frame)}</header>
<main>
${frame.main}
</main>
${footer(frame.locale)}
</body>
</html>`.markup;
}

/** "Source: O*NET 29.3 · Attribution and licence": due wherever framework data shows. */
export function attributionLine(locale: string, framework: FrameworkId, source: string): SafeHtml {
  const t = translatorOf(locale);
  return html`<p class="attribution">${t('skillPages.source', { source })} · <a href="${aboutDataPath(framework)}">${t('skillPages.attributionLink', { framework: frameworkName(framework) })}</a></p>`;
}

export const frameworkName = (framework: FrameworkId): string => (framework === 'onet' ? 'O*NET' : 'ESCO');

/** O*NET's Job Zone in words ("Considerable preparation needed"); null when the occupation has none. */
export function jobZoneText(locale: string, jobZone: number | null): string | null {
  if (jobZone === null || !Number.isInteger(jobZone) || jobZone < 1 || jobZone > 5) return null;
  return translate(locale, `skillPages.jobZone.${jobZone}`);
}

export function formatNumber(locale: string, value: number, digits = 1): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

export function listOf(locale: string, items: string[]): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

export const SKILL_PAGES_CSS = `*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1b1f24;background:#f6f7f9}
a{color:#0550ae}
.site{display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:.5rem;padding:.75rem 1rem;background:#fff;border-bottom:1px solid #d0d7de}
.brand{font-weight:700;color:#1b1f24;text-decoration:none}
.languages a{margin-left:.75rem}
.languages a[aria-current]{font-weight:700;text-decoration:none;color:#1b1f24}
main{max-width:48rem;margin:0 auto;padding:1rem}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0;overflow-wrap:anywhere}
h2{font-size:1.3rem;margin:0 0 .5rem}
h3{font-size:1.05rem;margin:.75rem 0 .25rem}
.jobs h3{margin:0}
.sub{font-size:1.1rem;margin:1rem 0 .25rem}
p,li,dd{overflow-wrap:anywhere}
.panel{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:1rem;margin:1rem 0}
.kind{display:inline-block;padding:0 .5rem;border-radius:1rem;background:#ddf4ff;color:#0a3069;font-size:.9rem;font-weight:600}
.muted{color:#57606a}
.facts{display:grid;grid-template-columns:minmax(7rem,max-content) 1fr;gap:.3rem 1rem;margin:.75rem 0 0}
.facts dt{font-weight:600}
.facts dd{margin:0}
.plain{list-style:none;padding:0;margin:0}
.jobs>li,.core>li{padding:.6rem 0;border-top:1px solid #eaeef2}
.jobs>li:first-child,.core>li:first-child{border-top:0}
.jobs p{margin:.15rem 0}
.tags{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;margin:.25rem 0 0}
.tags li{background:#f6f8fa;border:1px solid #d0d7de;border-radius:1rem;padding:.05rem .6rem;font-size:.9rem}
.core li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem}
.rating{color:#424a53;font-size:.9rem}
.mark{display:inline-block;margin-left:.3rem;padding:0 .45rem;border-radius:1rem;font-size:.8rem;font-weight:600}
.mark-hot{background:#fff1e5;color:#762c00}
.mark-demand{background:#dafbe1;color:#0a3d1a}
blockquote{margin:.5rem 0;padding:.5rem 1rem;border-left:.25rem solid #8c959f;background:#f6f8fa}
.attribution{color:#424a53;font-size:.9rem;margin:1rem 0 0}
.site-footer{max-width:48rem;margin:0 auto;padding:1rem;border-top:1px solid #d0d7de;font-size:.9rem}
.site-footer a{display:inline-block;margin:0 1rem .25rem 0;padding:.25rem 0}
a:focus-visible{outline:3px solid #fb8f44;outline-offset:2px}
@media (max-width:30rem){.facts{grid-template-columns:1fr}.facts dd{margin-bottom:.5rem}}
`;
