// The page behind a digest mail's "turn off these mails" link: a button to confirm (a link alone must not
// change anything, since mail scanners open links), then the result. Server-rendered, no JavaScript.
import { escapeHtml } from '../html/index.ts';
import { translate } from '../i18n/index.ts';

export type UnsubscribePage =
  | { kind: 'confirm'; orgName: string; action: string }
  | { kind: 'done'; orgName: string; settingsUrl: string };

export function renderUnsubscribePage(locale: string, page: UnsubscribePage): string {
  const t = (key: string) =>
    escapeHtml(translate(locale, `recognition.unsubscribePage.${key}`, { org: page.orgName }));
  const main =
    page.kind === 'confirm'
      ? `<p>${t('question')}</p><form method="post" action="${escapeHtml(page.action)}"><button type="submit">${t('button')}</button></form>`
      : `<p role="status">${t('done')}</p><p><a href="${escapeHtml(page.settingsUrl)}">${t('settingsLink')}</a></p>`;
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${t('title')}</title>
<link rel="stylesheet" href="/verify/verify.css">
</head>
<body>
<header class="site"><a class="brand" href="/">Tessera</a></header>
<main>
<h1>${t('title')}</h1>
${main}
</main>
</body>
</html>`;
}
