// The PDF certificate of completion: learner, course, date, hours, activity code, issuer, and a QR code
// with the URL where anyone can check it online. Standard fonts only (no files to ship).
import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
import type { CertificateFacts } from './completion.ts';

/** Standard PDF fonts speak WinAnsi: keep what they can draw, fall back to the unaccented letter, else '?'. */
function drawable(text: string, font: PDFFont): string {
  const known = new Set(font.getCharacterSet());
  return [...text]
    .map((ch) => {
      if (known.has(ch.codePointAt(0) ?? 0)) return ch;
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      return [...base].every((c) => known.has(c.codePointAt(0) ?? 0)) ? base : '?';
    })
    .join('');
}

export async function certificatePdf(facts: CertificateFacts, locale = 'en'): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const code = facts.completion.activityCode;
  pdf.setTitle(`Certificate of completion — ${facts.courseTitle}`);
  pdf.setSubject(`Activity code ${code}`);
  pdf.setKeywords([code, facts.verifyUrl]);
  pdf.setAuthor(facts.issuer.name);
  pdf.setCreationDate(facts.completion.completedAt);
  const page = pdf.addPage([842, 595]); // A4 landscape, in points
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const ink = rgb(0.1, 0.14, 0.2);
  const centred = (text: string, y: number, size: number, font = regular) => {
    const safe = drawable(text, font);
    page.drawText(safe, { x: (842 - font.widthOfTextAtSize(safe, size)) / 2, y, size, font, color: ink });
  };
  page.drawRectangle({ x: 24, y: 24, width: 794, height: 547, borderColor: ink, borderWidth: 2 });
  centred('Certificate of completion', 490, 30, bold);
  centred('This certifies that', 445, 14);
  centred(facts.learnerName, 410, 26, bold);
  centred('has completed the course', 375, 14);
  centred(facts.courseTitle, 342, 20, bold);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    facts.completion.completedAt,
  );
  centred(`on ${date} (revision ${facts.revision}) · ${facts.hours} hours of credit`, 305, 13);
  centred(`Issued by ${facts.issuer.name}`, 280, 13);
  centred(`Activity code: ${code}`, 235, 16, bold);

  const qr = await QRCode.toBuffer(facts.verifyUrl, {
    type: 'png',
    margin: 1,
    width: 240,
    errorCorrectionLevel: 'M',
  });
  const image = await pdf.embedPng(qr);
  page.drawImage(image, { x: 371, y: 80, width: 100, height: 100 });
  centred(`Check it online: ${facts.verifyUrl}`, 60, 10);
  return pdf.save();
}
