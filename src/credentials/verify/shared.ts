// What every way of verifying a credential shares: the overall rule and the checks that do not depend
// on how the credential is secured.
import { checkNotBefore, checkNotExpired } from './dates.ts';
import { checkIssuerIdentity } from './issuerIdentity.ts';
import { checkStatus } from './status.ts';
import {
  type Check,
  type CredentialFormat,
  check,
  type VerificationResult,
  type VerificationWarning,
  type VerifyOptions,
} from './types.ts';

type JsonObject = Record<string, unknown>;

/** Overall rule: verified only when every check passed. `unchecked` counts against: we could not confirm. */
const allPassed = (checks: Check[]) => checks.every((item) => item.status === 'passed');

export const result = (
  format: CredentialFormat,
  checks: Check[],
  credential?: JsonObject,
  warnings: VerificationWarning[] = [],
): VerificationResult => ({
  verified: checks.length > 0 && allPassed(checks),
  format,
  ...(credential && { credential }),
  checks,
  warnings,
});

export const unreadable = (message: string, format: CredentialFormat = 'unknown'): VerificationResult =>
  result(format, [check('structure', 'failed', message)]);

/** Checks that do not depend on how the credential is secured. */
export async function contentChecks(credential: JsonObject, options: VerifyOptions): Promise<Check[]> {
  const skewMs = (options.maxClockSkewSeconds ?? 0) * 1000;
  // Without a usable clock the dates cannot be judged; a NaN date would otherwise compare as "fine".
  const clockOk = options.now instanceof Date && !Number.isNaN(options.now.getTime());
  const noClock = 'No valid current time was given, so the validity dates could not be checked.';
  return [
    checkIssuerIdentity(credential),
    clockOk ? checkNotBefore(credential, options.now, skewMs) : check('not-before', 'unchecked', noClock),
    clockOk ? checkNotExpired(credential, options.now, skewMs) : check('not-expired', 'unchecked', noClock),
    await checkStatus(credential, options),
  ];
}
