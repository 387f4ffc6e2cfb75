// PNG baking: one iTXt chunk carries the credential.
// OB 3.0 §5.3.1 "PNG": keyword `openbadgecredential`, uncompressed, text = credential JSON or compact JWS.
// https://www.imsglobal.org/spec/ob/v3p0/#png
// OB 2.0 "PNGs": keyword `openbadges`, text = signed assertion (JWS) or the assertion JSON (OB 1.x: a URL,
// sometimes in tEXt). https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/baking/index.html
// PNG chunk layout and iTXt: https://www.w3.org/TR/png-3/#5Chunk-layout, https://www.w3.org/TR/png-3/#11iTXt
import { crc32, inflateSync } from 'node:zlib';
import {
  assertBakeInput,
  BakeError,
  type BakeInput,
  classifyPayload,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_PAYLOAD_BYTES,
  decodeUtf8,
  generationOf,
  type Unbaked,
  type UnbakeOptions,
} from './payload.ts';

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const OB3_KEYWORD = 'openbadgecredential';
const OB2_KEYWORD = 'openbadges';
/** PNG §5.3: a chunk's length is at most 2^31 - 1. */
const MAX_CHUNK_LENGTH = 0x7fff_ffff;

interface Chunk {
  type: string;
  /** Offsets of the whole chunk (length field to CRC) in the file. */
  start: number;
  end: number;
  data: Uint8Array;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * Splits a PNG into chunks, checking every length against the bytes left, every CRC, that IHDR comes
 * first and that IEND is present. Bytes after IEND are ignored (and dropped when re-baking).
 */
function readChunks(bytes: Uint8Array): Chunk[] {
  if (!isPng(bytes)) throw new BakeError('BAKE_NOT_PNG', 'The file does not start with the PNG signature.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  let offset = 8;
  while (true) {
    if (offset + 12 > bytes.length)
      throw new BakeError('BAKE_PNG_CORRUPT', 'The PNG ends before its IEND chunk.');
    const length = view.getUint32(offset);
    if (length > MAX_CHUNK_LENGTH || offset + 12 + length > bytes.length) {
      throw new BakeError(
        'BAKE_PNG_CORRUPT',
        `A chunk at byte ${offset} claims more bytes than the file has.`,
      );
    }
    const typeBytes = bytes.subarray(offset + 4, offset + 8);
    if (!typeBytes.every((b) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a))) {
      throw new BakeError('BAKE_PNG_CORRUPT', `The chunk at byte ${offset} has an invalid type.`);
    }
    const type = String.fromCharCode(...typeBytes);
    const end = offset + 12 + length;
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length)) {
      throw new BakeError('BAKE_PNG_CRC', `The ${type} chunk at byte ${offset} has a wrong CRC.`);
    }
    if (chunks.length === 0 && type !== 'IHDR')
      throw new BakeError('BAKE_PNG_CORRUPT', 'The first chunk is not IHDR.');
    chunks.push({ type, start: offset, end, data: bytes.subarray(offset + 8, offset + 8 + length) });
    offset = end;
    if (type === 'IEND') return chunks;
  }
}

interface TextChunk {
  keyword: string;
  /** The raw text bytes and how to read them. */
  text: Uint8Array;
  compressed: boolean;
  encoding: 'latin1' | 'utf8';
}

/** Parses tEXt, zTXt and iTXt (PNG §11.3.3); returns undefined for other chunks. */
function readTextChunk(chunk: Chunk): TextChunk | undefined {
  if (chunk.type !== 'tEXt' && chunk.type !== 'zTXt' && chunk.type !== 'iTXt') return undefined;
  const { data } = chunk;
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 1 || keywordEnd > 79)
    throw new BakeError('BAKE_PNG_CORRUPT', `A ${chunk.type} keyword is invalid.`);
  const keyword = Buffer.from(data.subarray(0, keywordEnd)).toString('latin1');
  const rest = data.subarray(keywordEnd + 1);
  if (chunk.type === 'tEXt') return { keyword, text: rest, compressed: false, encoding: 'latin1' };
  if (chunk.type === 'zTXt') {
    if (rest[0] !== 0) throw new BakeError('BAKE_PNG_CORRUPT', 'zTXt uses an unknown compression method.');
    return { keyword, text: rest.subarray(1), compressed: true, encoding: 'latin1' };
  }
  // iTXt: compression flag, compression method, language tag\0, translated keyword\0, text.
  const flag = rest[0];
  const method = rest[1];
  if ((flag !== 0 && flag !== 1) || (flag === 1 && method !== 0)) {
    throw new BakeError('BAKE_PNG_CORRUPT', 'iTXt has an invalid compression flag or method.');
  }
  const languageEnd = rest.indexOf(0, 2);
  const translatedEnd = languageEnd < 0 ? -1 : rest.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) throw new BakeError('BAKE_PNG_CORRUPT', 'iTXt is missing its null separators.');
  return { keyword, text: rest.subarray(translatedEnd + 1), compressed: flag === 1, encoding: 'utf8' };
}

