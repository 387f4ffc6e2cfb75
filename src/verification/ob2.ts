// Open Badges 2.0 verification: hosted assertions are fetched from their own id URL, with their
// BadgeClass and issuer Profile; a revoked one answers {revoked: true} (often with 410 Gone).
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#HostedBadge
import {
  checkOb2Assertion,
  checkOb2BadgeClass,
  checkOb2Profile,
  type Ob2CheckResult,
} from '../credentials/index.ts';
import type { SafeFetchResult } from '../net/safe-fetch.ts';
import { type Claims, ob2Claims, type ReportCheck, type ReportWarning } from './report.ts';

type Json = Record<string, unknown>;
/** Fetches a URL for verification (the SSRF-guarded safeFetch in production). */
export type Fetcher = (url: string, accept: string[]) => Promise<SafeFetchResult>;

export const OB2_JSON_TYPES = ['application/ld+json', 'application/json'];
const OB2_CONTEXTS = ['https://w3id.org/openbadges/v2', 'https://openbadgespec.org/v2/context.json'];

export interface Ob2Outcome {
  checks: ReportCheck[];
  claims: Claims;
  /** What the 1EdTech validator reports as warnings (an extension not checked): never a verdict. */
  warnings?: ReportWarning[];
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

/** Problems of one checked document, each prefixed with what it is ("BadgeClass: …"). */
const problemsOf = (result: Ob2CheckResult, skip: string[] = [], prefix = ''): string[] =>
  result.checks.filter((c) => !c.ok && !skip.includes(c.name)).map((c) => prefix + (c.problem ?? c.name));

export const warningsOf = (...results: (Ob2CheckResult | undefined)[]): ReportWarning[] =>
  results.flatMap((r) => r?.warnings ?? []).map((message) => ({ code: 'ob2-validator', message }));

export interface StructureChecks {
  structure: ReportCheck;
  notBefore: ReportCheck;
  expiry: ReportCheck;
  warnings: ReportWarning[];
}

/**
 * The validator's rules for the assertion and, when we have them, its BadgeClass and issuer Profile
 * (it validates all three); the issue date and the expiry are checks of their own.
 */
export function structureCheck(assertion: Json, now: Date, lookup: IssuerLookup = {}): StructureChecks {
  const result = checkOb2Assertion(assertion, { now });
  const badgeClass =
    lookup.badgeClass && checkOb2BadgeClass(lookup.badgeClass, { embedded: isObject(assertion.badge) });
  const issuer = lookup.issuer && checkOb2Profile(lookup.issuer);
  const problems = [
    ...problemsOf(result, ['notExpired', 'notIssuedInFuture']),
    ...(badgeClass ? problemsOf(badgeClass, [], 'BadgeClass: ') : []),
    ...(issuer ? problemsOf(issuer, [], 'Issuer profile: ') : []),
  ];
  const future = result.checks.find((c) => c.name === 'notIssuedInFuture');
  const expired = result.checks.find((c) => c.name === 'notExpired');
  const what = badgeClass
    ? issuer
      ? 'The assertion, its BadgeClass and issuer profile have'
      : 'The assertion and its BadgeClass have'
    : 'The assertion has';
  return {
    structure:
      problems.length === 0
        ? checkOf('structure', 'passed', `${what} the shape Open Badges 2.0 requires.`)
        : checkOf('structure', 'failed', `Not valid Open Badges 2.0: ${problems.join(' ')}`),
    notBefore:
      future && !future.ok
        ? checkOf(
            'not-before',
            'failed',
            `The assertion claims to be issued in the future: ${future.problem}`,
          )
        : checkOf('not-before', 'passed', 'The assertion was issued before now.'),
    expiry:
      expired && !expired.ok
        ? checkOf('not-expired', 'failed', expired.problem ?? 'The assertion has expired.')
        : checkOf(
            'not-expired',
            'passed',
            assertion.expires ? 'The assertion has not expired.' : 'The assertion has no expiry date.',
          ),
    warnings: warningsOf(result, badgeClass, issuer),
  };
}

export interface IssuerLookup {
  badgeClass?: Json;
  issuer?: Json;
  /** Set when the BadgeClass or issuer Profile could not be had or is not what the assertion says. */
  problem?: ReportCheck;
}

/** The issuer Profile a BadgeClass names (always fetched from its URL, even when embedded). */
export async function fetchProfileOf(fetcher: Fetcher, badgeClass: Json): Promise<IssuerLookup> {
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
  return fetchProfileOf(fetcher, badgeClass);
}

const authorityOf = (url: string): string | undefined => {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
};

/**
 * §"VerificationObject" of the issuer, as the validator applies it: the assertion's id must start with
 * one of `startsWith` (when given) and be hosted on one of `allowedOrigins`, which defaults to the
 * host of the issuer's own id (so naming allowedOrigins replaces that default).
 */
function hostedIssuerCheck(assertionUrl: string, lookup: IssuerLookup): ReportCheck {
  const { issuer, problem } = lookup;
  if (problem || !issuer) return problem ?? checkOf('issuer-identity', 'failed', 'No issuer profile.');
  const issuerUrl = String(issuer.id);
  const policy = isObject(issuer.verification) ? issuer.verification : {};
  const startsWith = asArray(policy.startsWith).filter((s): s is string => typeof s === 'string');
  if (startsWith.length && !startsWith.some((prefix) => assertionUrl.startsWith(prefix))) {
    const message = `The assertion's address ${assertionUrl} does not start with any the issuer (${issuerUrl}) allows.`;
    return checkOf('issuer-identity', 'failed', message);
  }
  const allowed =
    policy.allowedOrigins === undefined ? [authorityOf(issuerUrl)] : asArray(policy.allowedOrigins);
  const host = authorityOf(assertionUrl);
  return host !== undefined && allowed.includes(host)
    ? checkOf(
        'issuer-identity',
        'passed',
        `Issued by ${String(issuer.name ?? issuerUrl)}, who hosts the assertion.`,
      )
    : checkOf(
        'issuer-identity',
        'failed',
        `The assertion is hosted at ${host ?? assertionUrl}, which the issuer (${issuerUrl}) does not vouch for.`,
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
  const hosted =
    assertion.id === url
      ? checkOf('hosted', 'passed', 'The issuer serves this assertion at the address it names as its own.')
      : checkOf(
          'hosted',
          'failed',
          `The assertion names ${String(assertion.id)} as its address, but was fetched from ${url}.`,
        );
  const lookup = await fetchIssuerOf(fetcher, assertion);
  const { structure, notBefore, expiry, warnings } = structureCheck(assertion, now, lookup);
  const status = checkOf('status', 'passed', 'The issuer still serves the assertion and has not revoked it.');
  return {
    checks: [structure, hosted, hostedIssuerCheck(url, lookup), notBefore, expiry, status],
    claims: ob2Claims(assertion, lookup.badgeClass, lookup.issuer),
    warnings,
    assertion,
  };
}
