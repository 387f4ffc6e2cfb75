// An error the CLI prints as a message (no stack) and exits with its code.
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * The data directory's lock is held by another process (db/connection.ts's DatabaseLockedError), told by
 * its code so that the command line need not load the database modules to recognise it.
 */
export function isDatabaseLocked(error: unknown): error is Error & { pid: number } {
  return error instanceof Error && (error as { code?: unknown }).code === 'DATABASE_LOCKED';
}