const isBadgeKeyword = (keyword: string) => keyword === OB3_KEYWORD || keyword === OB2_KEYWORD;

function chunkBytes(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An uncompressed iTXt with empty language tag and translated keyword, text in UTF-8. */
export function itxtChunk(keyword: string, text: string): Buffer {
  const data = Buffer.concat([
    Buffer.from(keyword, 'latin1'),
    Uint8Array.of(0, 0, 0, 0, 0),
    Buffer.from(text, 'utf8'),
  ]);
  return chunkBytes('iTXt', data);
}

/**
 * Bakes into a PNG: every existing OB 2.0 / 3.0 text chunk is removed (the specs allow exactly one)
 * and a single iTXt is placed right after IHDR, so it precedes every IDAT.
 */
export function bakePng(png: Uint8Array, input: BakeInput, options: { maxBytes?: number } = {}): Buffer {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (png.length > maxBytes)
    throw new BakeError('BAKE_TOO_LARGE', `The image is larger than ${maxBytes} bytes.`);
  assertBakeInput(input);
  const chunks = readChunks(png);
  const keyword = generationOf(input.format) === 'ob3' ? OB3_KEYWORD : OB2_KEYWORD;
  const parts: Uint8Array[] = [PNG_SIGNATURE];
  for (const chunk of chunks) {
    const text = readTextChunk(chunk);
    if (text && isBadgeKeyword(text.keyword)) continue;
    parts.push(png.subarray(chunk.start, chunk.end));
    if (chunk.type === 'IHDR') parts.push(itxtChunk(keyword, input.payload));
  }
  return Buffer.concat(parts);
}

function inflateCapped(bytes: Uint8Array, maxPayloadBytes: number): Uint8Array {
  try {
    return inflateSync(bytes, { maxOutputLength: maxPayloadBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new BakeError(
        'BAKE_DECOMPRESSION',
        `The compressed text inflates past ${maxPayloadBytes} bytes.`,
      );
    }
    throw new BakeError('BAKE_DECOMPRESSION', 'A compressed text chunk is not valid zlib data.');
  }
}

/** Extracts the one badge text chunk of a PNG; zero or several is an error. */
export function unbakePng(png: Uint8Array, options: UnbakeOptions = {}): Unbaked {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  if (png.length > maxBytes)
    throw new BakeError('BAKE_TOO_LARGE', `The file is larger than ${maxBytes} bytes.`);
  const found: TextChunk[] = [];
  for (const chunk of readChunks(png)) {
    const text = readTextChunk(chunk);
    if (text && isBadgeKeyword(text.keyword)) found.push(text);
  }
  if (found.length > 1) {
    throw new BakeError('BAKE_MULTIPLE_CREDENTIALS', 'The PNG carries more than one Open Badges chunk.');
  }
  const chunk = found[0];
  if (!chunk) throw new BakeError('BAKE_NO_CREDENTIAL', 'The PNG carries no Open Badges data.');
  const raw = chunk.compressed ? inflateCapped(chunk.text, maxPayloadBytes) : chunk.text;
  const text =
    chunk.encoding === 'utf8' ? decodeUtf8(raw, 'The iTXt text') : Buffer.from(raw).toString('latin1');
  const generation = chunk.keyword === OB3_KEYWORD ? 'ob3' : 'ob2';
  return { ...classifyPayload(generation, text), fileType: 'png' };
}

/** For tests and callers that need to inspect a PNG: chunk types in order, after full validation. */
export function listPngChunks(png: Uint8Array): { type: string; length: number }[] {
  return readChunks(png).map((c) => ({ type: c.type, length: c.data.length }));
}
