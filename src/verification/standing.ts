// What a report means to a person, in one word: the three-valued verdict (verified, not verified, could not
// check) says whether to rely on a badge; the standing says why not. An expired but genuine badge is not a
// forged one, a suspended one may come back, a superseded one was renewed: each gets its own headline.
import type { VerificationReport } from './report.ts';

export type Standing =
  | 'verified'
  | 'other-recipient'
  | 'expired'
  | 'not-yet-valid'
  | 'superseded'
  | 'suspended'
  | 'revoked'
  | 'key-revoked'
  | 'tampered'
  | 'not-verified'
  | 'could-not-check';

/** good: rely on it; caution: genuine but not (or not now) current, or not fully checked; bad: do not rely. */
export type Tone = 'good' | 'caution' | 'bad';

export const TONE: Record<Standing, Tone> = {
  verified: 'good',
  'other-recipient': 'bad',
  expired: 'caution',
  'not-yet-valid': 'caution',
  superseded: 'caution',
  suspended: 'bad',
  revoked: 'bad',
  'key-revoked': 'bad',
  tampered: 'bad',
  'not-verified': 'bad',
  'could-not-check': 'caution',
};

/** A signature or the JWT's claims do not match the content: someone changed it after it was signed. */
const TAMPER_CHECKS = new Set(['proof', 'jwt-claims']);
/** Failures that say nothing against the badge being genuine. */
const STANDING_CHECKS = new Set(['status', 'not-expired', 'not-before']);

/** The `issuer-key` check restated by revoked-key.ts: the key that signed it was revoked as compromised. */
const KEY_REVOKED = /\bkey the issuer revoked\b/i;

type Reported = Pick<VerificationReport, 'verdict' | 'checks' | 'emailMatch' | 'superseded'>;

/**
 * The most serious thing a report says, in this order: changed, signed with a key its issuer revoked (when that
 * is the only failure), otherwise not genuine, revoked, suspended,
 * not fully checked, superseded by a renewal, expired, not valid yet, issued to another address, verified.
 */
export function standingOf(report: Reported): Standing {
  const failed = report.checks.filter((c) => c.status === 'failed');
  if (report.checks.length === 0) return 'not-verified';
  if (failed.some((c) => TAMPER_CHECKS.has(c.code))) return 'tampered';
  const [only] = failed;
  if (failed.length === 1 && only?.code === 'issuer-key' && KEY_REVOKED.test(only.message))
    return 'key-revoked';
  if (failed.some((c) => !STANDING_CHECKS.has(c.code))) return 'not-verified';
  const status = failed.find((c) => c.code === 'status');
  if (status) {
    // Our verifiers say which (status.ts: "has revoked", "has suspended"; OB 2.0: "revoked this badge").
    if (/\bsuspended\b/i.test(status.message)) return 'suspended';
    return /\brevoked\b/i.test(status.message) ? 'revoked' : 'not-verified';
  }
  if (report.checks.some((c) => c.status === 'unchecked')) return 'could-not-check';
  if (report.superseded) return 'superseded';
  if (failed.some((c) => c.code === 'not-expired')) return 'expired';
  if (failed.some((c) => c.code === 'not-before')) return 'not-yet-valid';
  return report.emailMatch === false ? 'other-recipient' : 'verified';
}
