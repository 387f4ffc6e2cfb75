// The `not-before` and `not-expired` checks against the caller's clock.
// https://www.w3.org/TR/vc-data-model-2.0/#validity-period (VC 1.1: issuanceDate / expirationDate)
import { parseCredentialDate } from '../model/dates.ts';
import { type Check, check } from './types.ts';

export function checkNotBefore(credential: Record<string, unknown>, now: Date, skewMs: number): Check {
  const field = 'validFrom' in credential ? 'validFrom' : 'issuanceDate';
  const raw = credential[field];
  if (raw === undefined) return check('not-before', 'passed', 'The credential states no start of validity.');
  const from = parseCredentialDate(raw);
  if (!from)
    return check(
      'not-before',
      'failed',
      `The credential's ${field} is not a valid date and time with a time zone.`,
    );
  if (from.getTime() > now.getTime() + skewMs) {
    return check(
      'not-before',
      'failed',
      `The credential is not valid yet: it becomes valid on ${from.toISOString()}.`,
    );
  }
  return check('not-before', 'passed', `Valid since ${from.toISOString()}.`);
}

export function checkNotExpired(credential: Record<string, unknown>, now: Date, skewMs: number): Check {
  const field = 'validUntil' in credential ? 'validUntil' : 'expirationDate';
  const raw = credential[field];
  if (raw === undefined) return check('not-expired', 'passed', 'The credential does not expire.');
  const until = parseCredentialDate(raw);
  if (!until)
    return check(
      'not-expired',
      'failed',
      `The credential's ${field} is not a valid date and time with a time zone.`,
    );
  if (until.getTime() < now.getTime() - skewMs) {
    return check('not-expired', 'failed', `The credential expired on ${until.toISOString()}.`);
  }
  return check('not-expired', 'passed', `Valid until ${until.toISOString()}.`);
}
