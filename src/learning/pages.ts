// Shared pieces of the learning context's server-rendered pages (certificate check, supervisor
// attestation): an escaping HTML template, the page frame, locale formatting and content negotiation.
// No HTTP here: the route files pass in the header values they read.
import { html, SafeHtml } from '../html/index.ts';
import { supportedLocales, translate } from '../i18n/index.ts';

/** A translator for one locale whose result is plain text (the html template escapes it). */
export const translatorOf =
  (locale: string) =>
  (key: string, vars?: Record<string, string | number>): string =>
    translate(locale, key, vars);

export function formatDate(locale: string, date: Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function formatNumber(locale: string, value: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** `<time>` with the machine-readable date beside the reader's. */
export const timeElement = (locale: string, date: Date): SafeHtml =>
  html`<time datetime="${date.toISOString()}">${formatDate(locale, date)}</time>`;

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Español' };

export interface PageFrame {
  locale: string;
  title: string;
  /** The page's own path (no query): the language links point back to it. */
  path: string;
  /** The label of the language menu, in the page's locale. */
  languagesLabel: string;
  main: SafeHtml;
}

function languageLinks(frame: PageFrame): SafeHtml {
  const links = supportedLocales.map(
    (code) =>
      html`<a href="${frame.path}?lang=${code}" lang="${code}" hreflang="${code}"${code === frame.locale ? new SafeHtml(' aria-current="true"') : ''}>${LANGUAGE_NAMES[code] ?? code}</a>`,
  );
  return html`<nav class="languages" aria-label="${frame.languagesLabel}">${links}</nav>`;
}

export const PAGE_STYLESHEET_PATH = '/certificates/pages.css';

/** The whole document: language, viewport, stylesheet (no inline styles or scripts: CSP is 'self'). */
export function renderPage(frame: PageFrame): string {
  return html`<!doctype html>
<html lang="${frame.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${frame.title} · Tessera</title>
<link rel="stylesheet" href="${PAGE_STYLESHEET_PATH}">
</head>
<body>
<header class="site"><a class="brand" href="/">Tessera</a>${languageLinks(frame)}</header>
<main>
${frame.main}
</main>
</body>
</html>`.markup;
}

interface Preference {
  q: number;
  /** 2 for an exact type, 1 for `type/*`, 0 for `*\/*`. */
  specificity: number;
}

function preferenceFor(accept: string, type: string): Preference {
  const [major] = type.split('/');
  let best: Preference = { q: 0, specificity: -1 };
  for (const entry of accept.split(',')) {
    const [range = '', ...params] = entry.trim().toLowerCase().split(';');
    const specificity = range === type ? 2 : range === `${major}/*` ? 1 : range === '*/*' ? 0 : Number.NaN;
    if (Number.isNaN(specificity) || specificity < best.specificity) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number.parseFloat(qParam.slice(2)) : 1;
    best = { q: Number.isFinite(q) ? q : 0, specificity };
  }
  return best.specificity < 0 ? { q: 0, specificity: -1 } : best;
}

/**
 * HTML or JSON for a route that serves both. `?format=` decides when given; without an Accept header
 * the caller is a script (these routes answered JSON before they had pages), so `fallback` decides;
 * otherwise HTML unless the client ranks JSON higher (by q, then by how specifically it named it).
 */
export function prefersHtml(accept: string | undefined, format: unknown, fallback = false): boolean {
  if (format === 'json') return false;
  if (format === 'html') return true;
  if (!accept?.trim()) return fallback;
  const htmlPref = preferenceFor(accept, 'text/html');
  const jsonPref = preferenceFor(accept, 'application/json');
  if (htmlPref.q <= 0) return false;
  if (htmlPref.q !== jsonPref.q) return htmlPref.q > jsonPref.q;
  return htmlPref.specificity >= jsonPref.specificity;
}

export const LEARNING_PAGES_CSS = `*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1b1f24;background:#f6f7f9}
.site{display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:.5rem;padding:.75rem 1rem;background:#fff;border-bottom:1px solid #d0d7de}
.brand{font-weight:700;color:#1b1f24;text-decoration:none}
.languages a{margin-left:.75rem;color:#0550ae}
.languages a[aria-current]{font-weight:700;text-decoration:none;color:#1b1f24}
main{max-width:44rem;margin:0 auto;padding:1rem}
h1{font-size:1.75rem;margin:.5rem 0;overflow-wrap:anywhere}
h2{font-size:1.3rem;margin:0 0 .5rem}
.panel{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:1rem;margin:1rem 0}
.outcome-good{border-left:.5rem solid #1a7f37}
.outcome-bad{border-left:.5rem solid #cf222e}
.outcome-neutral{border-left:.5rem solid #0550ae}
.icon{display:inline-block;min-width:1.4rem;text-align:center;font-weight:700}
.outcome-good .icon{color:#1a7f37}
.outcome-bad .icon{color:#cf222e}
.outcome-neutral .icon{color:#0550ae}
.facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.4rem 1rem;margin:0}
.facts dt{font-weight:600}
.facts dd{margin:0;overflow-wrap:anywhere}
.code{font-family:ui-monospace,monospace;font-weight:600;letter-spacing:.03em}
.text{white-space:pre-line;overflow-wrap:anywhere}
blockquote{margin:.5rem 0;padding:.5rem 1rem;border-left:.25rem solid #8c959f;background:#f6f8fa}
.muted{color:#57606a}
label{display:block;font-weight:600}
.hint{margin:.1rem 0 .4rem;color:#57606a;font-size:.9rem}
textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #6e7781;border-radius:.375rem;background:#fff}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1rem}
button{font:inherit;font-weight:600;min-height:2.75rem;padding:.6rem 1.4rem;border-radius:.375rem;cursor:pointer}
.confirm{border:2px solid #1a7f37;background:#1a7f37;color:#fff}
.decline{border:2px solid #cf222e;background:#fff;color:#a40e26}
.alert{border:2px solid #cf222e;border-radius:.375rem;padding:.75rem;background:#fff5f5}
button:focus-visible,a:focus-visible,textarea:focus-visible{outline:3px solid #fb8f44;outline-offset:2px}
@media (max-width:30rem){.facts{grid-template-columns:1fr}.facts dd{margin-bottom:.5rem}.actions button{flex:1 1 100%}}
`;
