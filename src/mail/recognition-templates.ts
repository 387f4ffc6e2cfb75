// Mails of recognition and digests (docs/endorsements.md): the employee hears of a congratulation or an
// endorsement; managers get the weekly digest of their employer. Every string from the i18n catalogs
// (`recognition.*`), every value escaped in HTML, a plain-text part always.
import { escapeHtml } from '../html/index.ts';
import { translate } from '../i18n/index.ts';
import type { RenderedMail } from './templates.ts';

export type RecognitionTemplate =
  | {
      /** A manager congratulated the employee on a badge, or the employer endorsed it. */
      kind: 'badge-recognised';
      name: string;
      recognition: 'congratulation' | 'endorsement';
      authorName: string;
      orgName: string;
      badgeName: string;
      /** The manager's words, plain text. */
      comment: string;
      link: string;
    }
  | {
      /** The weekly digest of an employer to one of its managers; only sections with entries are shown. */
      kind: 'employer-digest';
      name: string;
      orgName: string;
      /** ISO 8601: the end of the week covered. */
      weekEnd: string;
      newBadges: Array<{ person: string; badge: string }>;
      gapsClosed: Array<{ person: string; skill: string; level: number; role: string; badge: string }>;
      renewals: Array<{ person: string; badge: string; validUntil: string }>;
      peopleLink: string;
      settingsLink: string;
      /** One click (and a confirmation) turns this manager's digest off. */
      unsubscribeLink: string;
    };

type Vars = Record<string, string | number>;

const shell = (body: string) =>
  `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">${body}</body></html>`;
const button = (link: string, label: string) =>
  `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(label)}</a></p>`;

export function renderRecognitionMail(locale: string, template: RecognitionTemplate): RenderedMail {
  const t = (key: string, vars: Vars = {}) => translate(locale, `recognition.${key}`, vars);
  const greeting = template.name
    ? translate(locale, 'mail.greeting', { name: template.name })
    : translate(locale, 'mail.greetingAnyone');
  const signature = translate(locale, 'mail.signature');
  if (template.kind === 'badge-recognised') {
    const key = template.recognition === 'endorsement' ? 'endorsed' : 'congratulated';
    const vars = { author: template.authorName, org: template.orgName, badge: template.badgeName };
    const subject = t(`${key}.subject`, vars);
    const body = t(`${key}.body`, vars);
    const footer = t(`${key}.footer`, vars);
    const action = t('action');
    const text = [greeting, '', body, '', template.comment, '', template.link, '', footer, '', signature];
    const html = shell(
      `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(body)}</p><blockquote style="white-space:pre-wrap;border-left:3px solid #d0d7de;margin:0;padding-left:1rem">${escapeHtml(template.comment)}</blockquote>${button(template.link, action)}<p style="color:#555">${escapeHtml(footer)}</p><p>${escapeHtml(signature)}</p>`,
    );
    return { subject, text: text.join('\n'), html };
  }
  const date = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
  const org = template.orgName;
  const sections: Array<{ title: string; items: string[] }> = [
    {
      title: t('digest.newBadges'),
      items: template.newBadges.map((item) => t('digest.newBadge', item)),
    },
    {
      title: t('digest.gapsClosed'),
      items: template.gapsClosed.map((item) => t('digest.gapClosed', item)),
    },
    {
      title: t('digest.renewals'),
      items: template.renewals.map((item) =>
        t('digest.renewal', { person: item.person, badge: item.badge, date: date(item.validUntil) }),
      ),
    },
  ].filter((section) => section.items.length > 0);
  const subject = t('digest.subject', { org });
  const intro = t('digest.intro', { org, date: date(template.weekEnd) });
  const why = t('digest.why', { org });
  const settings = t('digest.settings', { url: template.settingsLink });
  const off = t('digest.unsubscribe');
  const text = [
    greeting,
    '',
    intro,
    ...sections.flatMap((section) => ['', section.title, ...section.items.map((item) => `- ${item}`)]),
    '',
    `${t('digest.action')}: ${template.peopleLink}`,
    '',
    why,
    settings,
    `${off}: ${template.unsubscribeLink}`,
    '',
    signature,
  ].join('\n');
  const html = shell(
    `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(intro)}</p>${sections
      .map(
        (section) =>
          `<h2 style="font-size:1.05rem">${escapeHtml(section.title)}</h2><ul>${section.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`,
      )
      .join(
        '',
      )}${button(template.peopleLink, t('digest.action'))}<p style="color:#555">${escapeHtml(why)} ${escapeHtml(settings)} <a href="${escapeHtml(template.unsubscribeLink)}">${escapeHtml(off)}</a></p><p>${escapeHtml(signature)}</p>`,
  );
  return { subject, text, html };
}
