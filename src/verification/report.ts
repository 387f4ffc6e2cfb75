// What the verify page and API report: one verdict, the checks in plain words, what the credential
// claims (read, never guessed) and whether an email address is its recipient.
import { matchesEmailIdentity, ob2IdentityMatches } from '../credentials/index.ts';

export type ReportCheckStatus = 'passed' | 'failed' | 'unchecked';
export interface ReportCheck {
  code: string;
  status: ReportCheckStatus;
  message: string;
}

/** Something worth knowing that decides nothing (a proof type left aside, a legacy cryptosuite name). */
export interface ReportWarning {
  code: string;
  message: string;
}

export type Verdict = 'verified' | 'not-verified' | 'could-not-check';
/** `ob2-badgeclass` / `ob2-profile`: an OB 2.0 BadgeClass or issuer Profile brought alone (a description, not an award). */
export type ReportFormat =
  | 'ob3-json'
  | 'ob3-jwt'
  | 'ob2-hosted'
  | 'ob2-signed'
  | 'ob2-badgeclass'
  | 'ob2-profile'
  | 'unknown';

export interface Recipient {
  /** `id` for a DID or URL subject, else the IdentityObject's type (emailAddress, email, url …). */
  type: string;
  /** The DID, or the identity as published: a salted hash unless the issuer chose to publish it plain. */
  identity: string;
  hashed: boolean;
}

export interface Claims {
  badgeName?: string;
  achievementName?: string;
  issuerName?: string;
  issuerId?: string;
  recipient?: Recipient;
  validFrom?: string;
  validUntil?: string;
  awardedDate?: string;
}

export interface VerificationReport {
  verdict: Verdict;
  format: ReportFormat;
  checks: ReportCheck[];
  /** Never changes the verdict. Reports stored before warnings existed have none. */
  warnings?: ReportWarning[];
  claims: Claims;
  /** Present only when an email address was asked about. */
  emailMatch?: boolean;
  /** A credential of this server whose award was renewed: a newer award replaces it (genuine all the same). */
  superseded?: boolean;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

/** Any failure → not verified; otherwise anything unchecked → could not check; all passed → verified. */
export function verdictOf(checks: ReportCheck[]): Verdict {
  if (checks.length === 0 || checks.some((c) => c.status === 'failed')) return 'not-verified';
  return checks.some((c) => c.status === 'unchecked') ? 'could-not-check' : 'verified';
}

/** Drops undefined fields so a reply carries only what the credential says. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function ob3Recipient(subject: Json): Recipient | undefined {
  const id = text(subject.id);
  if (id) return { type: 'id', identity: id, hashed: false };
  const identifier = first(subject.identifier);
  if (!isObject(identifier) || !text(identifier.identityHash)) return undefined;
  return {
    type: text(identifier.identityType) ?? 'unknown',
    identity: identifier.identityHash as string,
    hashed: identifier.hashed === true,
  };
}

export function ob3Claims(credential: Json): Claims {
  const subject = isObject(first(credential.credentialSubject))
    ? (first(credential.credentialSubject) as Json)
    : {};
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const issuer = credential.issuer;
  return defined({
    badgeName: text(credential.name),
    achievementName: text(achievement.name),
    issuerName: isObject(issuer) ? text(issuer.name) : undefined,
    issuerId: isObject(issuer) ? text(issuer.id) : text(issuer),
    recipient: ob3Recipient(subject),
    validFrom: text(credential.validFrom) ?? text(credential.issuanceDate),
    validUntil: text(credential.validUntil) ?? text(credential.expirationDate),
    awardedDate: text(credential.awardedDate),
  });
}

export function ob3EmailMatch(credential: Json, email: string): boolean {
  const subject = first(credential.credentialSubject);
  if (!isObject(subject)) return false;
  const identifiers = Array.isArray(subject.identifier) ? subject.identifier : [subject.identifier];
  return identifiers.some((identity) => isObject(identity) && matchesEmailIdentity(identity, email));
}

export function ob2Claims(assertion: Json, badgeClass?: Json, issuer?: Json): Claims {
  const recipient = isObject(assertion.recipient) ? assertion.recipient : undefined;
  const issuedOn = text(assertion.issuedOn);
  return defined({
    badgeName: text(badgeClass?.name),
    achievementName: text(badgeClass?.name),
    issuerName: text(issuer?.name),
    issuerId: text(issuer?.id) ?? text(badgeClass?.issuer),
    recipient:
      recipient && text(recipient.identity)
        ? {
            type: text(recipient.type) ?? 'unknown',
            identity: recipient.identity as string,
            hashed: recipient.hashed === true,
          }
        : undefined,
    validFrom: issuedOn,
    validUntil: text(assertion.expires),
    awardedDate: issuedOn,
  });
}

export function ob2EmailMatch(assertion: Json, email: string): boolean {
  const recipient = assertion.recipient;
  if (!isObject(recipient) || recipient.type !== 'email' || typeof recipient.identity !== 'string')
    return false;
  return ob2IdentityMatches(
    {
      identity: recipient.identity,
      hashed: recipient.hashed === true,
      ...(typeof recipient.salt === 'string' ? { salt: recipient.salt } : {}),
    },
    email.trim(),
  );
}
