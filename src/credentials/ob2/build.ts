// Open Badges 2.0 hosted documents, for backpacks that do not read OB 3.0 yet.
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html
// Hosted verification (§"Verification"): the Assertion, BadgeClass and Profile are served as JSON-LD at
// their `id` URLs; a revoked Assertion is served as {id, revoked: true, revocationReason}.
import { createHash } from 'node:crypto';
import { OB_V2_CONTEXT } from '../contexts/index.ts';
import { ISO_DATETIME, isEmail, relatedProblem } from './values.ts';

export class Ob2Error extends Error {
  readonly code = 'OB2_INVALID_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'Ob2Error';
  }
}

/** A related OB 3.0 document (OB 3.0 impl guide, "Migrating": the `related` link from 2.0 to 3.0). */
export interface Ob2Related {
  id: string;
  type: string[];
  version?: string;
}

export interface Ob2Alignment {
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
}

export interface Ob2Evidence {
  id?: string;
  type?: 'Evidence';
  narrative?: string;
  name?: string;
  description?: string;
  genre?: string;
  audience?: string;
}

export interface Ob2Assertion {
  '@context': typeof OB_V2_CONTEXT;
  type: 'Assertion';
  id: string;
  recipient: { type: 'email'; hashed: true; salt: string; identity: string };
  badge: string;
  verification: { type: 'hosted' };
  issuedOn: string;
  image?: string;
  expires?: string;
  evidence?: string | Ob2Evidence[];
  narrative?: string;
}

export interface Ob2BadgeClass {
  '@context': typeof OB_V2_CONTEXT;
  type: 'BadgeClass';
  id: string;
  name: string;
  description: string;
  image: string;
  criteria: string | { id?: string; narrative?: string };
  issuer: string;
  tags?: string[];
  alignment?: Ob2Alignment[];
  related?: Ob2Related[];
}

export interface Ob2Profile {
  '@context': typeof OB_V2_CONTEXT;
  type: 'Profile';
  id: string;
  name: string;
  url: string;
  /** Required of an issuer Profile (§"Profile", "A note on required properties"). */
  email: string;
  description?: string;
  image?: string;
  related?: Ob2Related[];
}

export interface Ob2RevokedAssertion {
  '@context': typeof OB_V2_CONTEXT;
  id: string;
  revoked: true;
  revocationReason?: string;
}

/** ISO 8601 with a Z offset and no milliseconds, like the spec examples. */
function toDateTime(value: Date | string, field: string): string {
  const text = typeof value === 'string' ? value : value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  // §"DateTime": ISO 8601 with a time zone; a date alone or a local time is ambiguous to verifiers.
  if (!ISO_DATETIME.test(text) || Number.isNaN(Date.parse(text))) {
    throw new Ob2Error(`${field} must be an ISO 8601 date-time with a time zone.`);
  }
  return text;
}

function requireUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Ob2Error(`${field} must be an absolute URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Ob2Error(`${field} must be an HTTP(S) URL.`);
  return value;
}

/** `related` links must be what an OB 2.0 validator accepts: http(s) or urn:uuid ids, typed as the same class. */
function requireRelated(related: Ob2Related[] | undefined, classNames: string[]): Ob2Related[] | undefined {
  if (!related?.length) return undefined;
  const problem = relatedProblem(related, classNames);
  if (problem) throw new Ob2Error(problem);
  return related;
}

/**
 * The hashed identity of §"IdentityObject": "sha256$" + hex(SHA-256(identity + salt)).
 * The identity is hashed exactly as given: normalise the address (e.g. lower-case it) before calling.
 */
export function hashOb2Identity(identity: string, salt: string): string {
  return `sha256$${createHash('sha256')
    .update(identity + salt, 'utf8')
    .digest('hex')}`;
}

/**
 * Whether an IdentityObject names this email address. Backpacks differ on letter case, so a hash of
 * the lower-cased address is accepted too. https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#IdentityObject
 */
export function ob2IdentityMatches(
  recipient: { identity: string; hashed?: boolean; salt?: string },
  email: string,
): boolean {
  const candidates = [email, email.toLowerCase()];
  if (!recipient.hashed)
    return candidates.some((c) => c === recipient.identity || c === recipient.identity.toLowerCase());
  const [algorithm, digest] = recipient.identity.split('$');
  if ((algorithm !== 'sha256' && algorithm !== 'md5') || !digest) return false;
  return candidates.some(
    (c) =>
      createHash(algorithm)
        .update(c + (recipient.salt ?? ''), 'utf8')
        .digest('hex') === digest.toLowerCase(),
  );
}

export function buildOb2Assertion(input: {
  assertionUrl: string;
  badgeClassUrl: string;
  recipient: { email: string; salt: string };
  issuedOn: Date | string;
  image?: string;
  expires?: Date | string;
  evidence?: string | Ob2Evidence[];
  narrative?: string;
}): Ob2Assertion {
  if (!input.recipient.salt)
    throw new Ob2Error('A salt is required: an unsalted email hash is easy to reverse.');
  if (!input.recipient.email.includes('@')) throw new Ob2Error('recipient.email is not an email address.');
  const assertion: Ob2Assertion = {
    '@context': OB_V2_CONTEXT,
    type: 'Assertion',
    id: requireUrl(input.assertionUrl, 'assertionUrl'),
    recipient: {
      type: 'email',
      hashed: true,
      salt: input.recipient.salt,
      identity: hashOb2Identity(input.recipient.email, input.recipient.salt),
    },
    badge: requireUrl(input.badgeClassUrl, 'badgeClassUrl'),
    verification: { type: 'hosted' },
    issuedOn: toDateTime(input.issuedOn, 'issuedOn'),
  };
  if (input.image !== undefined) assertion.image = requireUrl(input.image, 'image');
  if (input.expires !== undefined) {
    assertion.expires = toDateTime(input.expires, 'expires');
    if (Date.parse(assertion.expires) <= Date.parse(assertion.issuedOn)) {
      throw new Ob2Error('expires must be after issuedOn.');
    }
  }
  if (input.evidence !== undefined) {
    if (typeof input.evidence === 'string') requireUrl(input.evidence, 'evidence');
    assertion.evidence = input.evidence;
  }
  if (input.narrative !== undefined) assertion.narrative = input.narrative;
  return assertion;
}

export function buildOb2BadgeClass(input: {
  badgeClassUrl: string;
  name: string;
  description: string;
  image: string;
  criteria: { url?: string; narrative?: string };
  issuerUrl: string;
  tags?: string[];
  alignment?: Ob2Alignment[];
  related?: Ob2Related[];
}): Ob2BadgeClass {
  const { url, narrative } = input.criteria;
  if (!url && !narrative) throw new Ob2Error('criteria needs a url, a narrative or both.');
  const badgeClass: Ob2BadgeClass = {
    '@context': OB_V2_CONTEXT,
    type: 'BadgeClass',
    id: requireUrl(input.badgeClassUrl, 'badgeClassUrl'),
    name: input.name,
    description: input.description,
    image: requireUrl(input.image, 'image'),
    // §"Criteria": a URL alone may be given as a string; a narrative needs the object form.
    criteria: narrative
      ? { ...(url ? { id: requireUrl(url, 'criteria.url') } : {}), narrative }
      : requireUrl(url ?? '', 'criteria.url'),
    issuer: requireUrl(input.issuerUrl, 'issuerUrl'),
  };
  if (input.tags?.length) badgeClass.tags = input.tags;
  if (input.alignment?.length) badgeClass.alignment = input.alignment;
  const related = requireRelated(input.related, ['BadgeClass']);
  if (related) badgeClass.related = related;
  return badgeClass;
}

export function buildOb2Issuer(input: {
  issuerUrl: string;
  name: string;
  url: string;
  email: string;
  description?: string;
  image?: string;
  related?: Ob2Related[];
}): Ob2Profile {
  if (!isEmail(input.email)) throw new Ob2Error('An issuer profile needs a contact email address.');
  const profile: Ob2Profile = {
    '@context': OB_V2_CONTEXT,
    type: 'Profile',
    id: requireUrl(input.issuerUrl, 'issuerUrl'),
    name: input.name,
    url: requireUrl(input.url, 'url'),
    email: input.email,
  };
  if (input.description !== undefined) profile.description = input.description;
  if (input.image !== undefined) profile.image = requireUrl(input.image, 'image');
  const related = requireRelated(input.related, ['Issuer', 'Profile']);
  if (related) profile.related = related;
  return profile;
}

/**
 * The body served at a revoked hosted Assertion's URL, with HTTP 410 Gone (spec example "Revoked Hosted
 * Assertion": only `id` and `revoked` are required).
 */
export function buildRevokedOb2Assertion(input: {
  assertionUrl: string;
  reason?: string;
}): Ob2RevokedAssertion {
  const revoked: Ob2RevokedAssertion = {
    '@context': OB_V2_CONTEXT,
    id: requireUrl(input.assertionUrl, 'assertionUrl'),
    revoked: true,
  };
  if (input.reason) revoked.revocationReason = input.reason;
  return revoked;
}
