// OB 2.0 extensions checked against their bundled JSON Schemas (draft-04 and draft-06), never fetched.
// The nodes are the examples of the extensions' own spec pages (ob_v2p0/extensions/index.md).
import { describe, expect, it } from 'vitest';
import { readStandardsExample } from '../testing/standards.ts';
import { checkOb2Assertion, checkOb2BadgeClass, checkOb2Extensions } from './index.ts';

type Json = Record<string, unknown>;
const badgeClass = () => JSON.parse(readStandardsExample('ob_v2p0/spec-example-badgeclass.json')) as Json;
const assertion = () => JSON.parse(readStandardsExample('ob_v2p0/spec-example-assertion.json')) as Json;

const applyLink = (url?: string) => ({
  '@context': 'https://openbadgespec.org/extensions/applyLinkExtension/context.json',
  type: ['Extension', 'extensions:ApplyLink'],
  ...(url ? { url } : {}),
});
const geo = (latitude: unknown) => ({
  '@context': 'https://w3id.org/openbadges/extensions/geoCoordinatesExtension/context.json',
  type: ['Extension', 'extensions:GeoCoordinates'],
  description: 'Where the workshop took place.',
  geo: { latitude, longitude: -122.4 },
});
const license = (id: string) => ({
  '@context': 'https://openbadgespec.org/extensions/licenseExtension/context.json',
  type: ['Extension', 'extensions:LicenseExtension'],
  id,
  name: 'Attribution 4.0 International',
  legalCode: 'https://creativecommons.org/licenses/by/4.0/legalcode',
});

describe('checkOb2Extensions', () => {
  it('passes an Apply Link extension (draft-04 schema) that has its url', () => {
    expect(checkOb2Extensions({ 'extensions:ApplyLink': applyLink('http://website.com/apply') })).toEqual([
      { path: 'extensions:ApplyLink', types: ['extensions:ApplyLink'] },
    ]);
  });

  it('reports an Apply Link extension without its url, naming the schema rule', () => {
    const [finding] = checkOb2Extensions({ 'extensions:ApplyLink': applyLink() });
    expect(finding?.problem).toBe(
      "The extension extensions:ApplyLink at extensions:ApplyLink does not meet its schema: (the extension) must have required property 'url'.",
    );
  });

  it('checks a Geo Location extension nested in a list, with its context given as http://', () => {
    const http = (node: Json) => ({
      ...node,
      '@context': String(node['@context']).replace('https:', 'http:'),
    });
    const ok = checkOb2Extensions({ places: [{ 'extensions:GeoCoordinates': http(geo(37.8)) }] });
    expect(ok).toEqual([
      { path: 'places[0].extensions:GeoCoordinates', types: ['extensions:GeoCoordinates'] },
    ]);
    const [bad] = checkOb2Extensions({ 'extensions:GeoCoordinates': geo('north') });
    expect(bad?.problem).toMatch(/\/geo\/latitude must be number/);
  });

  it('passes a License extension (draft-06 schema, non-Unicode pattern) and reports an id not starting CC-', () => {
    expect(
      checkOb2Extensions({ 'extensions:LicenseExtension': license('CC-BY') })[0]?.problem,
    ).toBeUndefined();
    expect(checkOb2Extensions({ 'extensions:LicenseExtension': license('MIT') })[0]?.problem).toMatch(
      /\/id must match pattern/,
    );
  });

  it('leaves an extension whose context is not bundled unchecked, without fetching it', () => {
    const node = {
      '@context': 'https://extensions.example/acme/context.json',
      type: ['Extension', 'extensions:Acme'],
      anything: 1,
    };
    expect(checkOb2Extensions({ 'extensions:Acme': node })).toEqual([
      {
        path: 'extensions:Acme',
        types: ['extensions:Acme'],
        unchecked:
          'The extension extensions:Acme at extensions:Acme (context https://extensions.example/acme/context.json) was not checked: Tessera bundles no schema for it and never fetches one.',
      },
    ]);
  });

  it('finds nothing in a document without Extension nodes', () => {
    expect(checkOb2Extensions(badgeClass())).toEqual([]);
  });
});

describe('extensions in the Badge Object checks', () => {
  it('fails the BadgeClass extensions check for a schema violation and passes it for a valid node', () => {
    const valid = checkOb2BadgeClass({
      ...badgeClass(),
      'extensions:ApplyLink': applyLink('https://a.example/apply'),
    });
    expect(valid.checks.find((c) => c.name === 'extensions')).toEqual({ name: 'extensions', ok: true });
    const invalid = checkOb2BadgeClass({ ...badgeClass(), 'extensions:ApplyLink': applyLink() });
    expect(invalid.ok).toBe(false);
    expect(invalid.checks.find((c) => c.name === 'extensions')?.problem).toMatch(/required property 'url'/);
  });

  it('turns an unbundled extension on an assertion into a warning, not a failure', () => {
    const node = { '@context': 'https://extensions.example/x.json', type: ['Extension', 'extensions:X'] };
    const result = checkOb2Assertion({ ...assertion(), 'extensions:X': node });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([expect.stringMatching(/extensions:X .* was not checked/)]);
  });
});
