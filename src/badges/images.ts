// Badge pictures: an uploaded PNG or SVG (recognised by content, at most 1 MB; an SVG that could run
// script or fetch anything is refused), kept in the file storage under random names that never change
// (published versions keep pointing at theirs), or a designed default generated from the name (and colours).
import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { type FieldProblemCode, InvalidError, type ProblemParams } from '../errors.ts';
import { defaultBadgeSvg } from '../issuing/index.ts';
import { type ActorOrSystem, organizationById } from '../orgs/index.ts';
import { type BadgeRow, type BadgeVersionRow, isImageKeyInUse, updateBadge } from './definition-store.ts';
import { authoredBadge, type BadgeView, getBadge } from './definitions.ts';

export const MAX_BADGE_IMAGE_BYTES = 1024 * 1024;
export const MAX_BADGE_IMAGE_PIXELS = 2048;
const CONTENT_TYPES = { png: 'image/png', svg: 'image/svg+xml' } as const;
export type BadgeImageType = keyof typeof CONTENT_TYPES;

export interface BadgeImage {
  bytes: Buffer;
  contentType: 'image/png' | 'image/svg+xml';
}

function refuse(message: string, code: FieldProblemCode, params?: ProblemParams): never {
  throw new InvalidError(message, [{ path: 'file', message, code, params }]);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function checkPng(bytes: Buffer): void {
  // The first chunk of every PNG is IHDR: width and height as 4-byte big-endian numbers.
  if (bytes.length < 33 || bytes.toString('latin1', 12, 16) !== 'IHDR')
    refuse('The PNG image is damaged.', 'png-damaged');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width === 0 || height === 0 || width > MAX_BADGE_IMAGE_PIXELS || height > MAX_BADGE_IMAGE_PIXELS) {
    refuse(
      `The image must be at most ${MAX_BADGE_IMAGE_PIXELS}×${MAX_BADGE_IMAGE_PIXELS} pixels.`,
      'image-too-many-pixels',
      {
        maximum: MAX_BADGE_IMAGE_PIXELS,
      },
    );
  }
}

const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'foreignobject',
  'iframe',
  'embed',
  'object',
  'handler',
  'listener',
]);
const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const localName = (name: string) => name.slice(name.lastIndexOf(':') + 1).toLowerCase();

