// The receipt of an order as a PDF (A4): an invoice while it is unpaid ("Amount due"), a receipt once it
// is paid ("Paid <date> by <provider>"); refunds are listed as credit lines. Standard fonts only, so the
// text stays extractable; they speak WinAnsi, so other characters are simplified or replaced.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { translate } from '../i18n/index.ts';
import { type Actor, requireActor } from '../identity/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { formatMoney } from './money.ts';
import { LEFT, RIGHT, Sheet } from './pdf-sheet.ts';
import { type ReceiptFacts, receiptFacts } from './receipt-store.ts';
import { SHOP_STAFF } from './settings.ts';

/** Right edges of the amount columns: price, discount, tax, total. */
const COLUMNS = [355, 420, 480, RIGHT] as const;
const DESCRIPTION_WIDTH = 240;

/** The buyer's own order only: anyone else's is "not found", as if it did not exist. */
export async function buyerReceipt(deps: Deps, actor: Actor | null, orderId: string): Promise<ReceiptFacts> {
  const me = requireActor(actor);
  const facts = await receiptFacts(deps.db, orderId);
  if (!facts || facts.order.userId !== me.user.id) throw new NotFoundError('order');
  return facts;
}

/** For the seller's owners, admins and staff; an order of another organization is "not found". */
export async function sellerReceipt(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  orderId: string,
): Promise<ReceiptFacts> {
  requireMembership(actor, orgId, SHOP_STAFF);
  const facts = await receiptFacts(deps.db, orderId);
  if (!facts || facts.order.orgId !== orgId) throw new NotFoundError('order');
  return facts;
}

/** 'invoice' until the order is paid (a cancelled unpaid order stays an invoice with nothing due). */
export function receiptVariant(facts: ReceiptFacts): 'receipt' | 'invoice' {
  return facts.order.paidAt ? 'receipt' : 'invoice';
}

export function receiptFileName(facts: ReceiptFacts): string {
  return `${receiptVariant(facts)}-${facts.order.number}.pdf`;
}

/** A tax rate in basis points as a percentage: 2000 → "20%", 750 → "7.5%", 1234 → "12.34%" (exactly). */
export function formatRate(rateBp: number, locale = 'en'): string {
  const whole = Math.trunc(rateBp / 10000);
  const fraction = String(rateBp % 10000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  const ratio = fraction ? `${whole}.${fraction}` : `${whole}`;
  // Intl lays out a decimal string exactly (like formatMoney): the sign, spacing and decimal mark.
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    ratio as Intl.StringNumericLiteral,
  );
}

/** The price of a receipt's refunds so far, tax included. */
export function refundedMinor(facts: ReceiptFacts): number {
  return facts.refunds.reduce((sum, refund) => sum + refund.amountMinor, 0);
}

export async function renderReceiptPdf(facts: ReceiptFacts, locale = 'en'): Promise<Uint8Array> {
  const { order } = facts;
  const t = (key: string, vars: Record<string, string | number> = {}) =>
    translate(locale, `receipt.${key}`, vars);
  const money = (minor: number) => formatMoney(minor, order.currency, locale);
  const date = (at: Date) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
  const variant = receiptVariant(facts);
  const title = t(variant);

  const pdf = await PDFDocument.create();
  pdf.setTitle(`${title} ${order.number} - ${order.sellerName}`);
  pdf.setAuthor(order.sellerName);
  pdf.setSubject(t('orderNumber', { number: order.number }));
  pdf.setCreator('Tessera');
  pdf.setProducer('Tessera');
  pdf.setLanguage(locale);
  pdf.setCreationDate(order.paidAt ?? order.placedAt);
  pdf.setModificationDate(facts.refunds.at(-1)?.createdAt ?? order.paidAt ?? order.placedAt);
  const sheet = new Sheet(
    pdf,
    await pdf.embedFont(StandardFonts.Helvetica),
    await pdf.embedFont(StandardFonts.HelveticaBold),
  );

  // Seller on the left, the document's title, number and dates on the right.
  const top = sheet.y;
  sheet.text(order.sellerName, LEFT, 16, { bold: true, width: 270 });
  const details = order.sellerDetails.trim();
  for (const line of details ? details.split(/\r?\n/) : []) {
    sheet.text(line, LEFT, 9.5, { width: 270, muted: true });
  }
  const leftBottom = sheet.y;
  sheet.y = top;
  sheet.right(title, RIGHT, 24, { bold: true });
  sheet.y -= 6;
  sheet.right(t('orderNumber', { number: order.number }), RIGHT, 11, { bold: true });
  sheet.right(t('placed', { date: date(order.placedAt) }), RIGHT, 10);
  if (order.paidAt) {
    const provider = facts.payment?.provider ?? order.provider;
    sheet.right(
      provider === 'free' || order.totalMinor === 0
        ? t('paidFree', { date: date(order.paidAt) })
        : t('paid', {
            date: date(order.paidAt),
            provider:
              provider === 'test-card' ? translate(locale, 'testCard.provider') : t(`provider.${provider}`),
          }),
      RIGHT,
      10,
    );
  } else if (order.cancelledAt) {
    sheet.right(t('cancelled', { date: date(order.cancelledAt) }), RIGHT, 10);
  }
  sheet.y = Math.min(sheet.y, leftBottom) - 18;

  // Test mode says so at the top: nobody may take it for proof that money was paid.
  if (order.provider === 'test-card') {
    sheet.text(translate(locale, 'testCard.receiptBanner'), LEFT, 11, { bold: true });
    sheet.y -= 8;
  }
  sheet.text(t('billedTo'), LEFT, 9.5, { bold: true, muted: true });
  if (order.buyerName) sheet.text(order.buyerName, LEFT, 11);
  sheet.text(order.buyerEmail, LEFT, 11);
  sheet.y -= 16;

  drawLines(sheet, facts, t, money);
  drawTotals(sheet, facts, t, money, locale);
  drawSettlement(sheet, facts, t, money);
  if (facts.refunds.length > 0) drawRefunds(sheet, facts, t, money, date);
  sheet.numberPages((page, pages) => t('page', { page, pages }));
  return pdf.save();
}

