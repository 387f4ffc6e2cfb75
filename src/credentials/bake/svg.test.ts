import { describe, expect, it } from 'vitest';
import { BakeError, bake, bakeSvg, unbake } from './index.ts';
import { credentialJson, firstPixelOfSvg, RED_SQUARE_SVG, SAMPLE_JWT } from './test-support.ts';

const RED = [255, 0, 0, 255];
const svgBytes = (text: string) => Buffer.from(text, 'utf8');
const redSvg = () => svgBytes(RED_SQUARE_SVG);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof BakeError ? error.code : `not a BakeError: ${String(error)}`;
  }
  return undefined;
}

const wrap = (inner: string, rootAttributes = '') =>
  svgBytes(`<svg xmlns="http://www.w3.org/2000/svg"${rootAttributes} width="4" height="4">${inner}</svg>`);
const OB3_NS = ' xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"';
const OB2_NS = ' xmlns:openbadges="http://openbadges.org"';

describe('baking an SVG', () => {
  it('round-trips a non-ASCII OB 3.0 credential byte for byte', () => {
    const json = credentialJson('Gestión de nóminas — SAFe®');
    expect(unbake(bakeSvg(redSvg(), { format: 'ob3-json', payload: json }))).toEqual({
      format: 'ob3-json',
      payload: json,
      fileType: 'svg',
    });
  });

  it('declares the OB 3.0 namespace on <svg> and puts the credential in CDATA as its first child', () => {
    const json = credentialJson('A');
    const baked = bakeSvg(redSvg(), { format: 'ob3-json', payload: json }).toString('utf8');
    expect(baked).toMatch(
      /^<\?xml[^>]*\?>\n<svg xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0" /,
    );
    expect(baked).toContain(
      `viewBox="0 0 4 4"><openbadges:credential><![CDATA[${json}]]></openbadges:credential>`,
    );
  });

  it('keeps a "]]>" inside the JSON intact', () => {
    const json = JSON.stringify({ ...JSON.parse(credentialJson('A')), description: 'a]]>b ]]]> c' });
    const baked = bakeSvg(redSvg(), { format: 'ob3-json', payload: json });
    expect(unbake(baked).payload).toBe(json);
  });

  it('puts an OB 3.0 VC-JWT in the verify attribute', () => {
    const baked = bakeSvg(redSvg(), { format: 'ob3-jwt', payload: SAMPLE_JWT });
    expect(baked.toString('utf8')).toContain(`<openbadges:credential verify="${SAMPLE_JWT}">`);
    expect(unbake(baked)).toEqual({ format: 'ob3-jwt', payload: SAMPLE_JWT, fileType: 'svg' });
  });

  it('leaves an SVG that a strict XML parser (resvg) still draws', () => {
    const baked = bakeSvg(redSvg(), { format: 'ob3-json', payload: credentialJson('Gestión') });
    expect(firstPixelOfSvg(baked)).toEqual(RED);
  });

  it('replaces an existing credential instead of adding a second one', () => {
    const once = bakeSvg(redSvg(), { format: 'ob3-json', payload: credentialJson('first') });
    const twice = bakeSvg(once, { format: 'ob3-json', payload: credentialJson('second') }).toString('utf8');
    expect(twice.match(/<openbadges:credential/g)).toHaveLength(1);
    expect(twice.match(/xmlns:openbadges=/g)).toHaveLength(1);
    expect(unbake(svgBytes(twice)).payload).toBe(credentialJson('second'));
  });

  it('bakes an OB 2.0 hosted URL as <openbadges:assertion verify> in the OB 2.0 namespace', () => {
    const url = 'https://example.org/assertions/1?a=1&b=2';
    const baked = bakeSvg(redSvg(), { format: 'ob2-url', payload: url }).toString('utf8');
    expect(baked).toContain(OB2_NS);
    expect(baked).toContain('<openbadges:assertion verify="https://example.org/assertions/1?a=1&amp;b=2"/>');
    expect(unbake(svgBytes(baked))).toEqual({ format: 'ob2-url', payload: url, fileType: 'svg' });
  });

  it('bakes an OB 2.0 assertion JSON with its id as the verify URL', () => {
    const json = JSON.stringify({ id: 'https://example.org/assertions/2', type: 'Assertion' });
    const baked = bakeSvg(redSvg(), { format: 'ob2-json', payload: json });
    expect(unbake(baked)).toEqual({
      format: 'ob2-json',
      payload: json,
      fileType: 'svg',
      verify: 'https://example.org/assertions/2',
    });
  });

  it('bakes into a self-closing <svg/>', () => {
    const baked = bake(svgBytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), {
      format: 'ob3-jwt',
      payload: SAMPLE_JWT,
    });
    expect(baked.toString('utf8')).toMatch(/<\/svg>$/);
    expect(unbake(baked).payload).toBe(SAMPLE_JWT);
  });
});

