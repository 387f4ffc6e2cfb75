// Shared types of baking: the error with its stable codes and what a baked payload is.
// OB 3.0 §"Baking": https://www.imsglobal.org/spec/ob/v3p0/#baking
// OB 2.0 Baking: https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/baking/index.html

export type BakeErrorCode =
  | 'BAKE_TOO_LARGE'
  | 'BAKE_UNSUPPORTED_FILE'
  | 'BAKE_NOT_PNG'
  | 'BAKE_PNG_CORRUPT'
  | 'BAKE_PNG_CRC'
  | 'BAKE_NOT_SVG'
  | 'BAKE_SVG_MALFORMED'
  | 'BAKE_SVG_DOCTYPE'
  | 'BAKE_NO_CREDENTIAL'
  | 'BAKE_MULTIPLE_CREDENTIALS'
  | 'BAKE_DECOMPRESSION'
  | 'BAKE_BAD_PAYLOAD'
  | 'BAKE_INVALID_INPUT';

export class BakeError extends Error {
  constructor(
    readonly code: BakeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BakeError';
  }
}

/** What a file carries: an OB 3.0 credential (JSON or VC-JWT) or an OB 2.0 assertion (URL, JWS or JSON). */
export type BakedFormat = 'ob3-json' | 'ob3-jwt' | 'ob2-url' | 'ob2-jws' | 'ob2-json';

export interface BakeInput {
  format: BakedFormat;
  /** The exact text to embed: credential JSON, compact JWS/JWT, or the hosted assertion URL. */
  payload: string;
  /** OB 2.0 SVG with a JSON body only: the hosted assertion URL for `verify` (default: the JSON's `id`). */
  verify?: string;
}

export interface Unbaked {
  format: BakedFormat;
  payload: string;
  fileType: 'png' | 'svg';
  /** OB 2.0 SVG only: the `verify` attribute next to a JSON body. */
  verify?: string;
}

export interface UnbakeOptions {
  /** Largest file accepted, in bytes (default 5 MiB). */
  maxBytes?: number;
  /** Largest decompressed text chunk accepted, in bytes (default 1 MiB). */
  maxPayloadBytes?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

export function isCompactJws(text: string): boolean {
  return COMPACT_JWS.test(text);
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Decides what a baked text is; anything unrecognisable is refused rather than guessed. */
export function classifyPayload(
  generation: 'ob3' | 'ob2',
  raw: string,
): { format: BakedFormat; payload: string } {
  const text = raw.trim();
  if (isJsonObject(text)) return { format: generation === 'ob3' ? 'ob3-json' : 'ob2-json', payload: text };
  if (isCompactJws(text)) return { format: generation === 'ob3' ? 'ob3-jwt' : 'ob2-jws', payload: text };
  if (generation === 'ob2' && /^https?:\/\/\S+$/.test(text)) return { format: 'ob2-url', payload: text };
  throw new BakeError(
    'BAKE_BAD_PAYLOAD',
    `The baked ${generation} data is neither JSON, a compact JWS nor a URL.`,
  );
}

/** Checks that what the caller asks us to bake is what its format says, before touching the image. */
export function assertBakeInput(input: BakeInput): void {
  const generation = input.format.startsWith('ob3') ? 'ob3' : 'ob2';
  let classified: BakedFormat;
  try {
    classified = classifyPayload(generation, input.payload).format;
  } catch {
    throw new BakeError('BAKE_INVALID_INPUT', `The payload is not a valid ${input.format}.`);
  }
  if (classified !== input.format) {
    throw new BakeError('BAKE_INVALID_INPUT', `The payload looks like ${classified}, not ${input.format}.`);
  }
}

export function generationOf(format: BakedFormat): 'ob3' | 'ob2' {
  return format.startsWith('ob3') ? 'ob3' : 'ob2';
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BakeError('BAKE_BAD_PAYLOAD', `${what} is not valid UTF-8.`);
  }
}
