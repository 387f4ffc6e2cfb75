// Input that is not a badge at all (garbage, a hostile file, a URL we may not fetch) is refused with
// a reason, unlike a badge that fails its checks, which is a verification result.
import type { DocumentLimitExcess } from '../credentials/index.ts';
import { DomainError } from '../errors.ts';

export class NotABadgeError extends DomainError {
  readonly code = 'not-a-badge';
  constructor(
    /** Stable machine-readable reason: a BakeError or safe-fetch code, or one of ours (VERIFY_…). */
    readonly reason: string,
    message: string,
    /** The input is larger than we accept (HTTP 413 rather than 422). */
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

/** Load shedding: as many verifications as the server takes are already waiting or running. */
export class VerifierBusyError extends DomainError {
  readonly code = 'verifier-busy';
  constructor(
    /** When a retry is likely to find room (Retry-After). */
    readonly retryAfterSeconds: number,
  ) {
    super('The server is verifying as many credentials as it can at the moment; try again in a few seconds.');
  }
}

/** A document larger than any real credential is refused before any JSON-LD work is spent on it. */
export function refuseOversized(excess: DocumentLimitExcess | undefined): void {
  if (!excess) return;
  const reason = excess.limit === 'duplicate-context' ? 'VERIFY_CONTEXT_REFUSED' : 'VERIFY_TOO_LARGE';
  throw new NotABadgeError(reason, excess.message, excess.tooLarge);
}