describe('unbaking a hostile SVG', () => {
  it('reads the OB 2.0 spec example layout (whitespace around CDATA, verify URL)', () => {
    const svg = wrap(
      '\n  <openbadges:assertion verify="https://example.org/assertions/123">\n    <![CDATA[\n  {"id": "https://example.org/assertions/123"}\n    ]]>\n  </openbadges:assertion>\n',
      OB2_NS,
    );
    expect(unbake(svg)).toMatchObject({ format: 'ob2-json', verify: 'https://example.org/assertions/123' });
  });

  it('reads a credential under another prefix bound to the OB 3.0 namespace', () => {
    const svg = wrap(
      `<ob:credential verify="${SAMPLE_JWT}"/>`,
      ' xmlns:ob="https://purl.imsglobal.org/ob/v3p0"',
    );
    expect(unbake(svg).format).toBe('ob3-jwt');
  });

  it('decodes escaped text in the element body', () => {
    const svg = wrap(
      '<openbadges:credential>{"name":"R&amp;D &#x2713; &lt;ok&gt;"}</openbadges:credential>',
      OB3_NS,
    );
    expect(unbake(svg).payload).toBe('{"name":"R&D ✓ <ok>"}');
  });

  it('refuses a DOCTYPE with an internal subset (XXE, entity expansion)', () => {
    const svg = svgBytes(
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"${OB3_NS}><openbadges:credential>&x;</openbadges:credential></svg>`,
    );
    expect(codeOf(() => unbake(svg))).toBe('BAKE_SVG_DOCTYPE');
  });

  it('accepts a bare public DOCTYPE, which declares nothing', () => {
    const svg = svgBytes(
      `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"${OB3_NS}><openbadges:credential verify="${SAMPLE_JWT}"/></svg>`,
    );
    expect(unbake(svg).payload).toBe(SAMPLE_JWT);
  });

  it('refuses an entity XML does not predefine', () => {
    const svg = wrap('<openbadges:credential>{"a":"&nbsp;"}</openbadges:credential>', OB3_NS);
    expect(codeOf(() => unbake(svg))).toBe('BAKE_SVG_MALFORMED');
  });

  it('does not mistake a credential inside a comment for one in the document', () => {
    const svg = wrap(`<!-- <openbadges:credential verify="${SAMPLE_JWT}"/> -->`, OB3_NS);
    expect(codeOf(() => unbake(svg))).toBe('BAKE_NO_CREDENTIAL');
  });

  it('refuses an SVG carrying two credential elements', () => {
    const one = `<openbadges:credential verify="${SAMPLE_JWT}"/>`;
    expect(codeOf(() => unbake(wrap(one + one, OB3_NS)))).toBe('BAKE_MULTIPLE_CREDENTIALS');
  });

  it('refuses elements nested inside the credential element', () => {
    const svg = wrap('<openbadges:credential><g/></openbadges:credential>', OB3_NS);
    expect(codeOf(() => unbake(svg))).toBe('BAKE_SVG_MALFORMED');
  });

  it('refuses a credential element that is never closed', () => {
    const svg = svgBytes(`<svg xmlns="http://www.w3.org/2000/svg"${OB3_NS}><openbadges:credential>{}`);
    expect(codeOf(() => unbake(svg))).toBe('BAKE_SVG_MALFORMED');
  });

  it('refuses XML whose root is not <svg>', () => {
    expect(codeOf(() => unbake(svgBytes('<html><svg/></html>')))).toBe('BAKE_NOT_SVG');
  });

  it('refuses a file larger than maxBytes', () => {
    expect(codeOf(() => unbake(redSvg(), { maxBytes: 10 }))).toBe('BAKE_TOO_LARGE');
  });

  it('refuses an SVG without a credential', () => {
    expect(codeOf(() => unbake(redSvg()))).toBe('BAKE_NO_CREDENTIAL');
  });
});
