// A profile photo is hostile input shown on a public page: only PNG and JPEG recognised by content, at
// most 1 MB and 2048×2048 pixels (the badge picture checks of the badges context, through its index), read
// to its last byte — anything after the image's end is refused (an image that is also an HTML page, script
// or archive) — and kept without metadata: text chunks, EXIF (a phone's location), XMP and comments are
// dropped; only what draws the picture stays, plus a JPEG's orientation. Pure: bytes in, bytes out.
import { checkBadgeImage } from '../badges/index.ts';
import { type FieldProblemCode, InvalidError, type ProblemParams } from '../errors.ts';

export type PhotoType = 'png' | 'jpeg';
export const PHOTO_CONTENT_TYPES: Record<PhotoType, string> = { png: 'image/png', jpeg: 'image/jpeg' };
/** The badge pictures' limits, which checkBadgeImage applies to a PNG. */
export const MAX_PHOTO_BYTES = 1024 * 1024;
const MAX_PIXELS = 2048;

function refuse(message: string, code: FieldProblemCode, params?: ProblemParams): never {
  throw new InvalidError(message, [{ path: 'file', message, code, params }]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The chunks that draw a PNG; every other one (text, EXIF, private chunks) is dropped. */
const PNG_KEPT = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'pHYs',
]);
/** Markup that would make a kept chunk or segment readable as a page or a script. */
const MARKUP =
  /<\s*(script|html|body|svg|iframe|object|embed|!doctype|\?xml|meta|style|link|img|a\s)|javascript:/i;

function refuseMarkup(bytes: Buffer): void {
  if (MARKUP.test(bytes.toString('latin1')))
    refuse('The picture carries markup or script; it was not saved.', 'picture-has-markup');
}

function cleanPng(bytes: Buffer): Buffer {
  checkBadgeImage(bytes); // signature, IHDR first, at most 2048×2048
  const kept: Buffer[] = [PNG_SIGNATURE];
  let at = PNG_SIGNATURE.length;
  for (;;) {
    if (at + 12 > bytes.length) refuse('The PNG image is damaged.', 'png-damaged');
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > bytes.length) refuse('The PNG image is damaged.', 'png-damaged');
    const chunk = bytes.subarray(at, end);
    if (PNG_KEPT.has(type)) {
      if (type !== 'IDAT') refuseMarkup(chunk.subarray(8, 8 + length));
      kept.push(chunk);
    }
    at = end;
    if (type === 'IEND') break;
  }
  if (at !== bytes.length)
    refuse('The file holds more than a picture after its end; it was not saved.', 'picture-trailing-data');
  return Buffer.concat(kept);
}

const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
const isFrameStart = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** The EXIF orientation (1–8) of an APP1 "Exif" segment's payload, if it states one. */
function orientationOf(payload: Buffer): number | null {
  if (payload.length < 14 || payload.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const tiff = payload.subarray(6);
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const u16 = (o: number) => (order === 'II' ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (order === 'II' ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** An APP1 segment holding only the orientation, so a phone photo still stands the right way up. */
function orientationSegment(orientation: number): Buffer {
  const payload = Buffer.alloc(6 + 8 + 2 + 12 + 4);
  payload.write('Exif\0\0', 0, 'latin1');
  payload.write('MM', 6, 'latin1');
  payload.writeUInt16BE(42, 8);
  payload.writeUInt32BE(8, 10);
  payload.writeUInt16BE(1, 14);
  payload.writeUInt16BE(0x0112, 16);
  payload.writeUInt16BE(3, 18);
  payload.writeUInt32BE(1, 20);
  payload.writeUInt16BE(orientation, 24);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** The end of entropy-coded data starting at `at`: the next marker that is not a stuffed byte or restart. */
function afterScan(bytes: Buffer, at: number): number {
  for (let i = at; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1]!;
    if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) continue;
    return i;
  }
  return refuse('The JPEG image is damaged.', 'jpeg-damaged');
}

function cleanJpeg(bytes: Buffer): Buffer {
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let size: { width: number; height: number } | null = null;
  let orientation: number | null = null;
  let at = 2;
  for (;;) {
    if (at + 2 > bytes.length || bytes[at] !== 0xff) refuse('The JPEG image is damaged.', 'jpeg-damaged');
    while (bytes[at + 1] === 0xff && at + 2 < bytes.length) at++; // fill bytes
    const marker = bytes[at + 1]!;
    if (marker === 0xd9) {
      kept.push(bytes.subarray(at, at + 2));
      at += 2;
      break;
    }
    if (isStandalone(marker)) {
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) refuse('The JPEG image is damaged.', 'jpeg-damaged');
    const end = at + 2 + bytes.readUInt16BE(at + 2);
    if (end > bytes.length || end < at + 4) refuse('The JPEG image is damaged.', 'jpeg-damaged');
    const payload = bytes.subarray(at + 4, end);
    if (isFrameStart(marker)) {
      if (payload.length < 5) refuse('The JPEG image is damaged.', 'jpeg-damaged');
      size = { height: payload.readUInt16BE(1), width: payload.readUInt16BE(3) };
    }
    if (marker === 0xe1) orientation ??= orientationOf(payload);
    // APP0 (JFIF), APP2 (colour profile), APP14 (Adobe colour transform) and the coding segments stay.
    const drop =
      marker === 0xfe || (marker >= 0xe0 && marker <= 0xef && ![0xe0, 0xe2, 0xee].includes(marker));
    if (!drop) {
      if (marker >= 0xe0) refuseMarkup(payload);
      kept.push(bytes.subarray(at, end));
    }
    at = end;
    if (marker === 0xda) {
      const scanEnd = afterScan(bytes, at);
      kept.push(bytes.subarray(at, scanEnd));
      at = scanEnd;
    }
  }
  if (at !== bytes.length)
    refuse('The file holds more than a picture after its end; it was not saved.', 'picture-trailing-data');
  if (!size || size.width === 0 || size.height === 0) refuse('The JPEG image is damaged.', 'jpeg-damaged');
  if (size.width > MAX_PIXELS || size.height > MAX_PIXELS)
    refuse(`The image must be at most ${MAX_PIXELS}×${MAX_PIXELS} pixels.`, 'image-too-many-pixels', {
      maximum: MAX_PIXELS,
    });
  // After a JFIF header (which must come first), else right after the start of the image.
  const place = kept[1]?.[1] === 0xe0 ? 2 : 1;
  if (orientation !== null && orientation !== 1) kept.splice(place, 0, orientationSegment(orientation));
  return Buffer.concat(kept);
}

/** The photo's type from its content and the bytes to keep; a 400 at `file` naming what is wrong otherwise. */
export function checkProfilePhoto(bytes: Buffer): { type: PhotoType; bytes: Buffer } {
  if (bytes.length === 0) refuse('The picture is empty.', 'picture-empty');
  if (bytes.length > MAX_PHOTO_BYTES)
    refuse('The picture is larger than 1 MB.', 'picture-too-large', {
      megabytes: MAX_PHOTO_BYTES / 1024 / 1024,
    });
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return { type: 'png', bytes: cleanPng(bytes) };
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { type: 'jpeg', bytes: cleanJpeg(bytes) };
  return refuse('A profile photo must be a PNG or JPEG picture.', 'profile-photo-type');
}