type T = (key: string, vars?: Record<string, string | number>) => string;
type Money = (minor: number) => string;

function drawLines(sheet: Sheet, facts: ReceiptFacts, t: T, money: Money): void {
  const header = () => {
    sheet.text(t('description'), LEFT, 9.5, { bold: true, advance: false });
    const labels = [t('listPrice'), t('discount'), facts.order.taxLabel || t('tax'), t('total')];
    labels.forEach((label, i) => {
      sheet.right(label, COLUMNS[i] ?? RIGHT, 9.5, { bold: true, advance: i === labels.length - 1 });
    });
    sheet.rule();
  };
  header();
  for (const line of facts.lines) {
    const wrapped = sheet.wrap(line.description, 10, DESCRIPTION_WIDTH).slice(0, 4);
    if (sheet.ensure(wrapped.length * 14 + 4)) header();
    const amounts = [
      money(line.listMinor),
      line.discountMinor > 0 ? money(-line.discountMinor) : '-',
      money(line.taxMinor),
      money(line.totalMinor),
    ];
    amounts.forEach((amount, i) => {
      sheet.right(amount, COLUMNS[i] ?? RIGHT, 10, { advance: false });
    });
    for (const part of wrapped) sheet.text(part, LEFT, 10);
    sheet.y -= 4;
  }
  sheet.rule();
}

function drawTotals(sheet: Sheet, facts: ReceiptFacts, t: T, money: Money, locale: string): void {
  const { order } = facts;
  const rows: Array<[string, string, boolean]> = [[t('subtotal'), money(order.subtotalMinor), false]];
  if (order.discountMinor > 0) {
    const label = order.couponCode
      ? `${t('discount')} (${t('coupon', { code: order.couponCode })})`
      : t('discount');
    rows.push([label, money(-order.discountMinor), false]);
  }
  rows.push([
    t('taxLine', { label: order.taxLabel || t('tax'), rate: formatRate(order.taxRateBp, locale) }),
    money(order.taxMinor),
    false,
  ]);
  rows.push([t('total'), money(order.totalMinor), true]);
  sheet.ensure(rows.length * 16 + 20);
  for (const [label, amount, bold] of rows) {
    const size = bold ? 12 : 10;
    sheet.text(label, 330, size, { bold, advance: false });
    sheet.right(amount, RIGHT, size, { bold });
    sheet.y -= 2;
  }
  sheet.right(t('currency', { currency: order.currency }), RIGHT, 8.5, { muted: true });
  sheet.y -= 12;
}

/** What is due and how to pay it (invoice), or the reference of the payment (receipt). */
function drawSettlement(sheet: Sheet, facts: ReceiptFacts, t: T, money: Money): void {
  const { order, payment } = facts;
  const reference = payment?.providerRef ?? (order.provider === 'manual' ? `INV-${order.number}` : null);
  if (!order.paidAt && !order.cancelledAt) {
    sheet.ensure(50);
    sheet.text(t('amountDue'), LEFT, 13, { bold: true, advance: false });
    sheet.right(money(order.totalMinor), RIGHT, 13, { bold: true });
    if (order.provider === 'manual' && reference) {
      sheet.y -= 2;
      sheet.paragraph(t('howToPay', { seller: order.sellerName, reference }), LEFT, 10, RIGHT - LEFT);
    }
    sheet.y -= 10;
  }
  if (reference && order.paidAt && order.totalMinor > 0) {
    sheet.ensure(20);
    sheet.text(t('reference', { reference }), LEFT, 9.5, { muted: true });
    sheet.y -= 10;
  }
}

function drawRefunds(
  sheet: Sheet,
  facts: ReceiptFacts,
  t: T,
  money: Money,
  date: (at: Date) => string,
): void {
  sheet.ensure(60);
  sheet.text(t('refunds'), LEFT, 12, { bold: true });
  sheet.rule();
  for (const refund of facts.refunds) {
    const items = refund.lines.length > 0 ? refund.lines.join(', ') : '-';
    const wrapped = sheet.wrap(t('refundLine', { date: date(refund.createdAt), items }), 10, 400).slice(0, 6);
    sheet.ensure(wrapped.length * 14 + 4);
    sheet.right(money(-refund.amountMinor), RIGHT, 10, { advance: false });
    for (const part of wrapped) sheet.text(part, LEFT, 10);
    sheet.y -= 4;
  }
  sheet.rule();
  const refunded = refundedMinor(facts);
  sheet.ensure(40);
  sheet.text(t('totalRefunded'), 330, 10, { advance: false });
  sheet.right(money(-refunded), RIGHT, 10);
  sheet.text(t('netPaid'), 330, 12, { bold: true, advance: false });
  sheet.right(money(facts.order.totalMinor - refunded), RIGHT, 12, { bold: true });
}
