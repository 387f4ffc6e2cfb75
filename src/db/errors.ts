// Which database failures are worth trying again unchanged. Both drivers (pg and PGlite) report the
// server's SQLSTATE as `code`; a lost connection shows as a Node network error or pg's own message.

/** SQLSTATEs that say "not now" rather than "never": races, lock waits, a server going away. */
const RETRYABLE_SQLSTATES = new Set([
  '23505', // unique_violation: a concurrent transaction inserted the same key first; a retry reads it
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '53300', // too_many_connections
]);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

const LOST_CONNECTION = /connection terminated|connection timeout|client has encountered a connection error/i;

/**
 * True when the failure comes from a race or from the connection, not from the data: the same work,
 * done again a moment later, can succeed. Looks through `cause` chains.
 */
export function isRetryableDatabaseError(error: unknown): boolean {
  return causeChain(error).some(({ code, message }) => {
    if (typeof code === 'string') {
      if (RETRYABLE_SQLSTATES.has(code) || code.startsWith('08') || NETWORK_CODES.has(code)) return true;
    }
    return typeof message === 'string' && LOST_CONNECTION.test(message);
  });
}

/** SQLSTATEs of two transactions getting in each other's way: the work was rolled back whole, and may be sent again. */
const CONTENTION_SQLSTATES = new Set(['40001', '40P01', '55P03']);

/**
 * True when the database rolled the work back because a concurrent transaction got in its way (a serialization
 * failure, a deadlock, a lock wait over lock_timeout): nothing of it was saved and the same request may be sent
 * again. Only the server's SQLSTATE counts; a network error of some other call does not.
 */
export function isContentionError(error: unknown): boolean {
  return causeChain(error).some(({ code }) => typeof code === 'string' && CONTENTION_SQLSTATES.has(code));
}

/** The error and the errors under it (`cause`), five deep at most: drivers and wrappers nest them. */
function causeChain(error: unknown): Array<{ code?: unknown; message?: unknown }> {
  const chain: Array<{ code?: unknown; message?: unknown }> = [];
  for (let current = error; current && typeof current === 'object' && chain.length < 5; ) {
    const link = current as { code?: unknown; message?: unknown; cause?: unknown };
    chain.push(link);
    current = link.cause;
  }
  return chain;
}

/** A short, single-line reason to store beside a failed piece of work. */
export function failureReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const text = typeof code === 'string' ? `${code}: ${message}` : message;
  return text.replace(/\s+/g, ' ').slice(0, 1000);
}
