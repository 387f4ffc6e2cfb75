// Open Badges 2.0 verification: hosted assertions are fetched from their own id URL, with their
// BadgeClass and issuer Profile; a revoked one answers {revoked: true} (often with 410 Gone).
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#HostedBadge
import { checkOb2Assertion } from '../credentials/index.ts';
import type { SafeFetchResult } from '../net/safe-fetch.ts';
import { type Claims, ob2Claims, type ReportCheck } from './report.ts';

type Json = Record<string, unknown>;
/** Fetches a URL for verification (the SSRF-guarded safeFetch in production). */
export type Fetcher = (url: string, accept: string[]) => Promise<SafeFetchResult>;

export const OB2_JSON_TYPES = ['application/ld+json', 'application/json'];
const OB2_CONTEXTS = ['https://w3id.org/openbadges/v2', 'https://openbadgespec.org/v2/context.json'];

export interface Ob2Outcome {
  checks: ReportCheck[];
  claims: Claims;
  assertion?: Json;
}

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
export const checkOf = (code: string, status: ReportCheck['status'], message: string): ReportCheck => ({
  code,
  status,
  message,
});

/** Whether a JSON document is an OB 2.0 Assertion (or its revoked stub) rather than an OB 3.0 credential. */
export function looksLikeOb2(doc: Json): boolean {
  const contexts = asArray(doc['@context']);
  return (
    contexts.some((c) => typeof c === 'string' && OB2_CONTEXTS.includes(c)) ||
    asArray(doc.type).includes('Assertion')
  );
}

