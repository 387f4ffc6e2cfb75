// Mail templates: every string from the i18n catalogs; HTML escaped; a plain-text part always.
import { escapeHtml } from '../html/index.ts';
import { translate } from '../i18n/index.ts';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export type MailTemplate =
  | { kind: 'verify-email'; name: string; email: string; link: string; hours: number }
  | { kind: 'reset-password'; name: string; email: string; link: string; minutes: number }
  | {
      kind: 'attestation-request';
      name: string;
      learnerName: string;
      courseTitle: string;
      taskTitle: string;
      statement: string;
      link: string;
      days: number;
    }
  | { kind: 'badge-awarded'; name: string; issuerName: string; badgeName: string; link: string; days: number }
  | {
      kind: 'badge-renewed';
      name: string;
      badgeName: string;
      issuerName: string;
      /** ISO 8601, or null for a badge that does not expire. */
      expiresAt: string | null;
      link: string;
    }
  | {
      kind: 'badge-expiring';
      name: string;
      badgeName: string;
      issuerName: string;
      /** ISO 8601; shown as a date in the reader's language. */
      expiresAt: string;
      link: string;
    };

export function renderMail(locale: string, template: MailTemplate): RenderedMail {
  const t = (key: string, vars: Record<string, string | number> = {}) => translate(locale, key, vars);
  switch (template.kind) {
    case 'verify-email':
      return actionMail(t, template.name, {
        subject: t('mail.verifyEmail.subject'),
        body: t('mail.verifyEmail.body', { email: template.email }),
        action: t('mail.verifyEmail.action'),
        link: template.link,
        footer: t('mail.verifyEmail.expires', { hours: template.hours }),
      });
    case 'reset-password':
      return actionMail(t, template.name, {
        subject: t('mail.resetPassword.subject'),
        body: t('mail.resetPassword.body', { email: template.email }),
        action: t('mail.resetPassword.action'),
        link: template.link,
        footer: t('mail.resetPassword.expires', { minutes: template.minutes }),
      });
    case 'attestation-request':
      return actionMail(t, template.name, {
        subject: t('mail.attestationRequest.subject', { learner: template.learnerName }),
        body: t('mail.attestationRequest.body', {
          learner: template.learnerName,
          course: template.courseTitle,
          task: template.taskTitle,
          statement: template.statement,
        }),
        action: t('mail.attestationRequest.action'),
        link: template.link,
        footer: t('mail.attestationRequest.expires', { days: template.days }),
      });
    case 'badge-awarded':
      return actionMail(t, template.name, {
        subject: t('mail.badgeAwarded.subject', { badge: template.badgeName }),
        body: t('mail.badgeAwarded.body', { issuer: template.issuerName, badge: template.badgeName }),
        action: t('mail.badgeAwarded.action'),
        link: template.link,
        footer: t('mail.badgeAwarded.expires', { days: template.days, issuer: template.issuerName }),
      });
    case 'badge-renewed': {
      const date = template.expiresAt
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
            new Date(template.expiresAt),
          )
        : null;
      const vars = { badge: template.badgeName, issuer: template.issuerName, date: date ?? '' };
      return actionMail(t, template.name, {
        subject: t('mail.badgeRenewed.subject', vars),
        body: t('mail.badgeRenewed.body', vars),
        action: t('mail.badgeRenewed.action'),
        link: template.link,
        footer: t(date ? 'mail.badgeRenewed.until' : 'mail.badgeRenewed.noExpiry', vars),
      });
    }
    case 'badge-expiring': {
      const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(template.expiresAt),
      );
      const vars = { badge: template.badgeName, issuer: template.issuerName, date };
      return actionMail(t, template.name, {
        subject: t('mail.badgeExpiring.subject', vars),
        body: t('mail.badgeExpiring.body', vars),
        action: t('mail.badgeExpiring.action'),
        link: template.link,
        footer: t('mail.badgeExpiring.footer', vars),
      });
    }
  }
}

function actionMail(
  t: (key: string, vars?: Record<string, string | number>) => string,
  name: string,
  parts: { subject: string; body: string; action: string; link: string; footer: string },
): RenderedMail {
  const greeting = t('mail.greeting', { name });
  const signature = t('mail.signature');
  const text = [greeting, '', parts.body, parts.link, '', parts.footer, '', signature].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">
<p>${escapeHtml(greeting)}</p><p>${escapeHtml(parts.body)}</p>
<p><a href="${escapeHtml(parts.link)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(parts.action)}</a></p>
<p style="color:#555">${escapeHtml(parts.footer)}</p><p>${escapeHtml(signature)}</p></body></html>`;
  return { subject: parts.subject, text, html };
}
