// relatedResource (VC Data Model 2.0 §5.3): shape, unique ids, a digest of each kind, and the digest
// checked against the bytes of resources the caller holds (here: a bundled JSON-LD context).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeBase58btc } from '../keys/base58.ts';
import { validateCredentialDataModel } from './credential.ts';
import { multibaseDigestOf, parseMultibaseDigest, parseSri, sriOf } from './digest.ts';
import { EXAMPLES_V2, expectOnly, plainCredential, VC_V2 } from './test-support.ts';

// Stands in for a context we hold; the caller passes the bytes of whatever it bundles.
const CONTEXT_BYTES = JSON.stringify({
  '@context': { '@version': 1.1, Example: 'https://example.org/#Example' },
});
const held = new Map<string, string>([[EXAMPLES_V2, CONTEXT_BYTES]]);
const resource = (url: string) => held.get(url);

const withRelated = (relatedResource: unknown) => plainCredential({ relatedResource });
const check = (relatedResource: unknown) =>
  validateCredentialDataModel(withRelated(relatedResource), { resource });

describe('relatedResource', () => {
  it('accepts a sha384 digestSRI that matches the context we hold', () => {
    expect(check({ id: EXAMPLES_V2, digestSRI: sriOf(CONTEXT_BYTES, 'sha384') })).toEqual([]);
  });

  it('accepts a multihash digestMultibase that matches, with a media type', () => {
    const entry = {
      id: EXAMPLES_V2,
      mediaType: 'application/ld+json',
      digestMultibase: multibaseDigestOf(CONTEXT_BYTES),
    };
    expect(check([entry])).toEqual([]);
  });

  it('accepts a bare base64url sha-256 digestMultibase as the W3C test suite writes it', () => {
    const bare = `u${createHash('sha256').update(CONTEXT_BYTES).digest('base64url')}`;
    expect(check({ id: EXAMPLES_V2, digestMultibase: bare })).toEqual([]);
  });

  it('accepts a digest of a resource we do not hold without checking it', () => {
    expect(check({ id: 'https://example.org/image.png', digestSRI: sriOf('other bytes') })).toEqual([]);
  });

  it('reports a digestSRI that does not match the bytes we hold', () => {
    expectOnly(
      check([{ id: EXAMPLES_V2, digestSRI: sriOf('changed', 'sha384') }]),
      'related-resource-digest',
      'relatedResource[0].digestSRI',
    );
  });

  it('reports a digestMultibase that does not match the bytes we hold', () => {
    expectOnly(
      check([{ id: EXAMPLES_V2, digestMultibase: 'uM4RgWQc3RUDtjJCSgTJtTfvpZ7SPEg_LNO0ESlovQC0' }]),
      'related-resource-digest',
      'relatedResource[0].digestMultibase',
    );
  });

  it('reports an SRI value that is not base64 of a digest', () => {
    const sri = 'sha384-_rCVIV7fSXXTNIvpiq26jRDyj8JG8TDjij-tD0ewLk4JpnXEz6a5AeeY_1qQ0d0P';
    expectOnly(
      check([{ id: EXAMPLES_V2, digestSRI: sri }]),
      'related-resource',
      'relatedResource[0].digestSRI',
    );
  });

  it('reports a list of strings instead of objects', () => {
    expectOnly(check([EXAMPLES_V2]), 'related-resource', 'relatedResource[0]');
  });

  it('reports an entry without id', () => {
    expectOnly(
      check([{ digestMultibase: multibaseDigestOf(CONTEXT_BYTES) }]),
      'related-resource',
      'relatedResource[0].id',
    );
  });

  it('reports an id that is not a URL under the id rule', () => {
    expectOnly(check([{ id: 'context', digestSRI: sriOf('x') }]), 'id', 'relatedResource[0].id');
  });

  it('reports the same id listed twice', () => {
    const entries = [
      { id: EXAMPLES_V2, digestSRI: sriOf(CONTEXT_BYTES) },
      { id: EXAMPLES_V2, digestMultibase: multibaseDigestOf(CONTEXT_BYTES) },
    ];
    expectOnly(check(entries), 'related-resource', 'relatedResource[1].id');
  });

  it('reports an entry with no digest', () => {
    expectOnly(check([{ id: EXAMPLES_V2 }]), 'related-resource', 'relatedResource[0]');
  });

  it('reports a digestMultibase that is no known digest', () => {
    expectOnly(
      check({ id: VC_V2, digestMultibase: 'zabc' }),
      'related-resource',
      'relatedResource.digestMultibase',
    );
  });
});

describe('digest parsing', () => {
  it('reads several SRI expressions and ignores options after ?', () => {
    const value = `${sriOf('a', 'sha256')} ${sriOf('a', 'sha512')}?ct=application/ld+json`;
    expect(parseSri(value)?.map((digest) => digest.algorithm)).toEqual(['sha256', 'sha512']);
  });

  it('refuses an SRI value with an unsupported algorithm', () => {
    expect(parseSri(`md5-${createHash('md5').update('a').digest('base64')}`)).toBeUndefined();
  });

  it('reads a base58btc multihash the same as its base64url form', () => {
    const base64url = parseMultibaseDigest(multibaseDigestOf('a', 'sha384'));
    const bytes = Buffer.concat([Buffer.from([0x20, 48]), createHash('sha384').update('a').digest()]);
    const base58 = parseMultibaseDigest(`z${encodeBase58btc(bytes)}`);
    expect(Buffer.from(base58?.bytes ?? [])).toEqual(Buffer.from(base64url?.bytes ?? []));
    expect(base58?.algorithm).toBe('sha384');
    expect(base64url?.algorithm).toBe('sha384');
  });

  it('refuses a multihash whose length byte disagrees with the digest', () => {
    const bytes = Buffer.concat([Buffer.from([0x12, 31]), createHash('sha256').update('a').digest()]);
    expect(parseMultibaseDigest(`u${bytes.toString('base64url')}`)).toBeUndefined();
  });
});
