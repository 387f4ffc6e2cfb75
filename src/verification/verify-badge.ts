// Verifying whatever someone brings to the verify page or API: an OB 3.0 credential (JSON or VC-JWT),
// a badge URL, or a baked PNG/SVG (OB 3.0 or OB 2.0). Input that is not a badge is refused with a
// reason (NotABadgeError); a badge that fails its checks is a report, never an exception.
import { isSupersededCredential, publicCredentialOf } from '../badges/index.ts';
import {
  decodeCredentialJwt,
  findDocumentLimitExcess,
  findJsonTextLimitExcess,
} from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import { NotABadgeError, refuseOversized } from './errors.ts';
import {
  checkOf,
  type Fetcher,
  looksLikeOb2,
  type Ob2Outcome,
  structureCheck,
  verifyHostedOb2,
} from './ob2.ts';
import { ob2DescriptionKind, verifyOb2Description } from './ob2-description.ts';
import { verifySignedOb2 } from './ob2-signed.ts';
import { ownOb2Document, withOwnOb2Documents } from './own-ob2.ts';
import {
  type Claims,
  ob2Claims,
  ob2EmailMatch,
  ob3Claims,
  ob3EmailMatch,
  type ReportCheck,
  type ReportFormat,
  type ReportWarning,
  type VerificationReport,
  verdictOf,
} from './report.ts';
import { ownBadgePage } from './resolvers.ts';
import { withRevokedKeyCheck } from './revoked-key.ts';
import { verifyPresentedCredential } from './service.ts';
import { readBakedFile } from './verification-work.ts';

export type BadgeInput =
  | { kind: 'credential'; credential: Record<string, unknown> | string }
  | { kind: 'url'; url: string }
  | { kind: 'file'; bytes: Uint8Array };

export interface VerifyBadgeOptions {
  email?: string;
  /** Replaces the SSRF-guarded fetch (tests serving OB 2.0 documents on loopback). */
  fetcher?: Fetcher;
  /**
   * Also report an OB 2.0 BadgeClass or issuer Profile brought alone (the verify page and API).
   * Without it such a description is refused: it is not a badge awarded to anyone (a backpack import).
   */
  descriptions?: boolean;
}

type Json = Record<string, unknown>;
const FETCH_LIMITS = { timeoutMs: 5_000, maxBytes: 2 * 1024 * 1024 } as const;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** safe-fetch codes that mean "we may not fetch this", as opposed to "it did not answer". */
const REFUSED_FETCHES = [
  'FETCH_BAD_URL',
  'FETCH_SCHEME_NOT_ALLOWED',
  'FETCH_HOST_NOT_ALLOWED',
  'FETCH_ADDRESS_NOT_ALLOWED',
];
const URL_TYPES = [
  'application/ld+json',
  'application/json',
  'application/vc+ld+json',
  'application/vc+jwt',
  'application/vc',
];

export function defaultFetcher(deps: Deps): Fetcher {
  return (url, accept) =>
    safeFetch(url, {
      ...FETCH_LIMITS,
      accept,
      allowHosts: deps.config.verifyAllowHosts,
      allowPrivate: deps.config.verifyAllowPrivate,
    });
}

interface Examined {
  format: ReportFormat;
  checks: ReportCheck[];
  warnings?: ReportWarning[];
  claims: Claims;
  emailMatch?: (email: string) => boolean;
  /** The credential's (or OB 2.0 assertion's) own id, to recognise one this server issued. */
  id?: string;
}

