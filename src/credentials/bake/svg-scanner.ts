// A small XML tokenizer for baked SVGs, written so that nothing is ever resolved: no DTD, no external
// entity, no custom entity (the XXE and "billion laughs" class of attacks need one of these).
// It only knows enough XML 1.0 (https://www.w3.org/TR/xml/) to find elements and their attributes
// reliably: comments, CDATA sections and processing instructions are skipped as units, so a "<svg" or
// "<openbadges:credential" inside one of them is never mistaken for an element.
// Every step is linear in the input (each character is looked at a bounded number of times): a 5 MiB
// upload with hundreds of thousands of attributes or elements costs milliseconds, not minutes.
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
      /**
       * The attributes baking reads: namespace declarations and `verify`. The others are checked (well
       * formed, never repeated) and dropped, so a tag with 100,000 attributes keeps none of them.
       */
      attributes: Attribute[];
      selfClosing: boolean;
    };

/** Up to this many attributes a tag is searched in order; beyond, through an index (see attributeNamed). */
const FEW_ATTRIBUTES = 16;
const NAME = /[\p{L}_:][\p{L}\p{N}_.:-]*/uy;

function malformed(at: number, what: string): never {
  throw new BakeError('BAKE_SVG_MALFORMED', `The SVG is not well-formed XML at character ${at}: ${what}.`);
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d && code !== 0x0a) break;
    i++;
  }
  return i;
}

const isAsciiNameStart = (code: number) =>
  (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a;
const isAsciiNameChar = (code: number) =>
  isAsciiNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d;

/** The end of the XML name at `at` (`at` itself when there is none): ASCII by hand, the rest by regex. */
function nameEndAt(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first < 0x80) {
    if (!isAsciiNameStart(first)) return at;
    let i = at + 1;
    while (i < text.length && isAsciiNameChar(text.charCodeAt(i))) i++;
    if (i >= text.length || text.charCodeAt(i) < 0x80) return i;
  }
  NAME.lastIndex = at;
  return NAME.exec(text) ? NAME.lastIndex : at;
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

const attributeIndexes = new WeakMap<readonly Attribute[], Map<string, Attribute>>();

/** An attribute of a tag by name, without scanning a tag that has thousands of them for each lookup. */
export function attributeNamed(attributes: readonly Attribute[], name: string): Attribute | undefined {
  const index = attributeIndexes.get(attributes);
  return index ? index.get(name) : attributes.find((a) => a.name === name);
}

/** Attributes baking reads: namespace declarations (to know a prefix) and `verify` (a JWT or URL). */
const isKept = (name: string) => name === 'verify' || name === 'xmlns' || name.startsWith('xmlns:');

function keep(attributes: Attribute[], attribute: Attribute): void {
  attributes.push(attribute);
  let index = attributeIndexes.get(attributes);
  if (!index && attributes.length > FEW_ATTRIBUTES) {
    index = new Map(attributes.map((a) => [a.name, a]));
    attributeIndexes.set(attributes, index);
  }
  index?.set(attribute.name, attribute);
}

function scanStartTag(text: string, at: number): Extract<Token, { kind: 'start' }> {
  const nameEnd = nameEndAt(text, at + 1);
  if (nameEnd === at + 1) malformed(at, 'expected an element name');
  const name = text.slice(at + 1, nameEnd);
  const attributes: Attribute[] = [];
  // Every name of this tag, to refuse a repeated one (malformed XML): in order while few, then hashed.
  const names: string[] = [];
  let hashed: Set<string> | undefined;
  let i = nameEnd;
  while (true) {
    const afterSpace = skipSpace(text, i);
    const spaced = afterSpace > i;
    i = afterSpace;
    if (text.startsWith('/>', i))
      return { kind: 'start', start: at, end: i + 2, name, nameEnd, attributes, selfClosing: true };
    if (text[i] === '>')
      return { kind: 'start', start: at, end: i + 1, name, nameEnd, attributes, selfClosing: false };
    if (!spaced) malformed(i, 'expected whitespace before an attribute');
    const attributeStart = i;
    i = nameEndAt(text, i);
    if (i === attributeStart) malformed(i, 'expected an attribute name');
    const attributeName = text.slice(attributeStart, i);
    i = skipSpace(text, i);
    if (text[i] !== '=') malformed(i, 'expected "="');
    i = skipSpace(text, i + 1);
    const quote = text[i];
    if (quote !== '"' && quote !== "'") malformed(i, 'expected a quoted attribute value');
    const close = text.indexOf(quote, i + 1);
    if (close < 0) malformed(i, 'unterminated attribute value');
    for (let c = i + 1; c < close; c++)
      if (text.charCodeAt(c) === 0x3c) malformed(i, '"<" inside an attribute value');
    if (names.length === FEW_ATTRIBUTES) hashed = new Set(names);
    if (hashed ? hashed.has(attributeName) : names.includes(attributeName))
      malformed(i, `duplicate attribute ${attributeName}`);
    if (hashed) hashed.add(attributeName);
    else names.push(attributeName);
    const raw = isKept(attributeName) ? text.slice(i + 1, close) : undefined;
    i = close + 1;
    if (raw !== undefined) keep(attributes, { name: attributeName, raw, start: attributeStart, end: i });
  }
}

/**
 * The tokens of an SVG, one at a time: a caller keeps only what it needs, so a file of a million
 * elements never holds a million token objects at once.
 */
export function* tokens(text: string): Generator<Token> {
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '<') {
      const next = text.indexOf('<', i);
      const end = next < 0 ? text.length : next;
      yield { kind: 'text', start: i, end };
      i = end;
    } else if (text.startsWith('<!--', i)) {
      const end = skipTo(text, i + 4, '-->', 'comment');
      yield { kind: 'comment', start: i, end };
      i = end;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = skipTo(text, i + 9, ']]>', 'CDATA section');
      yield { kind: 'cdata', start: i, end, value: text.slice(i + 9, end - 3) };
      i = end;
    } else if (text.startsWith('<?', i)) {
      const end = skipTo(text, i + 2, '?>', 'processing instruction');
      yield { kind: 'pi', start: i, end };
      i = end;
    } else if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) {
      const end = scanDoctype(text, i);
      yield { kind: 'doctype', start: i, end };
      i = end;
    } else if (text.startsWith('<!', i)) {
      if (/^<!ENTITY/i.test(text.slice(i, i + 8))) {
        throw new BakeError('BAKE_SVG_DOCTYPE', 'SVGs with entity declarations are refused.');
      }
      malformed(i, 'unknown markup declaration');
    } else if (text.startsWith('</', i)) {
      const after = nameEndAt(text, i + 2);
      if (after === i + 2) malformed(i, 'expected an element name');
      const name = text.slice(i + 2, after);
      const close = skipSpace(text, after);
      if (text[close] !== '>') malformed(close, 'expected ">"');
      yield { kind: 'end', start: i, end: close + 1, name };
      i = close + 1;
    } else {
      const token = scanStartTag(text, i);
      yield token;
      i = token.end;
    }
  }
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
