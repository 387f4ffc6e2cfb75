// SVG baking.
// OB 3.0 §5.3.2 "SVG": xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" on <svg>, and one
// <openbadges:credential> as its first child, with the JSON in CDATA or a VC-JWT in `verify`.
// https://www.imsglobal.org/spec/ob/v3p0/#svg
// OB 2.0 "SVGs": xmlns:openbadges="http://openbadges.org", <openbadges:assertion verify="URL or JWS">,
// with the hosted assertion JSON in CDATA when baked.
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/baking/index.html
import {
  assertBakeInput,
  BakeError,
  type BakeInput,
  classifyPayload,
  DEFAULT_MAX_FILE_BYTES,
  decodeUtf8,
  generationOf,
  type Unbaked,
  type UnbakeOptions,
} from './payload.ts';
import {
  type Attribute,
  attributeNamed,
  cdata,
  decodeEntities,
  escapeAttribute,
  type Token,
  tokens,
} from './svg-scanner.ts';

export const OB3_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';
export const OB2_SVG_NAMESPACE = 'http://openbadges.org';

type StartTag = Extract<Token, { kind: 'start' }>;

interface BadgeElement {
  generation: 'ob3' | 'ob2';
  tag: StartTag;
  /** Offsets of the whole element, start tag to end tag. */
  start: number;
  end: number;
  /** Text and CDATA content, entities decoded. */
  body: string;
}

interface Parsed {
  text: string;
  root: StartTag;
  /** The Open Badges elements, in document order. */
  elements: BadgeElement[];
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const prefixOf = (name: string) => (name.includes(':') ? name.slice(0, name.indexOf(':')) : undefined);
const attribute = (tag: StartTag, name: string): Attribute | undefined =>
  attributeNamed(tag.attributes, name);

/** Which generation a start tag is a badge element of, by its prefix's namespace (declared on it or on <svg>). */
function badgeGeneration(tag: StartTag, root: StartTag): 'ob3' | 'ob2' | undefined {
  const prefix = prefixOf(tag.name);
  if (!prefix) return undefined;
  const declared = attribute(tag, `xmlns:${prefix}`) ?? attribute(root, `xmlns:${prefix}`);
  const namespace = declared ? decodeEntities(declared.raw) : undefined;
  const local = localName(tag.name);
  // Some bakers write the openbadges: prefix without declaring it; read those by element name.
  const ob3 = namespace === OB3_SVG_NAMESPACE || (!namespace && prefix === 'openbadges');
  const ob2 = namespace === OB2_SVG_NAMESPACE || (!namespace && prefix === 'openbadges');
  if (ob3 && local === 'credential') return 'ob3';
  if (ob2 && local === 'assertion') return 'ob2';
  return undefined;
}

/**
 * One pass over the tokens: the root <svg> (only the prolog may precede it) and each Open Badges element
 * with its text. Other tokens are dropped as soon as they are read.
 */
function parse(bytes: Uint8Array, maxBytes: number): Parsed {
  if (bytes.length > maxBytes)
    throw new BakeError('BAKE_TOO_LARGE', `The file is larger than ${maxBytes} bytes.`);
  let text = decodeUtf8(bytes, 'The SVG');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let root: StartTag | undefined;
  const elements: BadgeElement[] = [];
  let open: Omit<BadgeElement, 'end'> | undefined;
  for (const token of tokens(text)) {
    if (!root) {
      if (token.kind === 'start') {
        if (localName(token.name) !== 'svg')
          throw new BakeError('BAKE_NOT_SVG', 'The root element is not <svg>.');
        root = token;
      } else if (token.kind === 'text' && text.slice(token.start, token.end).trim() !== '') {
        throw new BakeError('BAKE_NOT_SVG', 'There is text before the <svg> element.');
      }
    } else if (open) {
      if (token.kind === 'end') {
        if (token.name !== open.tag.name)
          throw new BakeError('BAKE_SVG_MALFORMED', `<${open.tag.name}> is not closed.`);
        elements.push({ ...open, end: token.end });
        open = undefined;
      } else if (token.kind === 'start') {
        throw new BakeError('BAKE_SVG_MALFORMED', `<${open.tag.name}> must not contain elements.`);
      } else if (token.kind === 'cdata') open.body += token.value;
      else if (token.kind === 'text') open.body += decodeEntities(text.slice(token.start, token.end));
    } else if (token.kind === 'start') {
      const generation = badgeGeneration(token, root);
      if (generation && token.selfClosing)
        elements.push({ generation, tag: token, start: token.start, end: token.end, body: '' });
      else if (generation) open = { generation, tag: token, start: token.start, body: '' };
    }
  }
  if (!root) throw new BakeError('BAKE_NOT_SVG', 'The root element is not <svg>.');
  if (open) throw new BakeError('BAKE_SVG_MALFORMED', `<${open.tag.name}> is not closed.`);
  return { text, root, elements };
}

export function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<');
}

