// A course's picture is hostile input shown on public pages: PNG, JPEG or WebP recognised by its first bytes
// (never the name or type a browser claims), at most 5 MB and 40 megapixels, decoded in full (a damaged or
// truncated file is refused) and drawn again as a new WebP at most 1600×900: whatever rode along in the
// original — EXIF (a phone's location), XMP, comments, text chunks, bytes after the image's end — is not
// in the new file, and a phone photo stands the right way up. Bytes in, bytes out; no storage, no HTTP.
import sharp from 'sharp';
import { type FieldProblemCode, InvalidError, type ProblemParams } from '../errors.ts';
import { sniffFileType } from './model.ts';

export type CourseImageSource = 'png' | 'jpeg' | 'webp';
export const MAX_COURSE_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_INPUT_PIXELS = 40_000_000;
/** The size the catalog card, course page and cart need at most (a 16:9 banner at twice its CSS size). */
export const COURSE_IMAGE_BOX = { width: 1600, height: 900 } as const;
export const COURSE_IMAGE_CONTENT_TYPE = 'image/webp';

function refuse(message: string, code: FieldProblemCode, params?: ProblemParams): never {
  throw new InvalidError(message, [{ path: 'file', message, code, params }]);
}

/** PNG and JPEG as every upload is sniffed (model.ts); WebP is a RIFF container of kind "WEBP". */
export function sniffCourseImage(bytes: Uint8Array): CourseImageSource | null {
  const type = sniffFileType(bytes, '');
  if (type === 'png' || type === 'jpeg') return type;
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return null;
}

/** The picture drawn again as WebP without metadata; a 400 at `file` naming what is wrong otherwise. */
export async function reencodeCourseImage(
  bytes: Buffer,
): Promise<{ source: CourseImageSource; bytes: Buffer; width: number; height: number }> {
  if (bytes.length === 0) refuse('The picture is empty.', 'picture-empty');
  if (bytes.length > MAX_COURSE_IMAGE_BYTES)
    refuse('The picture is larger than 5 MB.', 'picture-too-large', {
      megabytes: MAX_COURSE_IMAGE_BYTES / 1024 / 1024,
    });
  const source = sniffCourseImage(bytes);
  if (!source) refuse('A course picture must be a PNG, JPEG or WebP image.', 'course-picture-type');
  // failOn 'warning': a truncated or damaged file is refused rather than drawn half grey.
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning', animated: false } as const;
  let format: string | undefined;
  try {
    format = (await sharp(bytes, options).metadata()).format;
  } catch {
    refuse(
      'The picture could not be read; it may be damaged or too large (at most 40 megapixels).',
      'picture-unreadable-or-too-large',
      { megapixels: MAX_INPUT_PIXELS / 1_000_000 },
    );
  }
  // The decoder must agree with the signature: a PNG signature in front of something else is refused.
  if (format !== source) refuse('The picture is not what its first bytes say it is.', 'picture-mismatch');
  try {
    const { data, info } = await sharp(bytes, options)
      .rotate() // the EXIF orientation, applied to the pixels (the tag itself is not kept)
      .resize({ ...COURSE_IMAGE_BOX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82, effort: 4 })
      .toBuffer({ resolveWithObject: true });
    return { source, bytes: data, width: info.width, height: info.height };
  } catch {
    return refuse('The picture could not be read; it may be damaged.', 'picture-unreadable');
  }
}
