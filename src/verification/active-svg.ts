// The bake library reads the credential out of any well-formed SVG; a badge image has no business
// running scripts or pulling remote resources, so such a file is refused before anyone opens it.
// Every pattern here is linear in the file (no lazy scan that can restart at each of many openings).
import { NotABadgeError } from './errors.ts';

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

/** The markup without its CDATA sections (the credential JSON lives in one and may say anything). */
export function markupWithoutCdata(markup: string): string {
  const parts: string[] = [];
  let at = 0;
  while (true) {
    const open = markup.indexOf(CDATA_OPEN, at);
    if (open < 0) break;
    const close = markup.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length);
    // An opening with no end is not a section (the scanner accepted the file, so it sits in a comment).
    if (close < 0) break;
    parts.push(markup.slice(at, open));
    at = close + CDATA_CLOSE.length;
  }
  parts.push(markup.slice(at));
  return parts.join('');
}

export function refuseActiveSvg(bytes: Uint8Array): void {
  const markup = markupWithoutCdata(Buffer.from(bytes).toString('utf8'));
  if (/<([\w-]+:)?(script|foreignObject)[\s/>]/i.test(markup) || /\son[a-z]+\s*=/i.test(markup)) {
    throw new NotABadgeError('VERIFY_SVG_SCRIPT', 'The SVG contains scripts or event handlers.');
  }
  if (/\bhref\s*=\s*["']\s*(?!#|data:)/i.test(markup) || /url\(\s*["']?\s*(?!#|data:)/i.test(markup)) {
    throw new NotABadgeError('VERIFY_SVG_REMOTE_REFERENCE', 'The SVG refers to resources outside itself.');
  }
}
