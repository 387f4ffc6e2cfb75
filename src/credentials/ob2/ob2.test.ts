import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { OB_V2_CONTEXT, staticDocumentLoader } from '../contexts/index.ts';
import { readStandardsExample } from '../testing/standards.ts';
import {
  buildOb2Assertion,
  buildOb2BadgeClass,
  buildOb2Issuer,
  buildRevokedOb2Assertion,
  checkOb2Assertion,
  checkOb2BadgeClass,
  checkOb2Profile,
  hashOb2Identity,
  Ob2Error,
  ob2IdentityMatches,
} from './index.ts';

const example = (file: string) =>
  JSON.parse(readStandardsExample(`ob_v2p0/${file}`)) as Record<string, unknown>;

/** Safe mode makes expansion throw on any term the context does not define, instead of dropping it. */
async function expandSafely(doc: object) {
  return jsonld.expand(
    doc as jsonld.JsonLdDocument,
    {
      documentLoader: staticDocumentLoader as never,
      safe: true,
    } as jsonld.Options.Expand,
  );
}

const assertion = () =>
  buildOb2Assertion({
    assertionUrl: 'https://tessera.example/ob2/assertions/a1',
    badgeClassUrl: 'https://tessera.example/ob2/badges/b1',
    recipient: { email: 'alice@example.org', salt: 'deadsea' },
    issuedOn: new Date('2026-03-01T10:00:00.000Z'),
    expires: new Date('2029-03-01T10:00:00.000Z'),
    image: 'https://tessera.example/ob2/assertions/a1/image',
    evidence: 'https://tessera.example/evidence/e1',
  });

