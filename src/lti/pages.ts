// The few pages a browser sees during an LTI exchange: a refusal (never a 5xx, never JSON), the instructor's
// deep-linking choice, and the auto-submitting form that returns the choice to the platform. Server-rendered,
// escaped by `html`, translated from the server catalogs (`lti.*`).
import { html, SafeHtml } from '../html/index.ts';
import { translate } from '../i18n/index.ts';
import type { PickerView } from './deep-linking.ts';

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;padding:1rem;color:#1f2328;line-height:1.5}
main{max-width:40rem;margin:0 auto}h1{font-size:1.4rem}fieldset{border:1px solid #d0d7de;border-radius:6px;margin:0 0 1rem;padding:.5rem 1rem}
label{display:flex;gap:.5rem;align-items:flex-start;padding:.4rem 0;min-height:44px;overflow-wrap:anywhere}
button{font:inherit;padding:.6rem 1.2rem;min-height:44px;border-radius:6px;border:1px solid #0550ae;background:#0969da;color:#fff}
.code{color:#57606a;font-size:.9rem}`;

function page(locale: string, title: string, body: SafeHtml, script = false): string {
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>${new SafeHtml(STYLE)}</style>${script ? html`<script src="/lti/autosubmit.js" defer></script>` : ''}</head>
<body><main>${body}</main></body></html>`.markup;
}

export function refusalPage(locale: string, code: string): string {
  const t = (key: string) => translate(locale, `lti.${key}`);
  return page(
    locale,
    t('refusedTitle'),
    html`<h1>${t('refusedTitle')}</h1><p>${t(`refusal.${code}`)}</p><p class="code">${t('refusedCode')}: ${code}</p>
<p>${t('refusedHelp')}</p>`,
  );
}

export function pickerPage(locale: string, id: string, view: PickerView): string {
  const t = (key: string) => translate(locale, `lti.${key}`);
  const option = (kind: string, item: { id: string; title: string }) =>
    html`<label><input type="radio" name="choice" value="${kind}:${item.id}" required> <span>${item.title}</span></label>`;
  const group = (legend: string, kind: string, items: { id: string; title: string }[]) =>
    items.length > 0
      ? html`<fieldset><legend>${legend}</legend>${items.map((item) => option(kind, item))}</fieldset>`
      : html``;
  const empty = view.courses.length === 0 && view.badges.length === 0;
  return page(
    locale,
    t('pickTitle'),
    html`<h1>${t('pickTitle')}</h1><p>${t('pickIntro')}</p>
${
  empty
    ? html`<p>${t('pickNothing')}</p>`
    : html`<form method="post" action="/lti/deep-link/${encodeURIComponent(id)}">
${group(t('pickCourses'), 'course', view.courses)}${group(t('pickBadges'), 'badge', view.badges)}
<button type="submit">${t('pickSubmit')}</button></form>`
}`,
  );
}

/**
 * The owner of an existing account agrees to sign in through a platform: signed in as that account, a button
 * (a form with the session's CSRF token); otherwise a way to sign in as it.
 */
export function linkPage(
  locale: string,
  id: string,
  platformName: string,
  state: { kind: 'confirm'; csrf: string } | { kind: 'sign-in' } | { kind: 'other-account' },
): string {
  const t = (key: string) => translate(locale, `lti.link.${key}`, { platform: platformName });
  const login = `/login?next=${encodeURIComponent(`/lti/link/${id}`)}`;
  const body =
    state.kind === 'confirm'
      ? html`<p>${t('confirmIntro')}</p><form method="post" action="/lti/link/${encodeURIComponent(id)}">
<input type="hidden" name="csrf" value="${state.csrf}"><button type="submit">${t('confirm')}</button></form>`
      : html`<p>${t(state.kind === 'sign-in' ? 'signInIntro' : 'otherAccountIntro')}</p><p><a href="${login}">${t('signIn')}</a></p>`;
  return page(locale, t('title'), html`<h1>${t('title')}</h1>${body}`);
}

/** Posts the signed answer to the platform; without script, the button does it. */
export function returnPage(locale: string, returnUrl: string, jwt: string): string {
  const t = (key: string) => translate(locale, `lti.${key}`);
  return page(
    locale,
    t('returnTitle'),
    html`<form method="post" action="${returnUrl}" data-autosubmit>
<input type="hidden" name="JWT" value="${jwt}"><p>${t('returnIntro')}</p><button type="submit">${t('returnSubmit')}</button></form>`,
    true,
  );
}

/** Served as /lti/autosubmit.js: scripts come from Tessera itself (the CSP forbids inline ones). */
export const AUTOSUBMIT_JS = `document.querySelectorAll('form[data-autosubmit]').forEach(function (f) { f.submit(); });\n`;
