// The 1EdTech validator's rules for a BadgeClass and an issuer Profile, each with a passing and a failing case.
import { describe, expect, it } from 'vitest';
import { readStandardsExample } from '../testing/standards.ts';
import { checkOb2BadgeClass, checkOb2Profile } from './index.ts';

type Json = Record<string, unknown>;
const example = (file: string) => JSON.parse(readStandardsExample(`ob_v2p0/${file}`)) as Json;
const badgeClass = () => example('spec-example-badgeclass.json');
const profile = () => example('spec-example-issuer-profile.json');
const failures = (result: ReturnType<typeof checkOb2Profile>) =>
  result.checks.filter((c) => !c.ok).map((c) => [c.name, c.problem]);
const without = (doc: Json, key: string): Json =>
  Object.fromEntries(Object.entries(doc).filter(([k]) => k !== key));

describe('checkOb2BadgeClass', () => {
  it('passes the spec BadgeClass example', () => {
    expect(checkOb2BadgeClass(badgeClass())).toEqual(expect.objectContaining({ ok: true, warnings: [] }));
  });

  it.each(['name', 'description', 'image', 'criteria', 'issuer'])(
    'reports a BadgeClass without its %s',
    (key) => {
      const result = checkOb2BadgeClass(without(badgeClass(), key));
      expect(failures(result)).toEqual([[key, expect.stringMatching(/missing|issuer/)]]);
    },
  );

  it('accepts a PNG or SVG data: URI as the BadgeClass image, but no other media type', () => {
    const png = { ...badgeClass(), image: 'data:image/png;base64,iVBORw0KGgo=' };
    expect(checkOb2BadgeClass(png).ok).toBe(true);
    const jpeg = { ...badgeClass(), image: 'data:image/jpeg;base64,/9j/4AAQ' };
    expect(failures(checkOb2BadgeClass(jpeg))).toEqual([
      ['image', 'BadgeClass image is a data: URI that is neither image/png nor image/svg+xml.'],
    ]);
  });

  it('accepts criteria as a narrative alone, but not as an object with neither id nor narrative', () => {
    expect(checkOb2BadgeClass({ ...badgeClass(), criteria: { narrative: 'Build a robot.' } }).ok).toBe(true);
    expect(failures(checkOb2BadgeClass({ ...badgeClass(), criteria: {} }))).toEqual([
      ['criteria', 'criteria needs a URL (id) or a narrative.'],
    ]);
  });

  it('reports an alignment without a targetUrl', () => {
    const doc = { ...badgeClass(), alignment: [{ targetName: 'Problem-Solving' }] };
    expect(failures(checkOb2BadgeClass(doc))).toEqual([
      ['alignment', 'alignment targetUrl must be an http(s) URL.'],
    ]);
  });

  it('checks an embedded issuer as a Profile', () => {
    const { '@context': _context, ...issuer } = profile();
    expect(checkOb2BadgeClass({ ...badgeClass(), issuer }).ok).toBe(true);
    expect(failures(checkOb2BadgeClass({ ...badgeClass(), issuer: without(issuer, 'email') }))).toEqual([
      ['issuer', 'issuer profile email must be a contact email address.'],
    ]);
  });

  it("reports the migration guide's related link, typed only as an OB 3.0 Achievement, and accepts it with BadgeClass added", () => {
    const [related] = example('migrating-ob2-badgeclass-related-to-ob3.json').related as Json[];
    const guide = checkOb2BadgeClass({ ...badgeClass(), related: [related] });
    // The validator checks a related node as the class it relates: its type must include BadgeClass.
    expect(failures(guide)).toEqual([['related', expect.stringMatching(/must have the type BadgeClass/)]]);
    const typed = { ...related, type: ['BadgeClass', ...((related?.type ?? []) as string[])] };
    expect(checkOb2BadgeClass({ ...badgeClass(), related: [typed] }).ok).toBe(true);
  });
});

describe('checkOb2Profile', () => {
  it('passes the spec issuer Profile example', () => {
    expect(checkOb2Profile(profile())).toEqual(expect.objectContaining({ ok: true, warnings: [] }));
  });

  it.each([
    ['name', 'issuer profile name is missing.'],
    ['url', 'issuer profile url must be the http(s) URL of its homepage.'],
    ['email', 'issuer profile email must be a contact email address.'],
  ])('reports an issuer profile without its %s', (key, problem) => {
    expect(failures(checkOb2Profile(without(profile(), key)))).toEqual([[key, problem]]);
  });

  it('accepts an E.164 telephone number and reports one with spaces', () => {
    expect(checkOb2Profile({ ...profile(), telephone: '+16175551212' }).ok).toBe(true);
    expect(failures(checkOb2Profile({ ...profile(), telephone: '+1 617 555 1212' }))).toEqual([
      ['telephone', 'issuer profile telephone must be in E.164 form.'],
    ]);
  });

  it('accepts allowedOrigins as host names and reports one written as a URL', () => {
    expect(
      checkOb2Profile({ ...profile(), verification: { allowedOrigins: ['badges.example.org'] } }).ok,
    ).toBe(true);
    const url = { ...profile(), verification: { allowedOrigins: ['https://badges.example.org'] } };
    expect(failures(checkOb2Profile(url))[0]?.[0]).toBe('verification');
  });

  it('refuses a related OB 3.0 profile named by did:web, as the migration guide example has it', () => {
    const migrated = example('migrating-ob2-issuer-profile-related-to-ob3.json');
    expect(failures(checkOb2Profile(migrated))).toEqual([
      [
        'related',
        expect.stringMatching(/^related id "did:web:example.com:issuers:.*" must be an http\(s\) URL/),
      ],
    ]);
    const https = {
      ...migrated,
      related: [
        {
          id: 'https://example.com/issuers/540e388e-2735-4c3e-9709-80142801c774/did.json',
          type: ['Profile', 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile'],
          version: 'Open Badges v3p0',
        },
      ],
    };
    expect(checkOb2Profile(https)).toEqual(expect.objectContaining({ ok: true }));
  });

  it('warns, without failing, about an issuer whose id is a urn:uuid rather than a URL', () => {
    const result = checkOb2Profile({ ...profile(), id: 'urn:uuid:2f0e3f5a-8f4c-4a57-9a7e-6a1b2c3d4e5f' });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([expect.stringMatching(/not an http\(s\) URL/)]);
  });
});
