// Structural checks of an OB 2.0 Assertion someone else issued (the JSON, not its hosting or signature),
// rule for rule as the 1EdTech validator (openbadges-validator-core) makes them. Each check has a stable
// name so the verify page can list them in plain words.
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#Assertion
import { checkOb2Extensions } from './extensions.ts';
import {
  asArray,
  hasOb2Context,
  imageProblem,
  isEmail,
  isIri,
  isObject,
  isText,
  isUrl,
  type Json,
  OB2_CONTEXTS,
  parseDateTime,
} from './values.ts';

export { ISO_DATETIME } from './values.ts';

export type Ob2CheckName =
  | 'context'
  | 'type'
  | 'id'
  | 'recipient'
  | 'badge'
  | 'verification'
  | 'issuedOn'
  | 'notIssuedInFuture'
  | 'expires'
  | 'image'
  | 'evidence'
  | 'narrative'
  | 'extensions'
  | 'notRevoked'
  | 'notExpired'
  // BadgeClass and Profile (check-classes.ts)
  | 'name'
  | 'description'
  | 'criteria'
  | 'issuer'
  | 'alignment'
  | 'tags'
  | 'related'
  | 'language'
  | 'url'
  | 'email'
  | 'telephone';

export interface Ob2Check {
  name: Ob2CheckName;
  ok: boolean;
  /** Why it failed, in plain words. */
  problem?: string;
}

export interface Ob2CheckResult {
  ok: boolean;
  checks: Ob2Check[];
  /** What the validator reports as warnings (never a failure): e.g. an extension we could not check. */
  warnings: string[];
}

/** Collects checks (every one is run: the whole picture, never the first failure only). */
export function checkCollector() {
  const checks: Ob2Check[] = [];
  const warnings: string[] = [];
  return {
    add: (name: Ob2CheckName, problem: string | undefined) =>
      checks.push(problem ? { name, ok: false, problem } : { name, ok: true }),
    warn: (warning: string) => warnings.push(warning),
    /** Extension nodes: a schema violation fails `extensions`, an unbundled one is a warning. */
    extensions: (doc: Json, at?: string) => {
      const findings = checkOb2Extensions(doc, at);
      for (const f of findings) if (f.unchecked) warnings.push(f.unchecked);
      const problems = findings.flatMap((f) => (f.problem ? [f.problem] : []));
      if (findings.length)
        checks.push(
          problems.length
            ? { name: 'extensions', ok: false, problem: problems.join(' ') }
            : { name: 'extensions', ok: true },
        );
    },
    result: (): Ob2CheckResult => ({ ok: checks.every((c) => c.ok), checks, warnings }),
  };
}

const RECIPIENT_TYPES = ['email', 'url', 'telephone', 'id'];
const HASHED_IDENTITY = /^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/;

/** §"IdentityObject", with the validator's cross-checks of `hashed` against the identity's shape. */
function checkRecipient(recipient: unknown): string | undefined {
  if (!isObject(recipient)) return 'recipient must be an IdentityObject.';
  if (typeof recipient.type !== 'string' || !RECIPIENT_TYPES.includes(recipient.type)) {
    return `recipient.type must be one of ${RECIPIENT_TYPES.join(', ')}.`;
  }
  if (typeof recipient.identity !== 'string' || recipient.identity === '')
    return 'recipient.identity is missing.';
  if (recipient.hashed !== true && recipient.hashed !== false)
    return 'recipient.hashed must be true or false.';
  if (recipient.salt !== undefined && typeof recipient.salt !== 'string')
    return 'recipient.salt must be a string.';
  const looksHashed = HASHED_IDENTITY.test(recipient.identity);
  if (recipient.hashed && !looksHashed) {
    return 'a hashed recipient.identity must be "sha256$" or "md5$" followed by the hex digest.';
  }
  if (!recipient.hashed && looksHashed) return 'recipient.identity is a hash, but hashed is false.';
  if (!recipient.hashed && recipient.type === 'email' && !isEmail(recipient.identity))
    return 'recipient.identity is not an email address, as its type says it is.';
  return undefined;
}

function checkVerification(doc: Json): string | undefined {
  const verification = doc.verification;
  if (!isObject(verification)) return 'verification must be a VerificationObject.';
  const type = verification.type;
  if (type === 'hosted' || type === 'HostedBadge') {
    // Hosted verification fetches the assertion at its id, so the id must be an HTTP(S) URL.
    return isUrl(doc.id) ? undefined : 'a hosted assertion needs an HTTP(S) id to fetch it from.';
  }
  if (type === 'signed' || type === 'SignedBadge') {
    return isUrl(verification.creator) || verification.creator === undefined
      ? undefined
      : 'verification.creator must be the URL of the CryptographicKey.';
  }
  return 'verification.type must be hosted or signed.';
}

