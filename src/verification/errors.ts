// Input that is not a badge at all (garbage, a hostile file, a URL we may not fetch) is refused with
// a reason, unlike a badge that fails its checks, which is a verification result.
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
