// The public page of an imported badge (/imported/{id}), server-rendered: what it claims, who holds it,
// and Tessera's last check of it. Every text comes from the badge or the learner, so all is escaped;
// no remote image is loaded (the page's CSP would refuse it anyway).
import { escapeHtml } from '../html/index.ts';
import { translate } from '../i18n/index.ts';
import { renderVerificationPanel, type VerificationReport } from '../verification/index.ts';

export interface ImportedPageView {
  pageUrl: string;
  badgeName: string;
  issuerName: string | null;
  issuerId: string | null;
  holderName: string;
  validFrom: string | null;
  validUntil: string | null;
  report: VerificationReport;
  checkedAt: Date;
}

function date(locale: string, value: string): string {
  const parsed = new Date(value);
  const shown = Number.isNaN(parsed.getTime())
    ? value
    : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(parsed);
  return `<time datetime="${escapeHtml(value)}">${escapeHtml(shown)}</time>`;
}

export function renderImportedPage(view: ImportedPageView, locale: string): string {
  const t = (key: string, vars?: Record<string, string>) =>
    escapeHtml(translate(locale, `importedPage.${key}`, vars));
  const issuer = view.issuerName ?? view.issuerId ?? translate(locale, 'importedPage.unknownIssuer');
  const facts: [string, string][] = [
    ['issuedBy', escapeHtml(issuer)],
    ['heldBy', escapeHtml(view.holderName)],
  ];
  if (view.issuerId && view.issuerId !== issuer)
    facts.push(['issuerId', `<code>${escapeHtml(view.issuerId)}</code>`]);
  if (view.validFrom) facts.push(['issuedOn', date(locale, view.validFrom)]);
  if (view.validUntil) facts.push(['validUntil', date(locale, view.validUntil)]);
  const rows = facts.map(([key, value]) => `<dt>${t(key)}</dt><dd>${value}</dd>`).join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title', { badge: view.badgeName })}</title>
<meta name="robots" content="noindex">
<meta property="og:title" content="${escapeHtml(view.badgeName)}">
<meta property="og:url" content="${escapeHtml(view.pageUrl)}">
<link rel="stylesheet" href="/verify/verify.css">
</head>
<body>
<header class="site"><a class="brand" href="/">Tessera</a></header>
<main>
<h1>${escapeHtml(view.badgeName)}</h1>
<p class="intro">${t('intro')}</p>
<dl class="claims">
${rows}
</dl>
${renderVerificationPanel(locale, view.report, view.checkedAt)}
<p><a href="/verify">${t('verifyAnother')}</a></p>
</main>
</body>
</html>`;
}
