// The bitstring of W3C Bitstring Status List v1.0 and its wire encoding.
// https://www.w3.org/TR/vc-bitstring-status-list/#bitstring-encoding
// Bit 0 is the left-most (most significant) bit of byte 0; the list is GZIP-compressed and then
// written as multibase base64url without padding (prefix 'u').
import { gunzipSync, gzipSync } from 'node:zlib';

/** §"Bitstring Encoding": a list must be at least 16 KiB uncompressed, for herd privacy. */
export const MIN_LIST_BITS = 131_072;
/** A generous cap for lists we decode (32 MiB of bits, over 268 million entries). */
export const DEFAULT_MAX_LIST_BYTES = 32 * 1024 * 1024;

export type StatusListErrorCode =
  | 'STATUS_LIST_ENCODING'
  | 'STATUS_LIST_TOO_SHORT'
  | 'STATUS_LIST_TOO_LARGE'
  | 'STATUS_INDEX_OUT_OF_RANGE'
  | 'STATUS_ENTRY_INVALID'
  | 'STATUS_LIST_CREDENTIAL_INVALID'
  | 'STATUS_PURPOSE_MISMATCH'
  | 'STATUS_LIST_MISMATCH'
  | 'STATUS_LIST_EXPIRED';

export class StatusListError extends Error {
  constructor(
    readonly code: StatusListErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StatusListError';
  }
}

export class Bitstring {
  readonly bytes: Uint8Array;

  /** A zeroed list of `lengthBits` bits (a multiple of 8, at least MIN_LIST_BITS), or a copy of `bytes`. */
  constructor(init: { lengthBits?: number; bytes?: Uint8Array } = {}) {
    if (init.bytes) {
      this.bytes = Uint8Array.from(init.bytes);
    } else {
      const lengthBits = init.lengthBits ?? MIN_LIST_BITS;
      if (!Number.isSafeInteger(lengthBits) || lengthBits < MIN_LIST_BITS || lengthBits % 8 !== 0) {
        throw new StatusListError(
          'STATUS_LIST_TOO_SHORT',
          `A status list needs a whole number of bytes and at least ${MIN_LIST_BITS} bits; got ${lengthBits}.`,
        );
      }
      this.bytes = new Uint8Array(lengthBits / 8);
    }
  }

  get length(): number {
    return this.bytes.length * 8;
  }

  get(index: number): boolean {
    const byte = this.bytes[this.byteIndex(index)]!;
    return (byte & (0x80 >> (index % 8))) !== 0;
  }

  set(index: number, value: boolean): void {
    const at = this.byteIndex(index);
    const mask = 0x80 >> (index % 8);
    this.bytes[at] = value ? this.bytes[at]! | mask : this.bytes[at]! & ~mask;
  }

  private byteIndex(index: number): number {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.length) {
      throw new StatusListError(
        'STATUS_INDEX_OUT_OF_RANGE',
        `Status index ${index} is outside the list (0..${this.length - 1}).`,
      );
    }
    return Math.floor(index / 8);
  }
}

/** GZIP, then multibase base64url without padding. */
export function encodeList(bits: Bitstring): string {
  return `u${gzipSync(bits.bytes).toString('base64url')}`;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Decodes an `encodedList` from a status list credential someone else published: hostile input.
 * The decompressed size is capped by zlib itself (a gzip bomb stops at `maxBytes`), and lists
 * shorter than the spec's 16 KiB minimum are refused (§"Bitstring Encoding", STATUS_LIST_LENGTH_ERROR).
 */
export function decodeList(encodedList: string, options: { maxBytes?: number } = {}): Bitstring {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_LIST_BYTES;
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
    throw new StatusListError(
      'STATUS_LIST_ENCODING',
      'encodedList must be multibase base64url (prefix "u").',
    );
  }
  const body = encodedList.slice(1);
  // Buffer's decoder skips characters it does not know; check the alphabet first so garbage is refused.
  if (!BASE64URL.test(body) || body.length % 4 === 1) {
    throw new StatusListError('STATUS_LIST_ENCODING', 'encodedList is not valid base64url.');
  }
  let bytes: Buffer;
  try {
    bytes = gunzipSync(Buffer.from(body, 'base64url'), { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new StatusListError(
        'STATUS_LIST_TOO_LARGE',
        `The decoded status list exceeds ${maxBytes} bytes.`,
      );
    }
    throw new StatusListError('STATUS_LIST_ENCODING', 'encodedList is not valid GZIP data.');
  }
  if (bytes.length * 8 < MIN_LIST_BITS) {
    throw new StatusListError(
      'STATUS_LIST_TOO_SHORT',
      `The decoded status list has ${bytes.length * 8} bits; the minimum is ${MIN_LIST_BITS}.`,
    );
  }
  return new Bitstring({ bytes });
}
