import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../test/support/pdf.ts';
import { formatRate, receiptFileName, renderReceiptPdf } from './receipt.ts';
import { sampleReceiptFacts } from './receipt-testing.ts';

describe('receipt PDF', () => {
  it('shows a paid order as a receipt: seller, number, dates, buyer, lines, tax with its rate and the total', async () => {
    const facts = sampleReceiptFacts();
    const pdf = await renderReceiptPdf(facts);
    const document = await PDFDocument.load(pdf);
    expect(document.getPageCount()).toBe(1);
    expect(document.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(document.getTitle()).toBe('Receipt 1042 - Gestión Academy');
    const text = pdfText(pdf);
    for (const fact of [
      'Gestión Academy',
      'Calle Mayor 1, 28001 Madrid',
      'VAT ES-B12345678',
      'Receipt',
      'Order no. 1042',
      'Order date: March 1, 2026',
      'Paid March 2, 2026 by card (Stripe)',
      'Ana Núñez',
      'ana.nunez@example.org',
      'Payroll basics (bundle: Payroll Clerk)',
      '€60.00',
      '-€6.00',
      '€10.80',
      '€64.80',
      'Subtotal',
      '€110.00',
      '-€11.00',
      'VAT 20%',
      '€19.80',
      '€118.80',
      'Amounts in EUR.',
      'Payment reference: cs_test_a1b2c3',
    ]) {
      expect(text).toContain(fact);
    }
    expect(text).not.toContain('Amount due');
    expect(receiptFileName(facts)).toBe('receipt-1042.pdf');
  });

  it('shows an unpaid manual order as an invoice with the amount due and the reference to quote', async () => {
    const facts = sampleReceiptFacts({ state: 'awaiting-payment', paidAt: null, provider: 'manual' });
    facts.payment = {
      provider: 'manual',
      providerRef: 'INV-1042',
      state: 'pending',
      amountMinor: 11880,
      settledAt: null,
    };
    const pdf = await renderReceiptPdf(facts);
    const text = pdfText(pdf);
    expect(text).toContain('Invoice');
    expect(text).toContain('Amount due');
    expect(text).toContain('€118.80');
    expect(text).toContain('INV-1042');
    expect(text).toContain('the issuer will confirm your payment');
    expect(text).not.toContain('Receipt');
    expect(text).not.toContain('Paid ');
    expect((await PDFDocument.load(pdf)).getTitle()).toBe('Invoice 1042 - Gestión Academy');
    expect(receiptFileName(facts)).toBe('invoice-1042.pdf');
  });

  it('shows a cancelled unpaid order as an invoice with nothing due', async () => {
    const facts = sampleReceiptFacts({
      state: 'cancelled',
      paidAt: null,
      provider: 'manual',
      cancelledAt: new Date('2026-03-03T08:00:00Z'),
    });
    facts.payment = null;
    const text = pdfText(await renderReceiptPdf(facts));
    expect(text).toContain('Invoice');
    expect(text).toContain('Cancelled March 3, 2026: nothing is due');
    expect(text).not.toContain('Amount due');
  });

  it('lists refunds as credit lines with the total refunded and the net paid', async () => {
    const facts = sampleReceiptFacts({ state: 'partially-refunded' });
    facts.lines[1] = { ...facts.lines[1]!, refundId: 'r1' };
    facts.refunds = [
      {
        id: 'r1',
        kind: 'policy',
        amountMinor: 5400,
        taxMinor: 900,
        createdAt: new Date('2026-03-05T12:00:00Z'),
        lines: ['Year-end closing (bundle: Payroll Clerk)'],
      },
    ];
    const text = pdfText(await renderReceiptPdf(facts));
    expect(text).toContain('Refunds');
    expect(text).toContain('Refund March 5, 2026: Year-end closing (bundle: Payroll Clerk)');
    expect(text).toContain('-€54.00');
    expect(text).toContain('Total refunded');
    expect(text).toContain('Net paid');
    expect(text).toContain('€64.80');
  });

  it('names the coupon behind a discount', async () => {
    const text = pdfText(await renderReceiptPdf(sampleReceiptFacts({ couponCode: 'SPRING10' })));
    expect(text).toContain('Discount (Coupon SPRING10)');
  });

  it('speaks the reader’s language: labels, dates and amounts', async () => {
    const text = pdfText(
      await renderReceiptPdf(sampleReceiptFacts({ taxLabel: 'IVA', taxRateBp: 2100 }), 'es'),
    );
    expect(text).toContain('Recibo');
    expect(text).toContain('Pedido n.º 1042');
    expect(text).toContain('Pagado el 2 de marzo de 2026 mediante tarjeta (Stripe)');
    // Spanish puts the euro sign after the amount, with a no-break space.
    expect(text).toContain('118,80\u00a0€');
    expect(text).toContain('IVA 21\u00a0%');
  });

  it('keeps the euro sign and simplifies or replaces what the standard fonts cannot draw', async () => {
    const facts = sampleReceiptFacts({ sellerName: 'Łódź Akademia 日本', buyerName: 'Zoë Ødegård' });
    const text = pdfText(await renderReceiptPdf(facts));
    expect(text).toContain('?ódz Akademia ??');
    expect(text).toContain('Zoë Ødegård');
    expect(text).toContain('€118.80');
  });

  it('continues on further pages when the lines do not fit on one, numbering them', async () => {
    const facts = sampleReceiptFacts();
    const line = facts.lines[0]!;
    facts.lines = Array.from({ length: 70 }, (_, i) => ({
      ...line,
      id: `l${i}`,
      description: `Course number ${i + 1}`,
    }));
    const pdf = await renderReceiptPdf(facts);
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    expect(pages).toBeGreaterThan(1);
    const text = pdfText(pdf);
    expect(text).toContain('Course number 70');
    expect(text).toContain(`Page ${pages} of ${pages}`);
    // The column headings repeat at the top of every page of lines.
    expect(text.split('Description').length - 1).toBe(pages);
  });

  it('wraps a long description instead of running it into the amounts', async () => {
    const facts = sampleReceiptFacts();
    facts.lines = [
      {
        ...facts.lines[0]!,
        description:
          'Advanced payroll administration for small and medium enterprises, including year-end closing and audits',
      },
    ];
    const text = pdfText(await renderReceiptPdf(facts));
    expect(text).toContain('Advanced payroll administration');
    expect(text).toContain('and audits');
    expect(text).not.toContain(facts.lines[0]!.description);
  });
});

describe('tax rates in basis points', () => {
  it.each([
    [2000, '20%'],
    [750, '7.5%'],
    [1234, '12.34%'],
    [5, '0.05%'],
    [0, '0%'],
    [10000, '100%'],
  ])('shows %i basis points as %s', (rateBp, shown) => {
    expect(formatRate(rateBp)).toBe(shown);
  });

  it('lays out the percentage as the reader’s language does', () => {
    expect(formatRate(750, 'es')).toBe('7,5\u00a0%');
  });
});
