import { translate } from '../i18n/index.ts';
import { actionMail } from './action-mail.ts';
import { badgeHeroHtml } from './badge-hero.ts';
import { renderCommerceMail } from './commerce-templates.ts';
import { type RecognitionTemplate, renderRecognitionMail } from './recognition-templates.ts';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export type MailTemplate =
  | { kind: 'verify-email'; name: string; email: string; link: string; hours: number }
  | { kind: 'reset-password'; name: string; email: string; link: string; minutes: number }
  | {
      /** Sign-up with an address that has an account: the owner hears of it (the sign-up answer does not say). */
      kind: 'account-exists';
      name: string;
      email: string;
      loginLink: string;
      resetLink: string;
    }
  | {
      /** Someone tried to add an address of this account to theirs: its owner hears of it (the answer does not say). */
      kind: 'email-add-attempt';
      name: string;
      email: string;
      loginLink: string;
    }
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
  | {
      kind: 'badge-awarded';
      name: string;
      issuerName: string;
      badgeName: string;
      link: string;
      days: number;
      /** Absolute URL of the achievement image, shown in the HTML part (with the issuer's logo, if any). */
      badgeImageUrl?: string;
      issuerLogoUrl?: string | null;
      /** The badge's page at its "Add to wallet" section, where a wallet link is made once accepted. */
      walletLink?: string;
    }
  | {
      /** An assessor accepted or returned the learner's evidence; the link opens the task in the player. */
      kind: 'evidence-reviewed';
      name: string;
      courseTitle: string;
      taskTitle: string;
      decision: 'accepted' | 'returned';
      /** The assessor's feedback, possibly empty. */
      feedback: string;
      link: string;
    }
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
    }
  | {
      kind: 'order-receipt';
      name: string;
      issuerName: string;
      orderNumber: number;
      /** Formatted in the reader's language, e.g. "€118.80". */
      total: string;
      /** An issuance-fee order: what was bought is the badge's issuance, not course access. */
      issuanceFee?: boolean;
      link: string;
    }
  | {
      kind: 'invoice-issued';
      name: string;
      issuerName: string;
      orderNumber: number;
      amountDue: string;
      /** An issuance-fee order: paying issues the badge (there is no course access to start). */
      issuanceFee?: boolean;
      /** What the buyer quotes when paying, e.g. "INV-1042". */
      reference: string;
      link: string;
    }
  | {
      kind: 'refund-issued';
      name: string;
      issuerName: string;
      orderNumber: number;
      amount: string;
      /** The courses whose access the refund ended (empty for a fee). */
      courses: string[];
      link: string;
    }
  | {
      /** An employer invites a person to share badges; the link is accepted by a verified address only. */
      kind: 'employer-invitation';
      name?: string;
      orgName: string;
      link: string;
    }
  | {
      /** An owner or admin invites someone to an organization with a role; accepted by a verified address. */
      kind: 'org-invitation';
      name?: string;
      orgName: string;
      /** A membership role: owner, admin, staff, assessor or manager. */
      role: string;
      link: string;
      days: number;
    }
  | {
      /** An employer paid a seat (a course or a bundle) for a person, who claims it at /learn/seats. */
      kind: 'seat-offered';
      name?: string;
      orgName: string;
      itemTitle: string;
      link: string;
    }
  /** Recognition and the employer's weekly digest (recognition-templates.ts). */
  | RecognitionTemplate
  | {
      kind: 'badge-fee-due';
      /** Greets by name when known. */
      name?: string;
      badgeName: string;
      issuerName: string;
      amount: string;
      payUrl: string;
    };

/**
 * Whether each kind of mail carries a secret link — one that confirms an address, sets a password, claims a
 * badge or attests for a learner: whoever reads it can act as its recipient. Such mail is shown to platform
 * operators only, whatever OUTBOX_PUBLIC says. A new kind does not compile until it is listed here.
 */