function parseJsonObject(body: Buffer | undefined): Json | undefined {
  if (!body) return undefined;
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

type Fetched = { ok: true; doc: Json } | { ok: false; reason: string; revokedStub?: Json };

export async function fetchOb2Document(fetcher: Fetcher, url: string): Promise<Fetched> {
  const response = await fetcher(url, OB2_JSON_TYPES);
  if (!response.ok) {
    const stub = response.status === 410 ? parseJsonObject(response.body) : undefined;
    return stub?.revoked === true
      ? { ok: false, reason: response.reason, revokedStub: stub }
      : { ok: false, reason: response.reason };
  }
  const doc = parseJsonObject(response.body);
  return doc ? { ok: true, doc } : { ok: false, reason: 'the answer is not a JSON object' };
}

function revoked(stub: Json, url: string): Ob2Outcome {
  const reason = typeof stub.revocationReason === 'string' ? `: ${stub.revocationReason}` : '.';
  return {
    checks: [checkOf('status', 'failed', `The issuer revoked this badge${reason} (${url})`)],
    claims: {},
  };
}

export function structureCheck(assertion: Json, now: Date): { structure: ReportCheck; expiry: ReportCheck } {
  const result = checkOb2Assertion(assertion, { now });
  const problems = result.checks
    .filter((c) => !c.ok && c.name !== 'notExpired')
    .map((c) => c.problem ?? c.name);
  const expired = result.checks.find((c) => c.name === 'notExpired');
  return {
    structure:
      problems.length === 0
        ? checkOf('structure', 'passed', 'The assertion has the shape Open Badges 2.0 requires.')
        : checkOf(
            'structure',
            'failed',
            `The assertion is not a valid Open Badges 2.0 assertion: ${problems.join(' ')}`,
          ),
    expiry:
      expired && !expired.ok
        ? checkOf('not-expired', 'failed', expired.problem ?? 'The assertion has expired.')
        : checkOf(
            'not-expired',
            'passed',
            assertion.expires ? 'The assertion has not expired.' : 'The assertion has no expiry date.',
          ),
  };
}

export interface IssuerLookup {
  badgeClass?: Json;
  issuer?: Json;
  /** Set when the BadgeClass or issuer Profile could not be had or is not what the assertion says. */
  problem?: ReportCheck;
}

/** The BadgeClass (embedded or fetched) and the issuer Profile it names (fetched). */
export async function fetchIssuerOf(fetcher: Fetcher, assertion: Json): Promise<IssuerLookup> {
  let badgeClass: Json | undefined = isObject(assertion.badge) ? assertion.badge : undefined;
  if (!badgeClass && typeof assertion.badge === 'string') {
    const fetched = await fetchOb2Document(fetcher, assertion.badge);
    if (!fetched.ok) {
      const message = `The badge description (${assertion.badge}) could not be fetched: ${fetched.reason}.`;
      return { problem: checkOf('issuer-identity', 'unchecked', message) };
    }
    badgeClass = fetched.doc;
  }
  if (!badgeClass || !asArray(badgeClass.type).includes('BadgeClass')) {
    return { problem: checkOf('issuer-identity', 'failed', 'The assertion does not lead to a BadgeClass.') };
  }
  const issuerUrl = isObject(badgeClass.issuer) ? badgeClass.issuer.id : badgeClass.issuer;
  if (typeof issuerUrl !== 'string') {
    return { problem: checkOf('issuer-identity', 'failed', 'The badge names no issuer.'), badgeClass };
  }
  const fetched = await fetchOb2Document(fetcher, issuerUrl);
  if (!fetched.ok) {
    const message = `The issuer profile (${issuerUrl}) could not be fetched: ${fetched.reason}.`;
    return { problem: checkOf('issuer-identity', 'unchecked', message), badgeClass };
  }
  const issuer = fetched.doc;
  const isProfile = asArray(issuer.type).some((t) => t === 'Profile' || t === 'Issuer');
  if (!isProfile || issuer.id !== issuerUrl) {
    const message = `The document at ${issuerUrl} is not the issuer profile the badge names.`;
    return { problem: checkOf('issuer-identity', 'failed', message), badgeClass, issuer };
  }
  return { badgeClass, issuer };
}

/** Hosted verification: the assertion must live on the issuer's origin (or one the issuer allows). */
function hostedIssuerCheck(assertionUrl: string, lookup: IssuerLookup): ReportCheck {
  const { issuer, problem } = lookup;
  if (problem || !issuer) return problem ?? checkOf('issuer-identity', 'failed', 'No issuer profile.');
  const issuerUrl = String(issuer.id);
  const allowed = isObject(issuer.verification) ? asArray(issuer.verification.allowedOrigins) : [];
  const origin = new URL(assertionUrl);
  const sameOrigin =
    origin.origin === new URL(issuerUrl).origin ||
    allowed.includes(origin.host) ||
    allowed.includes(origin.hostname);
  return sameOrigin
    ? checkOf(
        'issuer-identity',
        'passed',
        `Issued by ${String(issuer.name ?? issuerUrl)}, who hosts the assertion.`,
      )
    : checkOf(
        'issuer-identity',
        'failed',
        `The assertion is hosted at ${origin.host}, which the issuer (${issuerUrl}) does not vouch for.`,
      );
}

/**
 * Hosted verification of the assertion at `url`. `prefetched` is the document already fetched from
 * that URL (when the URL itself was the input). Every fetch failure is "could not check".
 */
export async function verifyHostedOb2(
  fetcher: Fetcher,
  url: string,
  now: Date,
  prefetched?: Json,
): Promise<Ob2Outcome> {
  let assertion = prefetched;
  if (!assertion) {
    const fetched = await fetchOb2Document(fetcher, url);
    if (!fetched.ok) {
      if (fetched.revokedStub) return revoked(fetched.revokedStub, url);
      const message = `The assertion could not be fetched from ${url}: ${fetched.reason}`;
      return {
        checks: [
          checkOf('hosted', 'unchecked', message),
          checkOf('status', 'unchecked', 'Whether the issuer revoked it could not be checked.'),
        ],
        claims: {},
      };
    }
    assertion = fetched.doc;
  }
  if (assertion.revoked === true) return revoked(assertion, url);
  const { structure, expiry } = structureCheck(assertion, now);
  const hosted =
    assertion.id === url
      ? checkOf('hosted', 'passed', 'The issuer serves this assertion at the address it names as its own.')
      : checkOf(
          'hosted',
          'failed',
          `The assertion names ${String(assertion.id)} as its address, but was fetched from ${url}.`,
        );
  const lookup = await fetchIssuerOf(fetcher, assertion);
  const status = checkOf('status', 'passed', 'The issuer still serves the assertion and has not revoked it.');
  return {
    checks: [structure, hosted, hostedIssuerCheck(url, lookup), expiry, status],
    claims: ob2Claims(assertion, lookup.badgeClass, lookup.issuer),
    assertion,
  };
}
