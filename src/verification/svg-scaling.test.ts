// Issue #14: every SVG anyone can upload is read in time linear in its size — the verify path's refusal
// of active content, and the badge-image upload check. (The bake reader has its own scaling tests beside
// it.) growthFactor compares n with 8n: ≈ 8 when linear, ≈ 64 when quadratic; the bound is 20.
import { describe, expect, it } from 'vitest';
import { checkBadgeImage } from '../badges/index.ts';
import { growthFactor } from '../credentials/testing/scaling.ts';
import { markupWithoutCdata, refuseActiveSvg } from './active-svg.ts';

const SVG_NS = 'xmlns="http://www.w3.org/2000/svg"';

/** "<![CDATA[" openings that never close, inside a comment (the scanner accepts that file). */
const cdataOpeningsInComment = (n: number) =>
  Buffer.from(`<svg ${SVG_NS}><!--${'<![CDATA['.repeat(n)}--><rect width="1" height="1"/></svg>`);
const manyAttributes = (n: number) =>
  Buffer.from(`<svg ${SVG_NS}${Array.from({ length: n }, (_, i) => ` a${i}="v"`).join('')}/>`);

describe('SVG checks at scale', () => {
  it('refuses active content in time linear in the number of unclosed CDATA openings', () => {
    expect(growthFactor(cdataOpeningsInComment, refuseActiveSvg, 50_000)).toBeLessThan(32);
  });

  it('leaves an opening that never closes in place, and removes only whole sections', () => {
    expect(markupWithoutCdata('a<![CDATA[x]]>b<!-- <![CDATA[ -->c')).toBe('ab<!-- <![CDATA[ -->c');
  });

  it('checks an uploaded badge image with 80,000 attributes in about 8× the time of 10,000', () => {
    expect(growthFactor(manyAttributes, checkBadgeImage, 10_000)).toBeLessThan(32);
  });

  it('still accepts that image, and still refuses an event handler hidden among 80,000 attributes', () => {
    expect(checkBadgeImage(manyAttributes(80_000))).toBe('svg');
    const hostile = manyAttributes(80_000).toString().replace(' a40000="v"', ' onload="alert(1)"');
    expect(() => checkBadgeImage(Buffer.from(hostile))).toThrow(/event handler/);
  });
});
