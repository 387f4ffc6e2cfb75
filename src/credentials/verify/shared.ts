// What every way of verifying a credential shares: the overall rule and the checks that do not depend
// on how the credential is secured.
import { checkNotBefore, checkNotExpired } from './dates.ts';
import { checkIssuerIdentity } from './issuerIdentity.ts';
import { checkStatus } from './status.ts';
import {
  type Check,
  type CheckCode,
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

/**
 * The names a caller may give in VC-API `options.checks` (https://w3c-ccg.github.io/vc-api/#verify-credential),
 * each with the checks it stands for: the VC-API and W3C suites' names (`proof`, `credentialStatus`…), common
 * aliases, and our own check codes. `proof` covers the signature and a VC-JWT's claims (both are what the
 * issuer secured); whether the signing key belongs to the issuer is `issuer`.
 */
export const REQUESTABLE_CHECKS = {
  proof: ['proof', 'jwt-claims'],
  status: ['status'],
  credentialStatus: ['status'],
  revocation: ['status'],
  expiration: ['not-expired'],
  validUntil: ['not-expired'],
  expirationDate: ['not-expired'],
  validFrom: ['not-before'],
  notBefore: ['not-before'],
  issuanceDate: ['not-before'],
  issuer: ['issuer-key', 'issuer-identity'],
  'open-badges': ['open-badges'],
  structure: ['structure'],
  contexts: ['contexts'],
  'issuer-key': ['issuer-key'],
  'issuer-identity': ['issuer-identity'],
  'jwt-claims': ['jwt-claims'],
  'not-before': ['not-before'],
  'not-expired': ['not-expired'],
} as const satisfies Record<string, readonly CheckCode[]>;

export type RequestedCheck = keyof typeof REQUESTABLE_CHECKS;
export const REQUESTABLE_CHECK_NAMES = Object.keys(REQUESTABLE_CHECKS) as [
  RequestedCheck,
  ...RequestedCheck[],
];

/** A malformed credential is never verified, whatever was asked for. */
const ALWAYS_DECIDE: readonly CheckCode[] = ['structure', 'contexts'];

/** The codes that decide for a list of requested check names (structure and contexts always do). */
export function decidingCodes(requested: readonly RequestedCheck[]): Set<CheckCode> {
  return new Set([...ALWAYS_DECIDE, ...requested.flatMap((name) => REQUESTABLE_CHECKS[name])]);
}

/**
 * Marks the checks `requested` does not name (`requested: false`) and decides `verified` by the others
 * alone; each such check that did not pass becomes a `not-requested` warning, so nothing is hidden. Without
 * a list (undefined), the result is unchanged: every check decides.
 */
export function decideByRequestedChecks(
  outcome: VerificationResult,
  requested: readonly RequestedCheck[] | undefined,
): VerificationResult {
  if (requested === undefined) return outcome;
  const deciding = decidingCodes(requested);
  const checks = outcome.checks.map((item) =>
    deciding.has(item.code) ? item : { ...item, requested: false as const },
  );
  const decisive = checks.filter((item) => item.requested !== false);
  const notRequested = checks
    .filter((item) => item.requested === false && item.status !== 'passed')
    .map((item) => ({
      code: 'not-requested',
      message: `${item.code} ${item.status === 'failed' ? 'failed' : 'could not be checked'}, but it was not among the requested checks, so it did not decide: ${item.message}`,
    }));
  return {
    ...outcome,
    verified: outcome.fault === undefined && decisive.length > 0 && allPassed(decisive),
    checks,
    warnings: [...outcome.warnings, ...notRequested],
  };
}
