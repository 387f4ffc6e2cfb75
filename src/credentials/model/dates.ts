// Times in credentials are xsd:dateTimeStamp in UTC with a Z and whole seconds, as the spec examples
// write them (https://www.w3.org/TR/vc-data-model-2.0/#validity-period).

export class InvalidCredentialInputError extends Error {
  readonly code = 'INVALID_CREDENTIAL_INPUT';
  override name = 'InvalidCredentialInputError';
}

export function toCredentialDate(value: Date | string, field: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidCredentialInputError(`${field} is not a valid date.`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Parses a credential date for comparison; undefined for anything that is not a full timestamp. */
export function parseCredentialDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  // Require a zone: an xsd:dateTime without one is ambiguous, and Date would read it as local time.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