export const CARRIES_SECRET_LINK = {
  'verify-email': true,
  'reset-password': true,
  'account-exists': false,
  'email-add-attempt': false,
  'attestation-request': true,
  'badge-awarded': true,
  'evidence-reviewed': false,
  'badge-renewed': false,
  'badge-expiring': false,
  'order-receipt': false,
  'invoice-issued': false,
  'refund-issued': false,
  'badge-fee-due': false,
  'employer-invitation': true,
  'org-invitation': true,
  'badge-recognised': false,
  /** Its one-click link turns the reader's digest off. */
  'employer-digest': true,
  'seat-offered': false,
} as const satisfies Record<MailTemplate['kind'], boolean>;

export function carriesSecretLink(template: MailTemplate): boolean {
  return CARRIES_SECRET_LINK[template.kind];
}

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
    case 'account-exists':
      return actionMail(t, template.name, {
        subject: t('mail.accountExists.subject'),
        body: t('mail.accountExists.body', { email: template.email }),
        action: t('mail.accountExists.action'),
        link: template.loginLink,
        footer: t('mail.accountExists.footer', { resetUrl: template.resetLink }),
      });
    case 'email-add-attempt':
      return actionMail(t, template.name, {
        subject: t('mail.emailAddAttempt.subject'),
        body: t('mail.emailAddAttempt.body', { email: template.email }),
        action: t('mail.emailAddAttempt.action'),
        link: template.loginLink,
        footer: t('mail.emailAddAttempt.footer'),
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
        ...(template.walletLink
          ? {
              also: {
                text: t('mail.badgeAwarded.wallet'),
                label: t('mail.badgeAwarded.walletAction'),
                link: template.walletLink,
              },
            }
          : {}),
        ...(template.badgeImageUrl
          ? {
              heroHtml: badgeHeroHtml({
                badgeName: template.badgeName,
                imageUrl: template.badgeImageUrl,
                issuerLogoUrl: template.issuerLogoUrl ?? null,
                issuedBy: t('mail.badgeAwarded.issuedBy', { issuer: template.issuerName }),
              }),
            }
          : {}),
      });
    case 'evidence-reviewed': {
      const vars = { course: template.courseTitle, task: template.taskTitle, feedback: template.feedback };
      const key = template.decision === 'accepted' ? 'earner.evidenceAccepted' : 'earner.evidenceReturned';
      return actionMail(t, template.name, {
        subject: t(`${key}.subject`, vars),
        body: t(`${key}.body`, vars),
        action: t(`${key}.action`),
        link: template.link,
        footer: template.feedback.trim() ? t('earner.evidenceFeedback', vars) : t(`${key}.footer`),
      });
    }
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
    case 'employer-invitation':
      return actionMail(t, template.name, {
        subject: t('mail.employerInvitation.subject', { org: template.orgName }),
        body: t('mail.employerInvitation.body', { org: template.orgName }),
        action: t('mail.employerInvitation.action'),
        link: template.link,
        footer: t('mail.employerInvitation.footer', { org: template.orgName }),
      });
    case 'org-invitation': {
      const vars = { org: template.orgName, role: t(`orgInvitation.roles.${template.role}`) };
      return actionMail(t, template.name, {
        subject: t('orgInvitation.subject', vars),
        body: t('orgInvitation.body', vars),
        action: t('orgInvitation.action'),
        link: template.link,
        footer: t('orgInvitation.footer', { ...vars, days: template.days }),
      });
    }
    case 'seat-offered': {
      const vars = { org: template.orgName, item: template.itemTitle };
      return actionMail(t, template.name, {
        subject: t('sponsoredSeat.subject', vars),
        body: t('sponsoredSeat.body', vars),
        action: t('sponsoredSeat.action'),
        link: template.link,
        footer: t('sponsoredSeat.footer', vars),
      });
    }
    case 'badge-recognised':
    case 'employer-digest':
      return renderRecognitionMail(locale, template);
    default:
      return renderCommerceMail(t, template);
  }
}
