// Pure rules of imported badges: what is kept of a badge brought from elsewhere, how the same badge
// is recognised twice, and what is shown of it. No I/O.
import { createHash } from 'node:crypto';
import type { BadgeInput, VerificationReport } from '../verification/index.ts';
import type { PayloadKind } from './tables.ts';

/** A learner's backpack is not an archive of the internet. */
export const MAX_IMPORTS_PER_USER = 500;
/** Pasted JSON or JWT, and an unbaked payload (the verify API's own cap). */
export const MAX_PAYLOAD_CHARS = 1_000_000;
export const MAX_URL_CHARS = 2048;
/** Baked PNG/SVG uploads. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

function parseObject(json: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The JSON payload of a compact JWT/JWS, if it has one. */
function jwtPayload(jwt: string): Json | undefined {
  const segment = jwt.split('.')[1];
  return segment ? parseObject(Buffer.from(segment, 'base64url').toString('utf8')) : undefined;
}

/** The credential (OB 3.0) or assertion (OB 2.0) document a payload carries, when it carries one. */
export function documentOf(kind: PayloadKind, payload: string): Json | undefined {
  if (kind === 'json') return parseObject(payload);
  if (kind === 'jwt') {
    const claims = jwtPayload(payload);
    return isObject(claims?.vc) ? claims.vc : claims;
  }
  return undefined;
}

/** The same badge, however it was brought: its assertion URL or credential id, else a digest. */
export function dedupeKeyOf(kind: PayloadKind, payload: string): string {
  if (kind === 'url') return payload.trim();
  const doc = documentOf(kind, payload);
  const id = text(doc?.id) ?? (kind === 'jwt' ? text(jwtPayload(payload)?.jti) : undefined);
  return id ?? `sha256:${createHash('sha256').update(payload).digest('hex')}`;
}

/** What to verify again later, from what was stored. */
export function badgeInputOf(kind: PayloadKind, payload: string): BadgeInput {
  if (kind === 'url') return { kind: 'url', url: payload };
  if (kind === 'jwt') return { kind: 'credential', credential: payload };
  return { kind: 'credential', credential: parseObject(payload) ?? payload };
}

/** An OB 3.0 achievement's image, only when it is an https URL (never fetched by our pages). */
export function imageUrlOf(kind: PayloadKind, payload: string): string | null {
  const doc = documentOf(kind, payload);
  const subject = first(doc?.credentialSubject);
  const achievement = isObject(subject) && isObject(subject.achievement) ? subject.achievement : undefined;
  const image = achievement?.image;
  const url = text(isObject(image) ? image.id : image);
  return url && /^https:\/\/[^\s]+$/i.test(url) && url.length <= MAX_URL_CHARS ? url : null;
}

export interface BadgeSummary {
  badgeName: string;
  issuerName: string | null;
  issuerId: string | null;
  validFrom: string | null;
  validUntil: string | null;
}

/** The names and dates the verification read; undefined when it read no badge name at all. */
export function summaryOf(report: VerificationReport): BadgeSummary | undefined {
  const { claims } = report;
  const badgeName = text(claims.badgeName) ?? text(claims.achievementName);
  if (!badgeName) return undefined;
  return {
    badgeName: badgeName.slice(0, 500),
    issuerName: text(claims.issuerName)?.slice(0, 500) ?? null,
    issuerId: text(claims.issuerId)?.slice(0, MAX_URL_CHARS) ?? null,
    validFrom: text(claims.validFrom) ?? text(claims.awardedDate) ?? null,
    validUntil: text(claims.validUntil) ?? null,
  };
}

/** Why nothing could be read, in the verifier's words: the first check that did not pass. */
export function unreadableReason(report: VerificationReport): string {
  const problem = report.checks.find((c) => c.status !== 'passed');
  return problem ? problem.message : 'The badge names no badge.';
}

/** A public page shows a recipient only as a hash: a plain email address stays private. */
export function publicReport(report: VerificationReport): VerificationReport {
  const { recipient, ...claims } = report.claims;
  return { ...report, claims: recipient?.hashed ? { ...claims, recipient } : claims };
}
