// Fitting a badge's name on its ribbon: one line as large as fits, else two balanced lines, never smaller
// than 14 px on the 256 px picture, with an ellipsis when even that does not hold it. Widths are estimated
// from DejaVu Sans Bold's advances (the font the pictures are rendered with), a little generously.

const LOWER: Record<string, number> = {
  a: 0.68,
  b: 0.72,
  c: 0.6,
  d: 0.72,
  e: 0.68,
  f: 0.44,
  g: 0.72,
  h: 0.72,
  i: 0.35,
  j: 0.35,
  k: 0.67,
  l: 0.35,
  m: 1.05,
  n: 0.72,
  o: 0.69,
  p: 0.72,
  q: 0.72,
  r: 0.5,
  s: 0.6,
  t: 0.48,
  u: 0.72,
  v: 0.66,
  w: 0.93,
  x: 0.65,
  y: 0.66,
  z: 0.59,
};
const NARROW = new Set([..." .,:;!|'’()[]-"]);

/** Estimated width of the text in em of DejaVu Sans Bold. */
export function textWidthEm(text: string): number {
  let width = 0;
  for (const char of text) {
    const lower = LOWER[char];
    if (lower !== undefined) width += lower;
    else if (NARROW.has(char)) width += 0.38;
    else if (char === 'M' || char === 'W') width += 1.05;
    else if (char === 'I' || char === 'J') width += 0.4;
    else width += 0.78;
  }
  return width;
}

export const MIN_FONT_SIZE = 14;
const ONE_LINE_SIZES = [22, 21, 20, 19, 18, 17, 16];
const TWO_LINE_SIZES = [18, 17, 16, 15, 14];

export interface FittedText {
  lines: string[];
  fontSize: number;
}

const fits = (text: string, size: number, width: number) => textWidthEm(text) * size <= width;

/** The longest start of the text (cut at a word when it can be) that fits with an ellipsis. */
function truncated(text: string, size: number, width: number): string {
  if (fits(text, size, width)) return text;
  const chars = [...text];
  let end = chars.length;
  while (end > 1 && !fits(`${chars.slice(0, end).join('').trimEnd()}…`, size, width)) end -= 1;
  const cut = chars.slice(0, end).join('');
  const atWord = cut.lastIndexOf(' ');
  const kept = atWord > cut.length * 0.6 ? cut.slice(0, atWord) : cut;
  return `${kept.trimEnd()}…`;
}

/** Lines and size for a name on a ribbon whose text may be `width` px wide. */
export function fitName(name: string, width: number): FittedText {
  const text = name.replace(/\s+/g, ' ').trim();
  for (const size of ONE_LINE_SIZES) if (fits(text, size, width)) return { lines: [text], fontSize: size };
  const words = text.split(' ');
  if (words.length > 1) {
    let best: [string, string] = [text, ''];
    let bestWidth = Number.POSITIVE_INFINITY;
    for (let at = 1; at < words.length; at++) {
      const pair: [string, string] = [words.slice(0, at).join(' '), words.slice(at).join(' ')];
      const widest = Math.max(textWidthEm(pair[0]), textWidthEm(pair[1]));
      if (widest < bestWidth) [best, bestWidth] = [pair, widest];
    }
    for (const size of TWO_LINE_SIZES) if (bestWidth * size <= width) return { lines: best, fontSize: size };
  }
  // Too long even in two lines at the smallest size: fill the first line, the rest ends with an ellipsis.
  const size = MIN_FONT_SIZE;
  let first = '';
  let rest = text;
  if (words.length > 1) {
    let at = 1;
    while (at < words.length && fits(words.slice(0, at + 1).join(' '), size, width)) at += 1;
    first = words.slice(0, at).join(' ');
    rest = words.slice(at).join(' ');
  }
  if (first === '' || !fits(first, size, width)) {
    const chars = [...text];
    let end = chars.length;
    while (end > 1 && !fits(chars.slice(0, end).join(''), size, width)) end -= 1;
    first = chars.slice(0, end).join('');
    rest = chars.slice(end).join('').trimStart();
  }
  return { lines: rest ? [first, truncated(rest, size, width)] : [first], fontSize: size };
}

/** A short line (the subtitle) at 14 px, or smaller down to 12 px, then cut with an ellipsis. */
export function fitLine(text: string, width: number): FittedText {
  const clean = text.replace(/\s+/g, ' ').trim();
  for (const size of [14, 13, 12]) if (fits(clean, size, width)) return { lines: [clean], fontSize: size };
  return { lines: [truncated(clean, 12, width)], fontSize: 12 };
}
