// Issue #14: the SVG scanner was quadratic in the number of attributes (80,000 attributes, 872 KB, cost
// 16 s). Reading and baking now grow linearly with the file, whatever it repeats: see growthFactor for
// why a ratio bound of 20 tells linear (≈ 8) from quadratic (≈ 64) without being a timing test.
import { describe, expect, it } from 'vitest';
import { growthFactor } from '../testing/scaling.ts';
import { BakeError, bakeSvg, unbakeSvg } from './index.ts';

const SVG_NS = 'xmlns="http://www.w3.org/2000/svg"';
const OB3_NS = 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"';
const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln';
const credentialElement = `<openbadges:credential verify="${JWT}"></openbadges:credential>`;

const manyAttributes = (n: number) =>
  Buffer.from(
    `<svg ${SVG_NS} ${OB3_NS}${Array.from({ length: n }, (_, i) => ` a${i}="v"`).join('')}>${credentialElement}</svg>`,
  );
const manyPrefixedElements = (n: number) =>
  Buffer.from(
    `<svg ${SVG_NS} ${OB3_NS} xmlns:x="https://x.example">${'<x:g a="1"/>'.repeat(n)}${credentialElement}</svg>`,
  );

/** Each element has a prefix of its own, declared on <svg>: every element looks its namespace up. */
const manyNamespaces = (n: number) =>
  Buffer.from(
    `<svg ${SVG_NS} ${OB3_NS}${Array.from({ length: n }, (_, i) => ` xmlns:p${i}="https://p${i}.example"`).join('')}>${Array.from({ length: n }, (_, i) => `<p${i}:g/>`).join('')}${credentialElement}</svg>`,
  );

describe('reading and baking SVGs at scale', () => {
  it('reads 80,000 attributes in about 8× the time of 10,000, not 64×', () => {
    expect(growthFactor(manyAttributes, (svg) => unbakeSvg(svg), 10_000)).toBeLessThan(32);
  });

  it('reads 80,000 namespaced elements in about 8× the time of 10,000', () => {
    expect(growthFactor(manyPrefixedElements, (svg) => unbakeSvg(svg), 10_000)).toBeLessThan(32);
  });

  it('reads 80,000 namespace declarations, each used by an element, in about 8× the time of 10,000', () => {
    expect(growthFactor(manyNamespaces, (svg) => unbakeSvg(svg), 10_000)).toBeLessThan(32);
  });

  it('bakes into an SVG with 80,000 attributes in about 8× the time of 10,000', () => {
    const bake = (svg: Buffer) => bakeSvg(svg, { format: 'ob3-jwt', payload: JWT });
    expect(growthFactor(manyAttributes, bake, 10_000)).toBeLessThan(32);
  });

  it('still finds the credential among 80,000 attributes', () => {
    expect(unbakeSvg(manyAttributes(80_000))).toEqual({ format: 'ob3-jwt', payload: JWT, fileType: 'svg' });
  });

  it('finds a namespace declared after many other attributes of <svg>', () => {
    const attributes = Array.from({ length: 40 }, (_, i) => ` a${i}="v"`).join('');
    const svg = Buffer.from(
      `<svg ${SVG_NS}${attributes} ${OB3_NS}><openbadges:credential verify="${JWT}"/></svg>`,
    );
    expect(unbakeSvg(svg).payload).toBe(JWT);
  });

  it.each([3, 40])('refuses an attribute repeated among %i others as malformed', (count) => {
    const attributes = Array.from({ length: count }, (_, i) => ` a${i}="v"`).join('');
    const svg = Buffer.from(`<svg ${SVG_NS}${attributes} a1="again">${credentialElement}</svg>`);
    expect(() => unbakeSvg(svg)).toThrow(BakeError);
    expect(() => unbakeSvg(svg)).toThrow(/duplicate attribute a1/);
  });
});
