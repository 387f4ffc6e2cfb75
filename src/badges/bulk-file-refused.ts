// A bulk-award file refused as a whole (nothing of it is kept): a stable reason for clients that translate,
// the values the message names, and the English message for the API's detail and the CLI.

/** Why a file as a whole is refused. */
export type BulkFileReason =
  | 'not-utf8'
  | 'row-too-long'
  | 'unclosed-quote'
  | 'unknown-columns'
  | 'repeated-columns'
  | 'no-email-column'
  | 'no-header'
  | 'too-many-rows'
  | 'empty'
  | 'no-recipients'
  | 'too-large';

/** The file as a whole cannot be used; nothing of it is kept. */
export class BulkFileRefusedError extends Error {
  readonly code = 'bulk-file-refused';
  constructor(
    message: string,
    readonly reason: BulkFileReason,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}
