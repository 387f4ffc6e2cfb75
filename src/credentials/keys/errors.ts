/** A key could not be read. Messages name the problem, never the key material. */
export class InvalidKeyError extends Error {
  readonly code = 'INVALID_KEY';
  override name = 'InvalidKeyError';
}
