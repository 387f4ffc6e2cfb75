// Value tests the data model rules share: URLs, timestamps, language tags, plain objects.
// https://www.w3.org/TR/vc-data-model-2.0/#identifiers, #validity-period, #language-and-base-direction

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An absolute URL (an IRI with a scheme): `https:…`, `urn:uuid:…`, `did:…`; no whitespace. */
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/u;

export function isUrl(value: unknown): value is string {
  return typeof value === 'string' && ABSOLUTE_IRI.test(value);
}

/** One value or an array of values as an array (an absent value is an empty array). */
export function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 60 ? 'a string' : `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

// xsd:dateTimeStamp, the regular expression given in VC DM 2.0 §4.9 (a time zone is required).
const DATE = `-?(?:[1-9][0-9]{3,}|0[0-9]{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])`;
const TIME = String.raw`T(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)`;
const ZONE = `(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))`;
const DATE_TIME_STAMP = new RegExp(`^${DATE}${TIME}${ZONE}$`);
const DATE_TIME = new RegExp(`^${DATE}${TIME}${ZONE}?$`);

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function dayExists(value: string): boolean {
  const match = /^(-?\d+)-(\d{2})-(\d{2})T/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month === 2 && day === 29) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (MONTH_DAYS[month - 1] ?? 0);
}

/** An xsd:dateTimeStamp: a date and time with a time zone (VC 2.0 validFrom / validUntil). */
export function isDateTimeStamp(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME_STAMP.test(value) && dayExists(value);
}

/** An xsd:dateTime, the time zone optional (VC 1.1 issuanceDate / expirationDate). */
export function isDateTime(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME.test(value) && dayExists(value);
}

/** Milliseconds since the epoch for ordering two timestamps; undefined when JavaScript cannot place it. */
export function instantOf(value: string): number | undefined {
  const withZone = /(?:Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const time = Date.parse(withZone);
  return Number.isNaN(time) ? undefined : time;
}

// BCP 47 (RFC 5646 §2.1) well-formed language tags, case-insensitive.
const LANGUAGE = '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})';
const SCRIPT = '(?:-[a-z]{4})?';
const REGION = '(?:-(?:[a-z]{2}|[0-9]{3}))?';
const VARIANTS = '(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*';
const EXTENSIONS = '(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*';
const PRIVATE_USE = '(?:-x(?:-[a-z0-9]{1,8})+)?';
const LANGTAG = `${LANGUAGE}${SCRIPT}${REGION}${VARIANTS}${EXTENSIONS}${PRIVATE_USE}`;
const GRANDFATHERED =
  'en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|' +
  'i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de';
const BCP47 = new RegExp(`^(?:${LANGTAG}|x(?:-[a-z0-9]{1,8})+|${GRANDFATHERED})$`, 'i');

export function isLanguageTag(value: unknown): value is string {
  if (typeof value !== 'string' || !BCP47.test(value)) return false;
  // RFC 5646 §2.2.5/§2.2.6: a variant or an extension singleton appears at most once.
  const subtags = value.toLowerCase().split('-');
  const privateStart = subtags.indexOf('x');
  const relevant = privateStart === -1 ? subtags : subtags.slice(0, privateStart);
  const singletons = relevant.filter((tag, index) => index > 0 && tag.length === 1);
  const firstSingleton = relevant.findIndex((tag, index) => index > 0 && tag.length === 1);
  const beforeExtensions = firstSingleton === -1 ? relevant : relevant.slice(0, firstSingleton);
  const variants = beforeExtensions.filter(
    (tag, index) => index > 0 && /^(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3})$/.test(tag),
  );
  return new Set(singletons).size === singletons.length && new Set(variants).size === variants.length;
}

const PLAIN_KEY = /^[A-Za-z_$@][\w$]*$/;

/** The path of a property below `path`: "issuer.id", "credentialSubject[1].name", `a["odd key"]`. */
export function childPath(path: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function itemPath(path: string, index: number): string {
  return `${path}[${index}]`;
}