/** Character references decoded, so `&#106;avascript:` is seen for what it is. */
function decodeReferences(value: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return named[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

// An inline SVG could carry script of its own (older browsers ran it through <use>): raster images only.
const isLocalReference = (value: string) => /^(#|data:image\/(?!svg))/i.test(value.trim());

/** CSS may point only inside the document or at inline images, and never escape its way around that. */
function checkCss(css: string): void {
  if (/@import|expression\s*\(|\\/i.test(css))
    refuse('The SVG image has style rules that are not allowed.', 'svg-style-rules');
  for (const match of css.matchAll(/url\s*\(\s*['"]?([^'")]*)/gi)) {
    if (!isLocalReference(match[1] ?? ''))
      refuse('The SVG image refers to an external resource.', 'svg-external-resource');
  }
}

function checkAttribute(rawName: string, rawValue: string): void {
  const name = localName(rawName);
  const value = decodeReferences(rawValue);
  if (name.startsWith('on'))
    refuse('The SVG image has event handler attributes (such as onload).', 'svg-event-handlers');
  if (rawName.toLowerCase() === 'xml:base')
    refuse('The SVG image refers to an external resource.', 'svg-external-resource');
  if ((name === 'href' || name === 'src') && !isLocalReference(value))
    refuse('The SVG image refers to an external resource.', 'svg-external-resource');
  if (name === 'attributename' && /^(\w+:)?(href|on\w*)$/i.test(value.trim()))
    refuse('The SVG image animates a link or an event handler.', 'svg-animates-link');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters hide a scheme from naive checks.
  if (/(java|vb)script:/i.test(value.replace(/[\s\u0000-\u001f]/g, '')))
    refuse('The SVG image contains script.', 'svg-script');
  checkCss(value);
}

/** A conservative reading of the markup: anything it does not understand is refused, not passed on. */
function checkSvg(source: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(source))
    refuse('The SVG image may not contain DOCTYPE or ENTITY declarations.', 'svg-doctype');
  let at = source.indexOf('<');
  let root: string | null = null;
  let inStyle = false;
  let textStart = 0;
  while (at !== -1) {
    if (inStyle) checkCss(source.slice(textStart, at));
    const skipTo = (end: string) => {
      const found = source.indexOf(end, at);
      if (found === -1) refuse('The SVG image is not well-formed.', 'svg-malformed');
      return found + end.length;
    };
    let next: number;
    if (source.startsWith('<!--', at)) next = skipTo('-->');
    else if (source.startsWith('<![CDATA[', at)) {
      next = skipTo(']]>');
      if (inStyle) checkCss(source.slice(at, next));
    } else if (source.startsWith('<?', at)) {
      next = skipTo('?>');
      if (root !== null || !/^<\?xml\s/.test(source.slice(at, next)))
        refuse('The SVG image may not contain processing instructions.', 'svg-processing-instruction');
    } else if (source.startsWith('<!', at)) {
      refuse('The SVG image may not contain declarations.', 'svg-declaration');
    } else {
      TAG.lastIndex = at;
      const tag = TAG.exec(source);
      if (!tag) refuse('The SVG image is not well-formed.', 'svg-malformed');
      const [whole, closing, rawName = '', attributes = ''] = tag;
      const name = localName(rawName);
      if (FORBIDDEN_ELEMENTS.has(name))
        refuse(`The SVG image may not contain <${rawName}> elements.`, 'svg-forbidden-element', {
          element: rawName,
        });
      if (root === null && !closing) {
        if (name !== 'svg') refuse('The file is not an SVG image.', 'not-svg');
        root = name;
      }
      for (const attribute of attributes.matchAll(ATTRIBUTE))
        checkAttribute(attribute[1] ?? '', attribute[2] ?? attribute[3] ?? '');
      if (name === 'style') inStyle = !closing && !tag[4];
      next = at + whole.length;
    }
    textStart = next;
    at = source.indexOf('<', next);
  }
  if (root === null) refuse('The file is not an SVG image.', 'not-svg');
}

/** The picture's type from its content, never from the name or type a browser claims. */
export function checkBadgeImage(bytes: Buffer): BadgeImageType {
  if (bytes.length === 0) refuse('The image is empty.', 'image-empty');
  if (bytes.length > MAX_BADGE_IMAGE_BYTES)
    refuse('The image is larger than 1 MB.', 'image-too-large', {
      megabytes: MAX_BADGE_IMAGE_BYTES / 1024 / 1024,
    });
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    checkPng(bytes);
    return 'png';
  }
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    refuse('Badge images must be PNG or SVG.', 'badge-image-type');
  }
  if (!/^\uFEFF?\s*</.test(source) || !/<(\w+:)?svg[\s/>]/i.test(source))
    refuse('Badge images must be PNG or SVG.', 'badge-image-type');
  checkSvg(source);
  return 'svg';
}

/** Checks the author may change the badge, before the body is read. */
export async function mayChangeBadgeImage(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  badgeId: string,
): Promise<void> {
  await authoredBadge(deps, actor, orgId, badgeId, true);
}

export async function forgetImage(deps: Deps, imageKey: string | null): Promise<void> {
  // Published versions keep their picture: only a key nothing points at any more is removed.
  if (imageKey && !(await isImageKeyInUse(deps.db, imageKey))) await deps.storage.delete(imageKey);
}

export async function uploadBadgeImage(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  badgeId: string,
  bytes: Buffer,
): Promise<BadgeView> {
  const badge = await authoredBadge(deps, actor, orgId, badgeId, true);
  const type = checkBadgeImage(bytes);
  const key = `badge-images/${orgId}/${randomUUID()}.${type}`;
  await deps.storage.put(key, bytes, CONTENT_TYPES[type]);
  await updateBadge(deps.db, badgeId, {
    imageKey: key,
    imageType: type,
    design: null,
    updatedAt: deps.now(),
  });
  await forgetImage(deps, badge.imageKey);
  return getBadge(deps, actor, orgId, badgeId);
}

export async function removeBadgeImage(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  badgeId: string,
): Promise<BadgeView> {
  const badge = await authoredBadge(deps, actor, orgId, badgeId, true);
  await updateBadge(deps.db, badgeId, {
    imageKey: null,
    imageType: null,
    design: null,
    updatedAt: deps.now(),
  });
  await forgetImage(deps, badge.imageKey);
  return getBadge(deps, actor, orgId, badgeId);
}

type ImageSource = Pick<
  BadgeVersionRow | BadgeRow,
  'orgId' | 'name' | 'imageKey' | 'imageType' | 'colors' | 'level' | 'skills'
>;

/** The picture of a published version (or of a draft): the uploaded or designed one, else the generated default. */
export async function badgeImage(deps: Deps, version: ImageSource): Promise<BadgeImage> {
  if (version.imageKey && version.imageType) {
    const stored = await deps.storage.get(version.imageKey);
    if (stored) return { bytes: stored.bytes, contentType: CONTENT_TYPES[version.imageType] };
    deps.log.warn({ imageKey: version.imageKey }, 'badge image missing from storage; drawing the default');
  }
  const issuer = await organizationById(deps.db, version.orgId);
  const svg = defaultBadgeSvg(version.name, {
    colors: version.colors,
    issuerName: issuer?.name,
    level: version.level,
    keywords: version.skills.map((skill) => skill.name),
  });
  return { bytes: Buffer.from(svg), contentType: 'image/svg+xml' };
}

export async function draftBadgeImage(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  badgeId: string,
): Promise<BadgeImage> {
  return badgeImage(deps, await authoredBadge(deps, actor, orgId, badgeId));
}
