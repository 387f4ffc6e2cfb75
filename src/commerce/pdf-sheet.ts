// A cursor over the pages of an A4 PDF for documents such as receipts: writes text top to bottom, wraps,
// right-aligns amounts and starts a new page when one is full. Standard fonts only (extractable text).
import { type PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
export const LEFT = 50;
export const RIGHT = 545;
const TOP = 790;
const BOTTOM = 60;
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.38, 0.4, 0.45);

export interface TextOptions {
  bold?: boolean;
  muted?: boolean;
  /** Wrap within this width (left-aligned text only). */
  width?: number;
  /** Move down a line afterwards (default): false draws beside what comes next on the same line. */
  advance?: boolean;
}

/** A cursor over the pages: writes top to bottom, starting a new page when one is full. */
export class Sheet {
  page: PDFPage;
  y = TOP;
  private readonly pages: PDFPage[] = [];

  constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = this.addPage();
  }

  private addPage(): PDFPage {
    const page = this.pdf.addPage(A4);
    this.pages.push(page);
    this.page = page;
    this.y = TOP;
    return page;
  }

  /** Starts a new page unless `height` points still fit; true when it did. */
  ensure(height: number): boolean {
    if (this.y - height >= BOTTOM) return false;
    this.addPage();
    return true;
  }

  text(value: string, x: number, size: number, options: TextOptions = {}): void {
    const font = options.bold ? this.bold : this.regular;
    const parts = options.width ? this.wrap(value, size, options.width, font) : [drawable(value, font)];
    for (const [i, part] of parts.entries()) {
      if (i > 0) this.ensure(size * 1.4);
      this.page.drawText(part, { x, y: this.y, size, font, color: options.muted ? MUTED : INK });
      if (options.advance !== false || i < parts.length - 1) this.y -= size * 1.4;
    }
  }

  /** Right-aligned at `edge`. */
  right(value: string, edge: number, size: number, options: TextOptions = {}): void {
    const font = options.bold ? this.bold : this.regular;
    const safe = drawable(value, font);
    const x = edge - font.widthOfTextAtSize(safe, size);
    this.page.drawText(safe, { x, y: this.y, size, font, color: options.muted ? MUTED : INK });
    if (options.advance !== false) this.y -= size * 1.4;
  }

  paragraph(value: string, x: number, size: number, width: number): void {
    for (const part of this.wrap(value, size, width)) {
      this.ensure(size * 1.4);
      this.text(part, x, size);
    }
  }

  rule(): void {
    this.y += 4;
    this.page.drawLine({
      start: { x: LEFT, y: this.y },
      end: { x: RIGHT, y: this.y },
      thickness: 0.6,
      color: MUTED,
    });
    this.y -= 14;
  }

  /** Splits text into lines that fit `width` (words broken only when one alone is too long). */
  wrap(value: string, size: number, width: number, font = this.regular): string[] {
    const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
    const lines: string[] = [];
    let current = '';
    for (const word of drawable(value, font).split(' ').filter(Boolean)) {
      const candidate = current ? `${current} ${word}` : word;
      if (fits(candidate)) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = '';
      for (const ch of word) {
        if (!fits(current + ch)) {
          lines.push(current);
          current = '';
        }
        current += ch;
      }
    }
    if (current) lines.push(current);
    return lines.length > 0 ? lines : [''];
  }

  numberPages(label: (page: number, pages: number) => string): void {
    if (this.pages.length < 2) return;
    this.pages.forEach((page, i) => {
      const safe = drawable(label(i + 1, this.pages.length), this.regular);
      const x = RIGHT - this.regular.widthOfTextAtSize(safe, 8.5);
      page.drawText(safe, { x, y: 30, size: 8.5, font: this.regular, color: MUTED });
    });
  }
}

const characterSets = new WeakMap<PDFFont, Set<number>>();

/**
 * Standard PDF fonts speak WinAnsi (Latin-1 plus €, dashes, quotes): keep what the font can draw, use
 * the unaccented letter or the compatibility form (a narrow space becomes a space), else '?'.
 */
function drawable(text: string, font: PDFFont): string {
  const known = characterSets.get(font) ?? new Set(font.getCharacterSet());
  characterSets.set(font, known);
  return [...text.replace(/\p{Cc}+/gu, ' ')]
    .map((ch) => {
      if (known.has(ch.codePointAt(0) ?? 0)) return ch;
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      return base && [...base].every((c) => known.has(c.codePointAt(0) ?? 0)) ? base : '?';
    })
    .join('');
}