/** §"Evidence": URLs or Evidence objects (id an IRI; narrative, name, description, genre, audience text). */
function checkEvidence(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  for (const entry of asArray(value)) {
    if (typeof entry === 'string') {
      if (!isUrl(entry)) return `evidence ${JSON.stringify(entry)} must be an http(s) URL.`;
    } else if (!isObject(entry)) {
      return 'evidence must be URLs or Evidence objects.';
    } else {
      if (entry.id !== undefined && !isIri(entry.id)) return 'evidence id must be an IRI.';
      for (const key of ['narrative', 'name', 'description', 'genre', 'audience']) {
        if (entry[key] !== undefined && !isText(entry[key])) return `evidence ${key} must be text.`;
      }
    }
  }
  return undefined;
}

function checkDates(doc: Json, add: ReturnType<typeof checkCollector>['add'], now?: Date): void {
  const issuedOn = parseDateTime(doc.issuedOn);
  add(
    'issuedOn',
    issuedOn === undefined ? 'issuedOn must be an ISO 8601 date-time with a time zone.' : undefined,
  );
  // The validator allows no clock skew: an issue date even a second ahead of its clock is refused.
  if (now && issuedOn !== undefined) {
    add(
      'notIssuedInFuture',
      issuedOn > now.getTime() ? `issuedOn (${String(doc.issuedOn)}) is in the future.` : undefined,
    );
  }
  if (doc.expires === undefined) return;
  const expires = parseDateTime(doc.expires);
  add(
    'expires',
    expires === undefined
      ? 'expires must be an ISO 8601 date-time with a time zone.'
      : issuedOn !== undefined && expires < issuedOn
        ? 'expires is before issuedOn.'
        : undefined,
  );
  if (now && expires !== undefined) {
    add(
      'notExpired',
      expires < now.getTime() ? `The assertion expired on ${String(doc.expires)}.` : undefined,
    );
  }
}

/**
 * Runs every structural check and returns them all (never stops at the first failure), so a
 * verifier can show the whole picture. Pass `now` to add the issue-date and expiry checks; nothing
 * here reads a clock. `notRevoked` appears only as a failure (a revoked stub): whether a full document
 * is still current is known only to whoever fetched it from its hosted URL, so no "not revoked" is claimed here.
 */
export function checkOb2Assertion(doc: unknown, options: { now?: Date } = {}): Ob2CheckResult {
  const c = checkCollector();
  if (!isObject(doc)) {
    c.add('type', 'The document is not a JSON object.');
    return c.result();
  }
  c.add('context', hasOb2Context(doc) ? undefined : `@context must include ${OB2_CONTEXTS[0]}.`);
  // A revoked hosted assertion is served as a stub ({id, revoked, revocationReason}): say so first.
  if (doc.revoked === true) {
    const reason = typeof doc.revocationReason === 'string' ? `: ${doc.revocationReason}` : '.';
    c.add('notRevoked', `The issuer revoked this assertion${reason}`);
    return c.result();
  }
  c.add('type', asArray(doc.type).includes('Assertion') ? undefined : 'type must be Assertion.');
  c.add('id', isIri(doc.id) ? undefined : 'id must be an IRI (an http(s) URL or a urn:uuid).');
  c.add('recipient', checkRecipient(doc.recipient));
  c.add(
    'badge',
    isIri(doc.badge) || (isObject(doc.badge) && isIri(doc.badge.id))
      ? undefined
      : 'badge must be the BadgeClass URL or an embedded BadgeClass with an id.',
  );
  c.add('verification', checkVerification(doc));
  checkDates(doc, c.add, options.now);
  c.add('image', imageProblem(doc.image, 'image', { required: false, allowDataUri: false }));
  c.add('evidence', checkEvidence(doc.evidence));
  c.add(
    'narrative',
    doc.narrative === undefined || isText(doc.narrative) ? undefined : 'narrative must be text.',
  );
  // An embedded BadgeClass is a Badge Object of its own: checkOb2BadgeClass covers its extensions.
  c.extensions(isObject(doc.badge) ? { ...doc, badge: doc.badge.id } : doc);
  return c.result();
}