const badgeClass = () =>
  buildOb2BadgeClass({
    badgeClassUrl: 'https://tessera.example/ob2/badges/b1',
    name: 'Gestión de nóminas',
    description: 'Payroll management, SAFe® aligned.',
    image: 'https://tessera.example/badges/b1/image.png',
    criteria: { url: 'https://tessera.example/badges/b1', narrative: 'Pass every assessment question.' },
    issuerUrl: 'https://tessera.example/ob2/issuers/o1',
    tags: ['payroll'],
    alignment: [
      { targetName: 'Payroll', targetUrl: 'https://esco.example/skill/1', targetFramework: 'ESCO' },
    ],
    related: [
      {
        id: 'https://tessera.example/achievements/b1',
        type: ['BadgeClass', 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement'],
        version: 'Open Badges v3p0',
      },
    ],
  });

const issuer = () =>
  buildOb2Issuer({
    issuerUrl: 'https://tessera.example/ob2/issuers/o1',
    name: 'Academia Ñandú',
    url: 'https://academia.example',
    email: 'badges@academia.example',
    related: [
      {
        id: 'https://academia.example/issuers/o1/did.json',
        type: ['Profile', 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile'],
        version: 'Open Badges v3p0',
      },
    ],
  });

describe('buildOb2Assertion', () => {
  it('has the same properties as the spec hosted Assertion example', () => {
    expect(Object.keys(assertion()).sort()).toEqual(
      Object.keys(example('spec-example-assertion.json')).sort(),
    );
  });

  it('uses the OB 2.0 context, hosted verification and the BadgeClass URL', () => {
    expect(assertion()).toMatchObject({
      '@context': OB_V2_CONTEXT,
      type: 'Assertion',
      verification: { type: 'hosted' },
      badge: 'https://tessera.example/ob2/badges/b1',
      issuedOn: '2026-03-01T10:00:00Z',
    });
  });

  it('hashes the email with its salt as sha256$hex(email + salt)', () => {
    expect(assertion().recipient).toEqual({
      type: 'email',
      hashed: true,
      salt: 'deadsea',
      identity: 'sha256$c934fdacc6242be0277a284970416aa9bfa583241fb85094bc96c504ee0abd4e',
    });
  });

  it('refuses to hash without a salt', () => {
    expect(() =>
      buildOb2Assertion({
        assertionUrl: 'https://tessera.example/a',
        badgeClassUrl: 'https://tessera.example/b',
        recipient: { email: 'alice@example.org', salt: '' },
        issuedOn: '2026-01-01T00:00:00Z',
      }),
    ).toThrow(Ob2Error);
  });

  it('refuses an issue date without a time zone', () => {
    expect(() =>
      buildOb2Assertion({
        assertionUrl: 'https://tessera.example/a',
        badgeClassUrl: 'https://tessera.example/b',
        recipient: { email: 'alice@example.org', salt: 's' },
        issuedOn: '2026-01-01T10:00:00',
      }),
    ).toThrow(/time zone/);
  });

  it('refuses an expiry that is not after the issue date', () => {
    expect(() =>
      buildOb2Assertion({
        assertionUrl: 'https://tessera.example/a',
        badgeClassUrl: 'https://tessera.example/b',
        recipient: { email: 'alice@example.org', salt: 's' },
        issuedOn: '2026-01-01T00:00:00Z',
        expires: '2025-01-01T00:00:00Z',
      }),
    ).toThrow(/expires/);
  });
});

describe('ob2IdentityMatches', () => {
  const recipient = {
    identity: hashOb2Identity('alice@example.org', 'pepper'),
    hashed: true,
    salt: 'pepper',
  };

  it('matches the hashed email it was built from, whatever its letter case', () => {
    expect(ob2IdentityMatches(recipient, 'Alice@Example.org')).toBe(true);
  });

  it('does not match another email', () => {
    expect(ob2IdentityMatches(recipient, 'bob@example.org')).toBe(false);
  });
});

describe('buildOb2BadgeClass and buildOb2Issuer', () => {
  it('writes criteria as an object when there is a narrative', () => {
    expect(badgeClass().criteria).toEqual({
      id: 'https://tessera.example/badges/b1',
      narrative: 'Pass every assessment question.',
    });
  });

  it('writes criteria as a bare URL when there is no narrative', () => {
    const onlyUrl = buildOb2BadgeClass({
      badgeClassUrl: 'https://tessera.example/b',
      name: 'n',
      description: 'd',
      image: 'https://tessera.example/i.png',
      criteria: { url: 'https://tessera.example/criteria' },
      issuerUrl: 'https://tessera.example/o',
    });
    expect(onlyUrl.criteria).toBe('https://tessera.example/criteria');
  });

  it('links the BadgeClass to its OB 3.0 Achievement the way the migration guide shows, typed so the validator accepts it', () => {
    const [specRelated] = example('migrating-ob2-badgeclass-related-to-ob3.json').related as Record<
      string,
      unknown
    >[];
    const [ourRelated] = badgeClass().related ?? [];
    expect(Object.keys(ourRelated ?? {}).sort()).toEqual(Object.keys(specRelated ?? {}).sort());
    // The guide's OB 3.0 type, and the OB 2.0 class the validator requires of a related node.
    expect(ourRelated?.type).toEqual(['BadgeClass', ...((specRelated?.type ?? []) as string[])]);
  });

  it('refuses a related link the validator would refuse: a did:web id, or a type without the class', () => {
    const base = {
      issuerUrl: 'https://tessera.example/ob2/issuers/o1',
      name: 'Academia',
      url: 'https://academia.example',
      email: 'badges@academia.example',
    };
    const ob3 = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile';
    expect(() =>
      buildOb2Issuer({ ...base, related: [{ id: 'did:web:academia.example', type: ['Profile', ob3] }] }),
    ).toThrow(/http\(s\) URL or urn:uuid/);
    expect(() =>
      buildOb2Issuer({ ...base, related: [{ id: 'https://academia.example/did.json', type: [ob3] }] }),
    ).toThrow(/type Issuer or Profile/);
  });

  it('refuses an issuer profile without a contact email, which OB 2.0 requires of issuers', () => {
    expect(() =>
      buildOb2Issuer({ issuerUrl: 'https://t.example/o', name: 'n', url: 'https://t.example', email: '' }),
    ).toThrow(/contact email/);
  });

  it('builds the issuer as a Profile', () => {
    expect(issuer()).toMatchObject({ '@context': OB_V2_CONTEXT, type: 'Profile', name: 'Academia Ñandú' });
  });

  it('builds documents that pass the BadgeClass and Profile checks', () => {
    expect(checkOb2BadgeClass(badgeClass())).toMatchObject({ ok: true, warnings: [] });
    expect(checkOb2Profile(issuer())).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('buildRevokedOb2Assertion', () => {
  it('builds the body of the spec Revoked Hosted Assertion example', () => {
    const spec = example('spec-example-revoked-hosted-assertion.json');
    expect(
      buildRevokedOb2Assertion({ assertionUrl: spec.id as string, reason: spec.revocationReason as string }),
    ).toEqual(spec);
  });
});

describe('every term of the built documents is defined by the OB 2.0 context', () => {
  it.each([
    ['Assertion', assertion],
    ['BadgeClass', badgeClass],
    ['Profile', issuer],
    [
      'revoked Assertion',
      () => buildRevokedOb2Assertion({ assertionUrl: 'https://t.example/a', reason: 'error' }),
    ],
  ])('expands the %s in JSON-LD safe mode', async (_name, build) => {
    const expanded = await expandSafely(build());
    expect(expanded).toHaveLength(1);
  });

  it('would catch an undefined term (the safe-mode probe works)', async () => {
    await expect(expandSafely({ ...assertion(), notAnOb2Term: 'x' })).rejects.toThrow();
  });
});

describe('checkOb2Assertion', () => {
  const failed = (doc: unknown, now?: Date) =>
    checkOb2Assertion(doc, now ? { now } : {})
      .checks.filter((c) => !c.ok)
      .map((c) => c.name);

  it('passes the spec hosted Assertion example', () => {
    expect(checkOb2Assertion(example('spec-example-assertion.json')).ok).toBe(true);
  });

  it('passes the assertions we build', () => {
    expect(checkOb2Assertion(assertion())).toMatchObject({ ok: true });
  });

  it('reports a revoked stub as revoked, with its reason', () => {
    const result = checkOb2Assertion(example('spec-example-revoked-hosted-assertion.json'));
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.name === 'notRevoked')?.problem).toMatch(/trenchcoat/);
  });

  it('reports a hashed identity that is not a digest', () => {
    const doc = { ...assertion(), recipient: { type: 'email', hashed: true, identity: 'alice@example.org' } };
    expect(failed(doc)).toEqual(['recipient']);
  });

  it('reports a hosted assertion whose id cannot be fetched', () => {
    expect(failed({ ...assertion(), id: 'urn:uuid:3c574c87-b96f-4f06-8eb5-68a29335b60e' })).toEqual([
      'verification',
    ]);
  });

  it('reports an expired assertion only when given now', () => {
    const doc = example('spec-example-assertion.json');
    expect(failed(doc)).toEqual([]);
    expect(failed(doc, new Date('2020-01-01T00:00:00Z'))).toEqual(['notExpired']);
  });

  it('accepts an assertion issued up to this very moment', () => {
    const doc = { ...assertion(), expires: undefined };
    expect(failed(doc, new Date('2026-03-01T10:00:00Z'))).toEqual([]);
  });

  it('reports an issue date in the future, with no clock skew allowed (as the validator)', () => {
    const doc = { ...assertion(), expires: undefined };
    const result = checkOb2Assertion(doc, { now: new Date('2026-03-01T09:59:59Z') });
    expect(result.checks.filter((c) => !c.ok)).toEqual([
      { name: 'notIssuedInFuture', ok: false, problem: 'issuedOn (2026-03-01T10:00:00Z) is in the future.' },
    ]);
  });

  it('accepts an assertion image URL but not a data: URI, which the validator refuses on assertions', () => {
    expect(failed(assertion())).toEqual([]);
    const result = checkOb2Assertion({ ...assertion(), image: 'data:image/png;base64,iVBORw0KGgo=' });
    expect(result.checks.find((c) => c.name === 'image')).toEqual({
      name: 'image',
      ok: false,
      problem: 'image may not be a data: URI; it must be the URL of the image.',
    });
  });

  it('reports an identity marked unhashed that is a hash, and a plain email identity that is not an email', () => {
    const hash = hashOb2Identity('alice@example.org', 's');
    expect(failed({ ...assertion(), recipient: { type: 'email', hashed: false, identity: hash } })).toEqual([
      'recipient',
    ]);
    expect(
      failed({ ...assertion(), recipient: { type: 'email', hashed: false, identity: 'alice@example.org' } }),
    ).toEqual([]);
    expect(
      failed({ ...assertion(), recipient: { type: 'email', hashed: false, identity: 'alice' } }),
    ).toEqual(['recipient']);
  });

  it('reports an id in a scheme the validator does not take (only http(s), urn:uuid and blank nodes)', () => {
    const signed = { ...assertion(), verification: { type: 'signed' } };
    expect(failed({ ...signed, id: 'urn:uuid:3c574c87-b96f-4f06-8eb5-68a29335b60e' })).toEqual([]);
    expect(failed({ ...signed, id: 'did:example:123' })).toEqual(['id']);
  });

  it('reports every problem at once', () => {
    expect(failed({ '@context': 'https://example.org/other', type: 'Thing' })).toEqual([
      'context',
      'type',
      'id',
      'recipient',
      'badge',
      'verification',
      'issuedOn',
    ]);
  });
});
