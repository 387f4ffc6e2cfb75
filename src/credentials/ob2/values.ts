// The value types of Open Badges 2.0 (§"Data Validation"), as the 1EdTech validator
// (openbadges-validator-core) tells them apart: IRIs, URLs, data URIs, dates, emails, telephones.
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#dataValidation
import { OB_V2_CONTEXT } from '../contexts/index.ts';

export type Json = Record<string, unknown>;

/** The OB 2.0 context and the alias older issuers still write. */
export const OB2_CONTEXTS = [OB_V2_CONTEXT, 'https://openbadgespec.org/v2/context.json'];

/** §"DateTime": ISO 8601 with a time zone, or a Unix timestamp (seconds). */
export const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const DATA_URI = /^data:([^,]*?)?(base64)?,(.*)$/is;
const HOSTNAME = /^(?=.{4,253}$)((?!-)[a-zA-Z0-9-]{0,62}[a-zA-Z0-9]\.)+[a-zA-Z]{2,63}$/;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
export const isText = (value: unknown): value is string => typeof value === 'string';

/** An absolute http(s) URL. */
export function isUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return false;
  try {
    return new URL(value).host !== '';
  } catch {
    return false;
  }
}

/**
 * The validator's IRI: an http(s) URL, a blank node id (`_:b0`) or a `urn:uuid:`. Other schemes
 * (did:web, mailto:) are refused, so an `id` or `related` link in one is invalid in OB 2.0.
 */
export function isIri(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  return value.startsWith('_:') || UUID_URN.test(value) || isUrl(value);
}

export const isDataUri = (value: unknown): value is string =>
  typeof value === 'string' && DATA_URI.test(value);

export const isEmail = (value: unknown): value is string =>
  typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value);

/** E.164, with an optional extension (`;ext=12`). */
export const isTelephone = (value: unknown): value is string =>
  typeof value === 'string' && /^\+?[1-9]\d{1,14}(;ext=\d+)?$/.test(value);

/** A host name as `allowedOrigins` takes it: no scheme, path or port. */
export const isUrlAuthority = (value: unknown): value is string =>
  typeof value === 'string' && HOSTNAME.test(value);

/** A BCP 47 language tag in its usual shape (`en`, `es-419`, `zh-Hant-TW`). */
export const isLanguageTag = (value: unknown): value is string =>
  typeof value === 'string' && /^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/.test(value);

/** Milliseconds since the epoch, or undefined when the value is not an OB 2.0 DateTime. */
export function parseDateTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value * 1000;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value) * 1000;
  if (typeof value !== 'string' || !ISO_DATETIME.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * §"Image": one IRI or Image object (with an `id`). A data URI is allowed for a BadgeClass or
 * Profile image (PNG or SVG only) but never for an Assertion's image: the validator refuses it there.
 */
export function imageProblem(
  value: unknown,
  where: string,
  options: { required: boolean; allowDataUri: boolean },
): string | undefined {
  if (value === undefined || value === null) return options.required ? `${where} is missing.` : undefined;
  if (Array.isArray(value)) return `${where} must be a single image.`;
  const url = isObject(value) ? value.id : value;
  if (typeof url !== 'string') return `${where} must be an image URL or an Image with an id.`;
  if (isDataUri(url)) {
    if (!options.allowDataUri) return `${where} may not be a data: URI; it must be the URL of the image.`;
    const mediaType = DATA_URI.exec(url)?.[1] ?? '';
    return /image\/png|image\/svg\+xml/i.test(mediaType)
      ? undefined
      : `${where} is a data: URI that is neither image/png nor image/svg+xml.`;
  }
  return isUrl(url)
    ? undefined
    : `${where} must be an http(s) URL${options.allowDataUri ? ' or a data: URI' : ''}.`;
}

/** Whether a JSON-LD `type` names one of the given classes. */
export const hasType = (doc: Json, names: string[]): boolean =>
  asArray(doc.type).some((t) => typeof t === 'string' && names.includes(t));

/**
 * §"related" (on BadgeClass and Profile, OB 3.0 migration guide): each entry is an http(s) URL or a
 * node with an IRI `id`, whose `type`, when given, must name the same OB 2.0 class.
 */
export function relatedProblem(value: unknown, classNames: string[]): string | undefined {
  if (value === undefined) return undefined;
  for (const entry of asArray(value)) {
    if (typeof entry === 'string') {
      if (!isUrl(entry)) return `related ${JSON.stringify(entry)} must be an http(s) URL.`;
      continue;
    }
    if (!isObject(entry)) return 'related must be URLs or objects with an id.';
    if (!isIri(entry.id)) {
      return `related id ${JSON.stringify(entry.id ?? null)} must be an http(s) URL or urn:uuid (OB 2.0 has no other schemes).`;
    }
    if (entry.type !== undefined && !hasType(entry, classNames)) {
      return `related ${entry.id} must have the type ${classNames.join(' or ')} (it may add others).`;
    }
    if (entry.version !== undefined && typeof entry.version !== 'string' && typeof entry.version !== 'number')
      return `related ${entry.id}: version must be text or a number.`;
    if (entry['@language'] !== undefined && !isLanguageTag(entry['@language']))
      return `related ${entry.id}: @language is not a language tag.`;
  }
  return undefined;
}

export const hasOb2Context = (doc: Json): boolean =>
  asArray(doc['@context']).some((c) => typeof c === 'string' && OB2_CONTEXTS.includes(c));
