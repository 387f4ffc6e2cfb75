// The one layout of Tessera's mails: greeting, optional hero, body, optional list, one action button, footer,
// signature; HTML escaped, a plain-text part always.
import { escapeHtml } from '../html/index.ts';
import type { RenderedMail } from './templates.ts';

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function actionMail(
  t: Translate,
  name: string | undefined,
  parts: {
    subject: string;
    body: string;
    /** A titled list under the body (e.g. the courses a refund ended). */
    listTitle?: string;
    list?: string[];
    action: string;
    link: string;
    footer: string;
    /** Trusted HTML (built with escaped values) between the greeting and the body, e.g. the badge's picture. */
    heroHtml?: string;
    /** A second, quieter link under the action (e.g. adding the badge to a wallet app). */
    also?: { text: string; label: string; link: string };
  },
): RenderedMail {
  const greeting = name ? t('mail.greeting', { name }) : t('mail.greetingAnyone');
  const signature = t('mail.signature');
  const list = parts.list ?? [];
  const listText = list.length > 0 ? ['', parts.listTitle ?? '', ...list.map((item) => `- ${item}`), ''] : [];
  const listHtml =
    list.length > 0
      ? `<p>${escapeHtml(parts.listTitle ?? '')}</p><ul>${list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
      : '';
  const also = parts.also;
  const alsoText = also ? ['', also.text, also.link] : [];
  const alsoHtml = also
    ? `<p>${escapeHtml(also.text)} <a href="${escapeHtml(also.link)}">${escapeHtml(also.label)}</a></p>`
    : '';
  const text = [
    greeting,
    '',
    parts.body,
    ...listText,
    parts.link,
    ...alsoText,
    '',
    parts.footer,
    '',
    signature,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">
<p>${escapeHtml(greeting)}</p>${parts.heroHtml ?? ''}<p>${escapeHtml(parts.body)}</p>${listHtml}
<p><a href="${escapeHtml(parts.link)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(parts.action)}</a></p>${alsoHtml}
<p style="color:#555">${escapeHtml(parts.footer)}</p><p>${escapeHtml(signature)}</p></body></html>`;
  return { subject: parts.subject, text, html };
}
