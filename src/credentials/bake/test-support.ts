// Test fixtures for baking: real images rendered by resvg, and a decoder check by the same library.
import { crc32, deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { readStandardsExample } from '../testing/standards.ts';

export const RED_SQUARE_SVG =
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4" viewBox="0 0 4 4">\n  <rect width="4" height="4" fill="#ff0000"/>\n</svg>\n';

/** A real 4×4 red PNG, rendered by resvg. */
export function redSquarePng(): Buffer {
  return Buffer.from(new Resvg(RED_SQUARE_SVG).render().asPng());
}

/** The first pixel (RGBA) of an SVG rendered by resvg, which parses XML strictly (namespaces included). */
export function firstPixelOfSvg(svg: string | Buffer): number[] {
  return [...new Resvg(svg).render().pixels.subarray(0, 4)];
}

/** The first pixel of a PNG as resvg's decoder sees it; a PNG it refuses renders transparent [0,0,0,0]. */
export function firstPixelOfPng(png: Uint8Array): number[] {
  const b64 = Buffer.from(png).toString('base64');
  return firstPixelOfSvg(
    `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><image width="4" height="4" href="data:image/png;base64,${b64}"/></svg>`,
  );
}

export function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function itxt(keyword: string, text: string, compressed = false): Buffer {
  const body = compressed ? deflateSync(Buffer.from(text, 'utf8')) : Buffer.from(text, 'utf8');
  return chunk(
    'iTXt',
    Buffer.concat([Buffer.from(keyword, 'latin1'), Uint8Array.of(0, compressed ? 1 : 0, 0, 0, 0), body]),
  );
}

export function text(keyword: string, value: string): Buffer {
  return chunk(
    'tEXt',
    Buffer.concat([Buffer.from(keyword, 'latin1'), Uint8Array.of(0), Buffer.from(value, 'latin1')]),
  );
}

/** Inserts raw chunks right after IHDR (8-byte signature + 25-byte IHDR chunk). */
export function withChunksAfterIhdr(png: Buffer, ...chunks: Buffer[]): Buffer {
  return Buffer.concat([png.subarray(0, 33), ...chunks, png.subarray(33)]);
}

export function credentialJson(name: string): string {
  const example = JSON.parse(readStandardsExample('ob_v3p0/docformat-sample-openbadgecredential.json')) as {
    name: string;
    credentialSubject: { achievement: { name: string } };
  };
  example.name = name;
  example.credentialSubject.achievement.name = name;
  return JSON.stringify(example);
}

/** Shape-only compact JWS (the baking layer never verifies signatures). */
export const SAMPLE_JWT = 'eyJhbGciOiJFZERTQSJ9.eyJuYW1lIjoiR2VzdGnDs24gZGUgbsOzbWluYXMifQ.c2lnbmF0dXJl';
