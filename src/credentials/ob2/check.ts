// Structural checks of an OB 2.0 Assertion someone else issued (the JSON, not its hosting or signature).
// Each check has a stable name so the verify page can list them in plain words.
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#Assertion
import { OB_V2_CONTEXT } from '../contexts/index.ts';

export type Ob2CheckName =
  | 'context'
  | 'type'
  | 'id'
  | 'recipient'
  | 'badge'
  | 'verification'
  | 'issuedOn'
  | 'expires'
  | 'notRevoked'
  | 'notExpired';

export interface Ob2Check {
  name: Ob2CheckName;
  ok: boolean;
  /** Why it failed, in plain words. */
  problem?: string;
}

export interface Ob2CheckResult {
  ok: boolean;
  checks: Ob2Check[];
}

/** The OB 2.0 context and the alias older issuers still write. */
const OB2_CONTEXTS = [OB_V2_CONTEXT, 'https://openbadgespec.org/v2/context.json'];
const RECIPIENT_TYPES = ['email', 'url', 'telephone', 'id'];
/** §"DateTime": ISO 8601 with a time zone, or a Unix timestamp (seconds). */
export const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

function isIri(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
}

const isHttpUrl = (value: unknown): value is string => isIri(value) && /^https?:\/\//i.test(value);

function parseDateTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value * 1000;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value) * 1000;
  if (typeof value !== 'string' || !ISO_DATETIME.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

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
  if (recipient.hashed && !/^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/.test(recipient.identity)) {
    return 'a hashed recipient.identity must be "sha256$" or "md5$" followed by the hex digest.';
  }
  return undefined;
}

function checkVerification(doc: Record<string, unknown>): string | undefined {
  const verification = doc.verification;
  if (!isObject(verification)) return 'verification must be a VerificationObject.';
  const type = verification.type;
  if (type === 'hosted' || type === 'HostedBadge') {
    // Hosted verification fetches the assertion at its id, so the id must be an HTTP(S) URL.
    return isHttpUrl(doc.id) ? undefined : 'a hosted assertion needs an HTTP(S) id to fetch it from.';
  }
  if (type === 'signed' || type === 'SignedBadge') {
    return isHttpUrl(verification.creator) || verification.creator === undefined
      ? undefined
      : 'verification.creator must be the URL of the CryptographicKey.';
  }
  return 'verification.type must be hosted or signed.';
}

/**
 * Runs every structural check and returns them all (never stops at the first failure), so a
 * verifier can show the whole picture. Pass `now` to add the expiry check; nothing here reads a clock.
 * `notRevoked` appears only as a failure (a revoked stub): whether a full document is still current is
 * known only to whoever fetched it from its hosted URL, so no "not revoked" is claimed here.
 */
export function checkOb2Assertion(doc: unknown, options: { now?: Date } = {}): Ob2CheckResult {
  const checks: Ob2Check[] = [];
  const add = (name: Ob2CheckName, problem: string | undefined) =>
    checks.push(problem ? { name, ok: false, problem } : { name, ok: true });

  if (!isObject(doc)) {
    add('type', 'The document is not a JSON object.');
    return { ok: false, checks };
  }
  const contexts = asArray(doc['@context']);
  add(
    'context',
    contexts.some((c) => typeof c === 'string' && OB2_CONTEXTS.includes(c))
      ? undefined
      : `@context must include ${OB_V2_CONTEXT}.`,
  );
  // A revoked hosted assertion is served as a stub ({id, revoked, revocationReason}): say so first.
  if (doc.revoked === true) {
    const reason = typeof doc.revocationReason === 'string' ? `: ${doc.revocationReason}` : '.';
    add('notRevoked', `The issuer revoked this assertion${reason}`);
    return { ok: false, checks };
  }
  add('type', asArray(doc.type).includes('Assertion') ? undefined : 'type must be Assertion.');
  add('id', isIri(doc.id) ? undefined : 'id must be an IRI.');
  add('recipient', checkRecipient(doc.recipient));
  add(
    'badge',
    isIri(doc.badge) || (isObject(doc.badge) && isIri(doc.badge.id))
      ? undefined
      : 'badge must be the BadgeClass URL or an embedded BadgeClass with an id.',
  );
  add('verification', checkVerification(doc));
  const issuedOn = parseDateTime(doc.issuedOn);
  add(
    'issuedOn',
    issuedOn === undefined ? 'issuedOn must be an ISO 8601 date-time with a time zone.' : undefined,
  );
  if (doc.expires !== undefined) {
    const expires = parseDateTime(doc.expires);
    add(
      'expires',
      expires === undefined
        ? 'expires must be an ISO 8601 date-time with a time zone.'
        : issuedOn !== undefined && expires <= issuedOn
          ? 'expires is not after issuedOn.'
          : undefined,
    );
    if (options.now && expires !== undefined) {
      add(
        'notExpired',
        expires <= options.now.getTime() ? `The assertion expired on ${String(doc.expires)}.` : undefined,
      );
    }
  }
  return { ok: checks.every((c) => c.ok), checks };
}