/** Extracts the one badge element of an SVG; zero or several is an error. */
export function unbakeSvg(bytes: Uint8Array, options: UnbakeOptions = {}): Unbaked {
  const { elements } = parse(bytes, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (elements.length > 1) {
    throw new BakeError('BAKE_MULTIPLE_CREDENTIALS', 'The SVG carries more than one Open Badges element.');
  }
  const element = elements[0];
  if (!element) throw new BakeError('BAKE_NO_CREDENTIAL', 'The SVG carries no Open Badges data.');
  const verifyAttribute = attribute(element.tag, 'verify');
  const verify = verifyAttribute ? decodeEntities(verifyAttribute.raw).trim() : undefined;
  const body = element.body.trim();
  if (element.generation === 'ob3') {
    // A VC-JWT travels in `verify`; an embedded-proof credential in the body.
    const classified = classifyPayload('ob3', verify || body);
    return { ...classified, fileType: 'svg' };
  }
  if (body) {
    const classified = classifyPayload('ob2', body);
    return { ...classified, fileType: 'svg', ...(verify ? { verify } : {}) };
  }
  return { ...classifyPayload('ob2', verify ?? ''), fileType: 'svg' };
}

function badgeElement(input: BakeInput): string {
  switch (input.format) {
    case 'ob3-json':
      return `<openbadges:credential>${cdata(input.payload)}</openbadges:credential>`;
    case 'ob3-jwt':
      return `<openbadges:credential verify="${escapeAttribute(input.payload)}"></openbadges:credential>`;
    case 'ob2-url':
    case 'ob2-jws':
      return `<openbadges:assertion verify="${escapeAttribute(input.payload)}"/>`;
    case 'ob2-json': {
      const id = (JSON.parse(input.payload) as { id?: unknown }).id;
      const verify = input.verify ?? (typeof id === 'string' ? id : undefined);
      if (!verify || !/^https?:\/\/\S+$/.test(verify)) {
        throw new BakeError(
          'BAKE_INVALID_INPUT',
          'An OB 2.0 JSON bake needs the hosted assertion URL for verify.',
        );
      }
      return `<openbadges:assertion verify="${escapeAttribute(verify)}">${cdata(input.payload)}</openbadges:assertion>`;
    }
  }
}

/**
 * Bakes into an SVG: existing OB 2.0 / 3.0 elements are removed (only one may exist), the namespace
 * is declared on <svg> (replacing any other binding of the prefix) and the new element is its first child.
 */
export function bakeSvg(svg: Uint8Array, input: BakeInput, options: { maxBytes?: number } = {}): Buffer {
  assertBakeInput(input);
  const parsed = parse(svg, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
  const { text, root } = parsed;
  const namespace = generationOf(input.format) === 'ob3' ? OB3_SVG_NAMESPACE : OB2_SVG_NAMESPACE;
  const element = badgeElement(input);

  let rootTag = text.slice(root.start, root.end);
  const existing = attribute(root, 'xmlns:openbadges');
  if (existing) {
    const from = existing.start - root.start;
    // Drop the attribute with the whitespace before it.
    const trimmedFrom = rootTag.slice(0, from).trimEnd().length;
    rootTag = rootTag.slice(0, trimmedFrom) + rootTag.slice(existing.end - root.start);
  }
  const insertAt = root.nameEnd - root.start;
  rootTag = `${rootTag.slice(0, insertAt)} xmlns:openbadges="${namespace}"${rootTag.slice(insertAt)}`;

  let rest: string;
  if (root.selfClosing) {
    rootTag = `${rootTag.slice(0, -2).trimEnd()}>`;
    rest = `</${root.name}>${text.slice(root.end)}`;
  } else {
    const removals = parsed.elements.filter((e) => e.start >= root.end);
    rest = '';
    let at = root.end;
    for (const removal of removals) {
      rest += text.slice(at, removal.start);
      at = removal.end;
    }
    rest += text.slice(at);
  }
  return Buffer.from(text.slice(0, root.start) + rootTag + element + rest, 'utf8');
}
