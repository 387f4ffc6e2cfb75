// The small live badge card other websites embed (iframe, or through oEmbed): picture, name, issuer and
// the current verification verdict, linking to the full page.
import { escapeHtml } from '../html/index.ts';
import { translate } from '../i18n/index.ts';
import { standingIcon, standingOf, TONE } from '../verification/index.ts';
import type { BadgePageView } from './page.ts';

const TONE_VERDICT = { good: 'verified', caution: 'could-not-check', bad: 'not-verified' } as const;
const camel = (code: string) => code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function renderEmbedCard(view: BadgePageView, locale: string): string {
  const t = (key: string) => escapeHtml(translate(locale, key));
  // Which verdict in plain words (an expired badge is not a forged one), coloured by how much to rely on it.
  const standing = standingOf(view.report);
  const tone = TONE[standing];
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(view.name)}</title>
<link rel="stylesheet" href="/badges/embed.css">
</head>
<body>
<a class="card" href="${escapeHtml(view.pageUrl)}" target="_blank" rel="noopener">
<img src="${escapeHtml(view.imageUrl)}" alt="" width="96" height="96">
<span class="text"><strong>${escapeHtml(view.name)}</strong>
<span>${t('badgePage.issuedBy')} ${escapeHtml(view.issuer.name)}</span>
${view.recipientName ? `<span>${t('badgePage.earnedBy')} ${escapeHtml(view.recipientName)}</span>` : ''}
<span class="verdict verdict-${TONE_VERDICT[tone]}"><span aria-hidden="true">${standingIcon(standing)}</span> ${t(`verify.standing.${camel(standing)}`)}</span></span>
</a>
</body>
</html>`;
}

export const EMBED_CSS = `body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fff}
.card{display:flex;gap:.75rem;align-items:center;padding:.75rem;border:1px solid #d0d7de;border-radius:.5rem;color:#1b1f24;text-decoration:none;height:calc(100vh - 1.6rem);box-sizing:border-box}
.card img{width:96px;height:96px;object-fit:contain;flex:none}
.text{display:flex;flex-direction:column;gap:.15rem;font-size:.9rem;overflow:hidden}
.text strong{font-size:1rem}
.verdict-verified{color:#116329}.verdict-not-verified{color:#82071e}.verdict-could-not-check{color:#7d4e00}
`;
