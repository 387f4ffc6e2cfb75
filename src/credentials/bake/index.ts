// Baking Open Badges into images and reading them back (OB 3.0 §5.3, OB 2.0 Baking).
// https://www.imsglobal.org/spec/ob/v3p0/#baking
import {
  BakeError,
  type BakeInput,
  DEFAULT_MAX_FILE_BYTES,
  type Unbaked,
  type UnbakeOptions,
} from './payload.ts';
import { bakePng, unbakePng } from './png.ts';
import { bakeSvg, looksLikeSvg, unbakeSvg } from './svg.ts';

export {
  type BakedFormat,
  BakeError,
  type BakeErrorCode,
  type BakeInput,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_PAYLOAD_BYTES,
  type Unbaked,
  type UnbakeOptions,
} from './payload.ts';
export { bakePng, listPngChunks, unbakePng } from './png.ts';
export { bakeSvg, OB2_SVG_NAMESPACE, OB3_SVG_NAMESPACE, unbakeSvg } from './svg.ts';

function fileTypeOf(bytes: Uint8Array): 'png' | 'svg' {
  // 0x89 never starts a text file: anything that does is judged (and refused) as a PNG.
  if (bytes[0] === 0x89) return 'png';
  if (looksLikeSvg(bytes)) return 'svg';
  throw new BakeError('BAKE_UNSUPPORTED_FILE', 'Only PNG and SVG files can carry a baked badge.');
}

/** Bakes into a PNG or an SVG, whichever the image is. */
export function bake(image: Uint8Array, input: BakeInput, options: { maxBytes?: number } = {}): Buffer {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (image.length > maxBytes)
    throw new BakeError('BAKE_TOO_LARGE', `The image is larger than ${maxBytes} bytes.`);
  return fileTypeOf(image) === 'png' ? bakePng(image, input, options) : bakeSvg(image, input, options);
}

/** Reads the badge out of an untrusted PNG or SVG file. Every failure is a BakeError with a stable code. */
export function unbake(file: Uint8Array, options: UnbakeOptions = {}): Unbaked {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (file.length > maxBytes)
    throw new BakeError('BAKE_TOO_LARGE', `The file is larger than ${maxBytes} bytes.`);
  return fileTypeOf(file) === 'png' ? unbakePng(file, options) : unbakeSvg(file, options);
}
