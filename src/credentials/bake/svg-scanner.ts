// A small XML tokenizer for baked SVGs, written so that nothing is ever resolved: no DTD, no external
// entity, no custom entity (the XXE and "billion laughs" class of attacks need one of these).
// It only knows enough XML 1.0 (https://www.w3.org/TR/xml/) to find elements and their attributes
// reliably: comments, CDATA sections and processing instructions are skipped as units, so a "<svg" or
// "<openbadges:credential" inside one of them is never mistaken for an element.
import { BakeError } from './payload.ts';

export interface Attribute {
  name: string;
  /** The raw (still escaped) value. */
  raw: string;
  start: number;
  end: number;
}

export type Token =
  | { kind: 'text' | 'comment' | 'pi' | 'doctype'; start: number; end: number }
  | { kind: 'cdata'; start: number; end: number; value: string }
  | { kind: 'end'; start: number; end: number; name: string }
  | {
      kind: 'start';
      start: number;
      end: number;
      name: string;
      /** Offset just after the element name, where attributes may be inserted. */
      nameEnd: number;
      attributes: Attribute[];
      selfClosing: boolean;
    };

const NAME = /[\p{L}_:][\p{L}\p{N}_.:-]*/uy;
const SPACE = /[ \t\r\n]*/y;

function malformed(at: number, what: string): never {
  throw new BakeError('BAKE_SVG_MALFORMED', `The SVG is not well-formed XML at character ${at}: ${what}.`);
}

function matchAt(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

function skipTo(text: string, from: number, terminator: string, what: string): number {
  const at = text.indexOf(terminator, from);
  if (at < 0) malformed(from, `unterminated ${what}`);
  return at + terminator.length;
}

/**
 * A DOCTYPE with an internal subset ("[...]") can declare entities, and <!ENTITY> declares them:
 * both are refused. A bare `<!DOCTYPE svg PUBLIC "…" "…">` (Illustrator writes one) declares nothing
 * and is never fetched here, so it is skipped.
 */
function scanDoctype(text: string, at: number): number {
  const end = text.indexOf('>', at);
  const declaration = end < 0 ? text.slice(at) : text.slice(at, end + 1);
  if (end < 0 || declaration.includes('[') || /<!ENTITY/i.test(declaration)) {
    throw new BakeError(
      'BAKE_SVG_DOCTYPE',
      'SVGs with a DTD internal subset or entity declarations are refused.',
    );
  }
  return end + 1;
}

function scanStartTag(text: string, at: number): Extract<Token, { kind: 'start' }> {
  const name = matchAt(NAME, text, at + 1);
  if (!name) malformed(at, 'expected an element name');
  const nameEnd = at + 1 + name.length;
  const attributes: Attribute[] = [];
  let i = nameEnd;
  while (true) {
    const space = matchAt(SPACE, text, i) ?? '';
    i += space.length;
    if (text.startsWith('/>', i))
      return { kind: 'start', start: at, end: i + 2, name, nameEnd, attributes, selfClosing: true };
    if (text[i] === '>')
      return { kind: 'start', start: at, end: i + 1, name, nameEnd, attributes, selfClosing: false };
    if (space.length === 0) malformed(i, 'expected whitespace before an attribute');
    const attributeName = matchAt(NAME, text, i);
    if (!attributeName) malformed(i, 'expected an attribute name');
    const attributeStart = i;
    i += attributeName.length;
    i += (matchAt(SPACE, text, i) ?? '').length;
    if (text[i] !== '=') malformed(i, 'expected "="');
    i += 1;
    i += (matchAt(SPACE, text, i) ?? '').length;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") malformed(i, 'expected a quoted attribute value');
    const close = text.indexOf(quote, i + 1);
    if (close < 0) malformed(i, 'unterminated attribute value');
    const raw = text.slice(i + 1, close);
    if (raw.includes('<')) malformed(i, '"<" inside an attribute value');
    if (attributes.some((a) => a.name === attributeName))
      malformed(i, `duplicate attribute ${attributeName}`);
    i = close + 1;
    attributes.push({ name: attributeName, raw, start: attributeStart, end: i });
  }
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '<') {
      const next = text.indexOf('<', i);
      const end = next < 0 ? text.length : next;
      tokens.push({ kind: 'text', start: i, end });
      i = end;
    } else if (text.startsWith('<!--', i)) {
      const end = skipTo(text, i + 4, '-->', 'comment');
      tokens.push({ kind: 'comment', start: i, end });
      i = end;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = skipTo(text, i + 9, ']]>', 'CDATA section');
      tokens.push({ kind: 'cdata', start: i, end, value: text.slice(i + 9, end - 3) });
      i = end;
    } else if (text.startsWith('<?', i)) {
      const end = skipTo(text, i + 2, '?>', 'processing instruction');
      tokens.push({ kind: 'pi', start: i, end });
      i = end;
    } else if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) {
      const end = scanDoctype(text, i);
      tokens.push({ kind: 'doctype', start: i, end });
      i = end;
    } else if (text.startsWith('<!', i)) {
      if (/^<!ENTITY/i.test(text.slice(i, i + 8))) {
        throw new BakeError('BAKE_SVG_DOCTYPE', 'SVGs with entity declarations are refused.');
      }
      malformed(i, 'unknown markup declaration');
    } else if (text.startsWith('</', i)) {
      const name = matchAt(NAME, text, i + 2);
      if (!name) malformed(i, 'expected an element name');
      const after = i + 2 + name.length;
      const close = after + (matchAt(SPACE, text, after) ?? '').length;
      if (text[close] !== '>') malformed(close, 'expected ">"');
      tokens.push({ kind: 'end', start: i, end: close + 1, name });
      i = close + 1;
    } else {
      const token = scanStartTag(text, i);
      tokens.push(token);
      i = token.end;
    }
  }
  return tokens;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces the five predefined entities and character references; any other entity is an error. */
export function decodeEntities(raw: string): string {
  return raw.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) malformed(0, 'a bare "&"');
    const predefined = PREDEFINED[name];
    if (predefined) return predefined;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
    const codePoint = numeric
      ? Number.parseInt(numeric[1] ?? numeric[2] ?? '', numeric[1] ? 16 : 10)
      : Number.NaN;
    if (!Number.isInteger(codePoint) || codePoint === 0 || codePoint > 0x10ffff) {
      malformed(0, `the entity "${whole}" is not one XML predefines`);
    }
    return String.fromCodePoint(codePoint);
  });
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** `]]>` cannot appear inside CDATA: close the section between "]]" and ">" and open a new one. */
export function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
