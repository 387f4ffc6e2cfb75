import { describe, expect, it } from 'vitest';
import { BakeError, bake, bakePng, listPngChunks, unbake } from './index.ts';
import {
  chunk,
  credentialJson,
  firstPixelOfPng,
  itxt,
  redSquarePng,
  SAMPLE_JWT,
  text,
  withChunksAfterIhdr,
} from './test-support.ts';

const RED = [255, 0, 0, 255];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof BakeError ? error.code : `not a BakeError: ${String(error)}`;
  }
  return undefined;
}

describe('baking a PNG', () => {
  it('round-trips a non-ASCII OB 3.0 credential byte for byte', () => {
    const json = credentialJson('Gestión de nóminas — SAFe® 認定');
    const unbaked = unbake(bakePng(redSquarePng(), { format: 'ob3-json', payload: json }));
    expect(unbaked).toEqual({ format: 'ob3-json', payload: json, fileType: 'png' });
    expect(Buffer.from(unbaked.payload, 'utf8').equals(Buffer.from(json, 'utf8'))).toBe(true);
  });

  it('inserts one iTXt chunk right after IHDR, before the first IDAT', () => {
    const baked = bakePng(redSquarePng(), { format: 'ob3-json', payload: credentialJson('A') });
    const types = listPngChunks(baked).map((c) => c.type);
    expect(types[0]).toBe('IHDR');
    expect(types[1]).toBe('iTXt');
    expect(types.filter((t) => t === 'iTXt')).toHaveLength(1);
    expect(types.indexOf('iTXt')).toBeLessThan(types.indexOf('IDAT'));
  });

  it('writes keyword openbadgecredential, no compression, empty language tag and translated keyword', () => {
    const json = credentialJson('A');
    const baked = bakePng(redSquarePng(), { format: 'ob3-json', payload: json });
    // signature (8) + IHDR (25) + length (4) + "iTXt" (4) = start of the iTXt data.
    const data = baked.subarray(41, 41 + baked.readUInt32BE(33));
    const header = Buffer.concat([Buffer.from('openbadgecredential'), Uint8Array.of(0, 0, 0, 0, 0)]);
    expect(data.subarray(0, header.length).equals(header)).toBe(true);
    expect(data.subarray(header.length).toString('utf8')).toBe(json);
  });

  it('leaves a PNG that an independent decoder (resvg) still draws', () => {
    const baked = bakePng(redSquarePng(), { format: 'ob3-json', payload: credentialJson('Gestión') });
    expect(firstPixelOfPng(baked)).toEqual(RED);
  });

  it('replaces an existing credential instead of adding a second one', () => {
    const once = bakePng(redSquarePng(), { format: 'ob3-json', payload: credentialJson('first') });
    const twice = bakePng(once, { format: 'ob3-json', payload: credentialJson('second') });
    expect(listPngChunks(twice).filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(unbake(twice).payload).toBe(credentialJson('second'));
  });

  it('replaces OB 2.0 data when baking an OB 3.0 credential', () => {
    const ob2 = bakePng(redSquarePng(), { format: 'ob2-url', payload: 'https://example.org/assertions/1' });
    const ob3 = bakePng(ob2, { format: 'ob3-jwt', payload: SAMPLE_JWT });
    expect(unbake(ob3)).toEqual({ format: 'ob3-jwt', payload: SAMPLE_JWT, fileType: 'png' });
  });

  it('bakes an OB 2.0 signed assertion under the keyword openbadges', () => {
    const baked = bakePng(redSquarePng(), { format: 'ob2-jws', payload: SAMPLE_JWT });
    expect(baked.includes(Buffer.from('openbadges\0'))).toBe(true);
    expect(unbake(baked)).toEqual({ format: 'ob2-jws', payload: SAMPLE_JWT, fileType: 'png' });
  });

  it('refuses a payload that is not what its format says', () => {
    expect(codeOf(() => bakePng(redSquarePng(), { format: 'ob3-jwt', payload: '{"a":1}' }))).toBe(
      'BAKE_INVALID_INPUT',
    );
  });

  it('refuses an image that is neither PNG nor SVG', () => {
    expect(codeOf(() => bake(Buffer.from('GIF89a......'), { format: 'ob3-jwt', payload: SAMPLE_JWT }))).toBe(
      'BAKE_UNSUPPORTED_FILE',
    );
  });
});

describe('unbaking a hostile PNG', () => {
  it('reads an OB 1.x/2.0 hosted URL from a legacy tEXt chunk', () => {
    const png = withChunksAfterIhdr(redSquarePng(), text('openbadges', 'https://example.org/assertions/1'));
    expect(unbake(png)).toEqual({
      format: 'ob2-url',
      payload: 'https://example.org/assertions/1',
      fileType: 'png',
    });
  });

  it('reads a compressed iTXt', () => {
    const json = credentialJson('Compressed ✓');
    const png = withChunksAfterIhdr(redSquarePng(), itxt('openbadgecredential', json, true));
    expect(unbake(png).payload).toBe(json);
  });

  it('stops inflating a compressed chunk at maxPayloadBytes', () => {
    const bomb = `{"pad":"${'x'.repeat(4 * 1024 * 1024)}"}`;
    const png = withChunksAfterIhdr(redSquarePng(), itxt('openbadgecredential', bomb, true));
    expect(png.length).toBeLessThan(64 * 1024);
    expect(codeOf(() => unbake(png, { maxPayloadBytes: 1024 * 1024 }))).toBe('BAKE_DECOMPRESSION');
  });

  it('refuses invalid zlib data in a compressed chunk', () => {
    const data = Buffer.concat([Buffer.from('openbadges\0\0'), Buffer.from('not zlib')]);
    const png = withChunksAfterIhdr(redSquarePng(), chunk('zTXt', data));
    expect(codeOf(() => unbake(png))).toBe('BAKE_DECOMPRESSION');
  });

  it('refuses a PNG carrying two credential chunks', () => {
    const json = credentialJson('A');
    const png = withChunksAfterIhdr(
      redSquarePng(),
      itxt('openbadgecredential', json),
      itxt('openbadges', json),
    );
    expect(codeOf(() => unbake(png))).toBe('BAKE_MULTIPLE_CREDENTIALS');
  });

  it('refuses a PNG without a credential', () => {
    expect(codeOf(() => unbake(redSquarePng()))).toBe('BAKE_NO_CREDENTIAL');
  });

  it('refuses a chunk whose CRC is wrong', () => {
    const baked = bakePng(redSquarePng(), { format: 'ob3-jwt', payload: SAMPLE_JWT });
    baked[45] = (baked[45] ?? 0) ^ 0x01;
    expect(codeOf(() => unbake(baked))).toBe('BAKE_PNG_CRC');
  });

  it('refuses a chunk that claims more bytes than the file has', () => {
    const png = redSquarePng();
    png.writeUInt32BE(0x7000_0000, 33);
    expect(codeOf(() => unbake(png))).toBe('BAKE_PNG_CORRUPT');
  });

  it('refuses a PNG cut off before IEND', () => {
    const png = redSquarePng();
    expect(codeOf(() => unbake(png.subarray(0, png.length - 12)))).toBe('BAKE_PNG_CORRUPT');
  });

  it('refuses a file whose PNG signature is wrong', () => {
    const png = redSquarePng();
    png[4] = 0x00;
    expect(codeOf(() => unbake(png))).toBe('BAKE_NOT_PNG');
  });

  it('refuses a file larger than maxBytes before parsing it', () => {
    expect(codeOf(() => unbake(redSquarePng(), { maxBytes: 16 }))).toBe('BAKE_TOO_LARGE');
  });

  it('refuses iTXt text that is not valid UTF-8', () => {
    const data = Buffer.concat([
      Buffer.from('openbadgecredential\0\0\0\0\0'),
      Uint8Array.of(0x7b, 0xff, 0x7d),
    ]);
    const png = withChunksAfterIhdr(redSquarePng(), chunk('iTXt', data));
    expect(codeOf(() => unbake(png))).toBe('BAKE_BAD_PAYLOAD');
  });

  it('refuses a credential chunk that is neither JSON nor a JWS', () => {
    const png = withChunksAfterIhdr(redSquarePng(), itxt('openbadgecredential', 'hello'));
    expect(codeOf(() => unbake(png))).toBe('BAKE_BAD_PAYLOAD');
  });

  it('ignores other text chunks', () => {
    const comment = chunk('tEXt', Buffer.from('Comment\0made with care'));
    const png = withChunksAfterIhdr(redSquarePng(), comment, itxt('openbadgecredential', SAMPLE_JWT));
    expect(unbake(png).format).toBe('ob3-jwt');
  });
});
