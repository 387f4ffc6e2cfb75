// The mails of buying: receipt, invoice, refund and the issuance fee due.
import { actionMail, type Translate } from './action-mail.ts';
import type { MailTemplate, RenderedMail } from './templates.ts';

type CommerceTemplate = Extract<
  MailTemplate,
  { kind: 'order-receipt' | 'invoice-issued' | 'refund-issued' | 'badge-fee-due' }
>;

export function renderCommerceMail(t: Translate, template: CommerceTemplate): RenderedMail {
  switch (template.kind) {
    case 'order-receipt': {
      const vars = { issuer: template.issuerName, number: template.orderNumber, total: template.total };
      return actionMail(t, template.name, {
        subject: t('mail.orderReceipt.subject', vars),
        body: t(template.issuanceFee ? 'earner.receiptFeeBody' : 'mail.orderReceipt.body', vars),
        action: t('mail.orderReceipt.action'),
        link: template.link,
        footer: t('mail.orderReceipt.footer', vars),
      });
    }
    case 'invoice-issued': {
      const vars = {
        issuer: template.issuerName,
        number: template.orderNumber,
        amount: template.amountDue,
        reference: template.reference,
      };
      return actionMail(t, template.name, {
        subject: t('mail.invoiceIssued.subject', vars),
        body: t(template.issuanceFee ? 'earner.invoiceFeeBody' : 'mail.invoiceIssued.body', vars),
        action: t('mail.invoiceIssued.action'),
        link: template.link,
        footer: t('mail.invoiceIssued.footer', vars),
      });
    }
    case 'refund-issued': {
      const vars = { issuer: template.issuerName, number: template.orderNumber, amount: template.amount };
      const ended = template.courses.length > 0;
      return actionMail(t, template.name, {
        subject: t('mail.refundIssued.subject', vars),
        body: t('mail.refundIssued.body', vars),
        ...(ended ? { listTitle: t('mail.refundIssued.coursesEnded'), list: template.courses } : {}),
        action: t('mail.refundIssued.action'),
        link: template.link,
        footer: t('mail.refundIssued.footer', vars),
      });
    }
    case 'badge-fee-due': {
      const vars = { badge: template.badgeName, issuer: template.issuerName, amount: template.amount };
      return actionMail(t, template.name, {
        subject: t('mail.badgeFeeDue.subject', vars),
        body: t('mail.badgeFeeDue.body', vars),
        action: t('mail.badgeFeeDue.action'),
        link: template.payUrl,
        footer: t('mail.badgeFeeDue.footer', vars),
      });
    }
  }
}