function parseJsonObject(text: string, what: string): Json {
  // Measured on the text, so that a document too large to verify is not even built.
  refuseOversized(findJsonTextLimitExcess(text));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new NotABadgeError('VERIFY_NOT_JSON', `${what} is not valid JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new NotABadgeError('VERIFY_NOT_A_CREDENTIAL', `${what} is not a JSON object.`);
  return value as Json;
}

async function examineOb3(deps: Deps, credential: Json | string): Promise<Examined> {
  if (typeof credential === 'string') {
    const decoded = decodeCredentialJwt(credential);
    if (!decoded.ok) throw new NotABadgeError('VERIFY_JWT_REFUSED', decoded.message);
    refuseOversized(findDocumentLimitExcess(decoded.credential));
  } else refuseOversized(findDocumentLimitExcess(credential));
  const result = await verifyPresentedCredential(deps, credential);
  const contexts = result.checks.find((c) => c.code === 'contexts');
  if (!result.credential) {
    throw new NotABadgeError('VERIFY_NOT_A_CREDENTIAL', result.checks[0]?.message ?? 'Not a credential.');
  }
  // Remote or unknown contexts are never fetched: such a document is refused, not half-checked.
  if (contexts?.status === 'failed') throw new NotABadgeError('VERIFY_CONTEXT_REFUSED', contexts.message);
  const examined = result.credential;
  const checks = result.checks.map(({ code, status, message }) => ({ code, status, message }));
  const id = typeof examined.id === 'string' ? examined.id : undefined;
  return {
    format: typeof credential === 'string' ? 'ob3-jwt' : 'ob3-json',
    checks: await withRevokedKeyCheck(deps, credential, id, checks),
    warnings: result.warnings,
    claims: ob3Claims(examined),
    emailMatch: (email) => ob3EmailMatch(examined, email),
    ...(typeof examined.id === 'string' ? { id: examined.id } : {}),
  };
}

function fromOb2(format: ReportFormat, outcome: Ob2Outcome): Examined {
  const assertion = outcome.assertion;
  return {
    format,
    checks: outcome.checks,
    ...(outcome.warnings?.length ? { warnings: outcome.warnings } : {}),
    claims: outcome.claims,
    emailMatch: (email) => (assertion ? ob2EmailMatch(assertion, email) : false),
    ...(typeof assertion?.id === 'string' ? { id: assertion.id } : {}),
  };
}

async function examineOb2Json(
  deps: Deps,
  fetcher: Fetcher,
  doc: Json,
  verifyUrl?: string,
): Promise<Examined> {
  const description = ob2DescriptionKind(doc);
  if (description)
    return fromOb2(`ob2-${description}`, await verifyOb2Description(fetcher, description, doc));
  const verification = doc.verification as Json | undefined;
  const signed = verification?.type === 'signed' || verification?.type === 'SignedBadge';
  if (signed) {
    // A signed assertion's JSON without its JWS: the content can be read, the signature cannot be checked.
    const { structure, notBefore, expiry, warnings } = structureCheck(doc, deps.now());
    const proof = checkOf(
      'proof',
      'unchecked',
      'Only the JSON was given, without the signature (JWS) to check.',
    );
    return fromOb2('ob2-signed', {
      checks: [structure, proof, notBefore, expiry],
      claims: ob2Claims(doc),
      warnings,
      assertion: doc,
    });
  }
  const url = verifyUrl ?? (typeof doc.id === 'string' ? doc.id : undefined);
  if (!url)
    throw new NotABadgeError('VERIFY_NOT_A_CREDENTIAL', 'The OB 2.0 assertion has no URL to verify it at.');
  // The hosted copy is the authority; what was pasted or baked only tells us where it lives.
  return fromOb2('ob2-hosted', await verifyHostedOb2(fetcher, url, deps.now()));
}

function readJwsPayload(jws: string): Json {
  const payload = Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8');
  return parseJsonObject(payload, 'The signed OB 2.0 assertion');
}

async function examineText(deps: Deps, fetcher: Fetcher, raw: string): Promise<Examined> {
  const text = raw.trim();
  if (/^https?:\/\//i.test(text) && !/\s/.test(text)) return examineUrl(deps, fetcher, text);
  if (COMPACT_JWS.test(text)) {
    const payload = safeParse(Buffer.from(text.split('.')[1] ?? '', 'base64url').toString('utf8'));
    if (payload && looksLikeOb2(payload)) {
      return fromOb2('ob2-signed', await verifySignedOb2(fetcher, text, payload, deps.now()));
    }
    return examineOb3(deps, text);
  }
  if (!text.startsWith('{')) {
    throw new NotABadgeError('VERIFY_UNREADABLE', 'This is neither a badge URL, JSON, nor a JWT.');
  }
  return examineJson(deps, fetcher, parseJsonObject(text, 'The text'));
}

function examineJson(deps: Deps, fetcher: Fetcher, doc: Json): Promise<Examined> {
  return looksLikeOb2(doc) ? examineOb2Json(deps, fetcher, doc) : examineOb3(deps, doc);
}

async function examineUrl(deps: Deps, fetcher: Fetcher, url: string): Promise<Examined> {
  const ownAward = ownBadgePage(deps, url);
  if (ownAward !== undefined) {
    const credential = await publicCredentialOf(deps, ownAward);
    if (!credential)
      throw new NotABadgeError('VERIFY_NO_PUBLIC_BADGE', `There is no public badge at ${url}.`);
    return examineOb3(deps, credential);
  }
  const response = await fetcher(url, URL_TYPES);
  if (!response.ok && REFUSED_FETCHES.includes(response.code)) {
    throw new NotABadgeError(response.code, `This URL is not fetched: ${response.reason}`);
  }
  if (!response.ok) {
    // Maybe a revoked OB 2.0 assertion (410 Gone with {revoked: true}); otherwise we could not look.
    const stub =
      response.status === 410 && response.body ? safeParse(response.body.toString('utf8')) : undefined;
    if (stub?.revoked === true)
      return fromOb2('ob2-hosted', await verifyHostedOb2(fetcher, url, deps.now(), stub));
    const message = `The badge could not be fetched from ${url}: ${response.reason}`;
    return { format: 'unknown', checks: [{ code: 'fetch', status: 'unchecked', message }], claims: {} };
  }
  const body = response.body.toString('utf8').trim();
  if (response.contentType === 'application/vc+jwt' || COMPACT_JWS.test(body)) return examineOb3(deps, body);
  const doc = parseJsonObject(body, `The document at ${url}`);
  const description = looksLikeOb2(doc) ? ob2DescriptionKind(doc) : undefined;
  if (description)
    return fromOb2(`ob2-${description}`, await verifyOb2Description(fetcher, description, doc, url));
  if (looksLikeOb2(doc)) return fromOb2('ob2-hosted', await verifyHostedOb2(fetcher, url, deps.now(), doc));
  return examineOb3(deps, doc);
}

function safeParse(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

async function examineFile(deps: Deps, fetcher: Fetcher, bytes: Uint8Array): Promise<Examined> {
  const baked = await readBakedFile(deps, bytes);
  switch (baked.format) {
    case 'ob3-json':
      return examineOb3(deps, parseJsonObject(baked.payload, 'The baked credential'));
    case 'ob3-jwt':
      return examineOb3(deps, baked.payload);
    case 'ob2-url':
      return fromOb2('ob2-hosted', await verifyHostedOb2(fetcher, baked.payload, deps.now()));
    case 'ob2-jws':
      return fromOb2(
        'ob2-signed',
        await verifySignedOb2(fetcher, baked.payload, readJwsPayload(baked.payload), deps.now()),
      );
    case 'ob2-json':
      return examineOb2Json(
        deps,
        fetcher,
        parseJsonObject(baked.payload, 'The baked assertion'),
        baked.verify,
      );
  }
}

/** Verifies a badge brought by anyone. Throws NotABadgeError for input that is not a badge at all. */
export async function verifyBadge(
  deps: Deps,
  input: BadgeInput,
  options: VerifyBadgeOptions = {},
): Promise<VerificationReport> {
  const fetcher = withOwnOb2Documents(deps, options.fetcher ?? defaultFetcher(deps));
  const examined =
    input.kind === 'file'
      ? await examineFile(deps, fetcher, input.bytes)
      : input.kind === 'url'
        ? await examineUrl(deps, fetcher, input.url)
        : typeof input.credential === 'string'
          ? await examineText(deps, fetcher, input.credential)
          : await examineJson(deps, fetcher, input.credential);
  if (!options.descriptions && (examined.format === 'ob2-badgeclass' || examined.format === 'ob2-profile')) {
    const what =
      examined.format === 'ob2-badgeclass' ? 'a badge description (BadgeClass)' : 'an issuer profile';
    throw new NotABadgeError(
      'VERIFY_NOT_AN_AWARD',
      `This is ${what}, not a badge awarded to someone: there is nothing to keep or verify as an award.`,
    );
  }
  const email = options.email?.trim();
  // A lookup of ours that fails says nothing about the badge: logged, and the report goes without it.
  const superseded = await supersededHere(deps, examined).catch((error: unknown) => {
    deps.log.error({ err: error }, 'verification: looking up a renewal failed');
    return false;
  });
  return {
    verdict: verdictOf(examined.checks),
    format: examined.format,
    checks: examined.checks,
    warnings: examined.warnings ?? [],
    claims: examined.claims,
    ...(email && examined.emailMatch ? { emailMatch: examined.emailMatch(email) } : {}),
    ...(superseded ? { superseded } : {}),
  };
}

const URN_UUID = /^urn:uuid:([0-9a-f-]{36})$/i;
/** Failures that leave a credential genuine: only then is "replaced by a renewal" worth saying. */
const GENUINE_DESPITE = new Set(['not-expired', 'not-before']);

/**
 * A genuine credential of this server (an OB 3.0 credential whose urn:uuid id and issuer are one we issued,
 * or our own hosted OB 2.0 assertion) whose award a renewal replaced.
 */
async function supersededHere(deps: Deps, examined: Examined): Promise<boolean> {
  if (!examined.id || examined.checks.some((c) => c.status === 'failed' && !GENUINE_DESPITE.has(c.code)))
    return false;
  if (examined.format === 'ob2-hosted') {
    const own = ownOb2Document(deps, examined.id) && /\/ob2\/assertions\/([0-9a-f-]{36})$/.exec(examined.id);
    return own ? isSupersededCredential(deps, own[1]!, undefined) : false;
  }
  const id = URN_UUID.exec(examined.id)?.[1];
  return id ? isSupersededCredential(deps, id, examined.claims.issuerId) : false;
}
