// The page a browser gets for a badge URL that shows nothing: unknown, malformed, or kept private by its
// learner (the same words for all three, so a private badge's existence is not given away). API clients
// asking for the credential still get problem+json.
import { escapeHtml } from '../html/index.ts';
import { wayBackNav } from '../html/way-back.ts';
import { translate } from '../i18n/index.ts';

export function renderBadgeNotFoundPage(locale: string): string {
  const t = (key: string) => escapeHtml(translate(locale, key));
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${t('earner.badgeNotFound.title')}</title>
<link rel="stylesheet" href="/verify/verify.css">
<link rel="stylesheet" href="/badges/badge.css">
</head>
<body>
<header class="site"><a class="brand" href="/">Tessera</a><a href="/verify">${t('badgePage.verifyAnother')}</a></header>
<main>
<h1>${t('earner.badgeNotFound.title')}</h1>
<p>${t('earner.badgeNotFound.text')}</p>
<p><a href="/verify">${t('earner.badgeNotFound.verify')}</a></p>
</main>
${wayBackNav((key) => translate(locale, key), ['home', 'catalog', 'verify'])}
</body>
</html>`;
}
