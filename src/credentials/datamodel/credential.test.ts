// The core credential rules with conforming and non-conforming inputs (VC Data Model 2.0 §4.3–4.9): @context,
// id, type, issuer, credentialSubject, validity. Fixtures are our own, shaped after what the W3C VC 2.0 test
// suite asks issuers to refuse. Linked objects, names and VC 1.1 fields: credential-objects.test.ts.
import { describe, expect, it } from 'vitest';
import { validateCredentialDataModel } from './credential.ts';
import { EXAMPLES_V2, expectOnly, type Json, plainCredential, VC_V2, v1Credential } from './test-support.ts';
import type { DataModelRule } from './types.ts';

const check = (credential: Json) => validateCredentialDataModel(credential);
const without = (key: string) => {
  const { [key]: _removed, ...rest } = plainCredential();
  return rest;
};

describe('a conforming credential', () => {
  it('has no violations in VC 2.0', () => {
    expect(check(plainCredential())).toEqual([]);
  });

  it('has no violations in VC 1.1', () => {
    expect(check(v1Credential())).toEqual([]);
  });

  it('is reported as a document violation when it is not an object at all', () => {
    expectOnly(check('a string' as unknown as Json), 'document', '');
  });
});

type Case = [string, Json, DataModelRule, string];

/** Each case: a credential that breaks exactly one rule, the rule, and where. */
const refused: Case[] = [
  // context
  ['a credential without @context', without('@context'), 'context', '@context'],
  [
    'a credential whose @context lacks the base context',
    plainCredential({ '@context': [EXAMPLES_V2] }),
    'context',
    '@context[0]',
  ],
  [
    'a credential whose base context is not first',
    plainCredential({ '@context': [EXAMPLES_V2, VC_V2] }),
    'context',
    '@context[0]',
  ],
  [
    'a VC 2.0 @context given as a single string',
    plainCredential({ '@context': VC_V2 }),
    'context',
    '@context',
  ],
  [
    'a @context item that is a number',
    plainCredential({ '@context': [VC_V2, 123192875] }),
    'context',
    '@context[1]',
  ],
  [
    'a @context item that is not a URL',
    plainCredential({ '@context': [VC_V2, 'https ://not-a-url/v1'] }),
    'context',
    '@context[1]',
  ],
  // id
  ['a null credential id', plainCredential({ id: null }), 'id', 'id'],
  [
    'two credential ids',
    plainCredential({ id: ['https://example.org/1', 'https://example.net/1'] }),
    'id',
    'id',
  ],
  ['a credential id that is not a URL', plainCredential({ id: 'https ://not-a-url/vcs/1' }), 'id', 'id'],
  ['a bare word as credential id', plainCredential({ id: 'abc' }), 'id', 'id'],
  [
    'two subject ids',
    plainCredential({ credentialSubject: { id: ['did:example:1', 'did:example:2'] } }),
    'id',
    'credentialSubject.id',
  ],
  // type
  ['a credential without type', without('type'), 'type', 'type'],
  ['an empty type list', plainCredential({ type: [] }), 'type', 'type'],
  [
    'a type list without VerifiableCredential',
    plainCredential({ type: ['RelationshipCredential'] }),
    'type',
    'type',
  ],
  ['a type that is a number', plainCredential({ type: ['VerifiableCredential', 2] }), 'type', 'type'],
  // issuer
  ['a credential without issuer', without('issuer'), 'issuer', 'issuer'],
  ['an issuer that is not a URL', plainCredential({ issuer: 'fake-issuer' }), 'issuer', 'issuer'],
  ['a null issuer', plainCredential({ issuer: null }), 'issuer', 'issuer'],
  ['a numeric issuer', plainCredential({ issuer: 42 }), 'issuer', 'issuer'],
  [
    'an issuer object without id',
    plainCredential({ issuer: { name: 'Example University' } }),
    'issuer',
    'issuer.id',
  ],
  ['an issuer object with a null id', plainCredential({ issuer: { id: null } }), 'issuer', 'issuer.id'],
  [
    'an issuer object whose id is not a URL',
    plainCredential({ issuer: { id: 'fake-issuer' } }),
    'issuer',
    'issuer.id',
  ],
  // credentialSubject
  [
    'a credential without credentialSubject',
    without('credentialSubject'),
    'credential-subject',
    'credentialSubject',
  ],
  [
    'an empty credentialSubject',
    plainCredential({ credentialSubject: {} }),
    'credential-subject',
    'credentialSubject',
  ],
  [
    'an empty credentialSubject list',
    plainCredential({ credentialSubject: [] }),
    'credential-subject',
    'credentialSubject',
  ],
  [
    'a credentialSubject list holding an empty subject',
    plainCredential({ credentialSubject: [{ id: 'did:example:1' }, {}] }),
    'credential-subject',
    'credentialSubject[1]',
  ],
  [
    'a credentialSubject that is a string',
    plainCredential({ credentialSubject: 'did:example:1' }),
    'credential-subject',
    'credentialSubject',
  ],
  // validFrom, validUntil, their order
  [
    'a validFrom in words',
    plainCredential({ validFrom: 'Sat 25 Feb 2023 07:16:31 PM CST' }),
    'valid-from',
    'validFrom',
  ],
  [
    'a validFrom without a time zone',
    plainCredential({ validFrom: '2023-02-25T19:16:31' }),
    'valid-from',
    'validFrom',
  ],
  [
    'a validFrom on a day that does not exist',
    plainCredential({ validFrom: '2023-02-30T00:00:00Z' }),
    'valid-from',
    'validFrom',
  ],
  [
    'a validUntil in RFC 2822 form',
    plainCredential({ validUntil: 'Sun, 26 Feb 2023 01:22:14 +0000' }),
    'valid-until',
    'validUntil',
  ],
  [
    'a validUntil given as a number',
    plainCredential({ validUntil: 1677374534 }),
    'valid-until',
    'validUntil',
  ],
  [
    'a validUntil before validFrom',
    plainCredential({ validFrom: '2025-01-01T00:00:00Z', validUntil: '2024-01-01T00:00:00Z' }),
    'validity-order',
    'validUntil',
  ],
  [
    'a validUntil before validFrom once time zones are counted',
    plainCredential({ validFrom: '2025-01-01T00:00:00-05:00', validUntil: '2025-01-01T04:00:00Z' }),
    'validity-order',
    'validUntil',
  ],
];

describe('credentials breaking one rule', () => {
  it.each(refused)('%s is reported under that rule', (_name, credential, rule, path) => {
    expectOnly(check(credential), rule, path);
  });
});

const accepted: [string, Json][] = [
  [
    'further @context URLs and inline context objects',
    plainCredential({ '@context': [VC_V2, EXAMPLES_V2, { Extra: 'https://example.org/#Extra' }] }),
  ],
  ['a urn:uuid credential id', plainCredential({ id: 'urn:uuid:2f1e8a52-6c1d-4c8e-9a4b-0d7e51c0f0a1' })],
  [
    'a DID subject id',
    plainCredential({
      credentialSubject: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', name: 'x' },
    }),
  ],
  ['a credential without id', without('id')],
  ['type as a single string', plainCredential({ type: 'VerifiableCredential' })],
  [
    'types in any order, one of them a URL',
    plainCredential({ type: ['https://example.org/#T', 'VerifiableCredential'] }),
  ],
  [
    'an issuer object with an id and a name',
    plainCredential({ issuer: { id: 'did:example:issuer', name: 'Example University' } }),
  ],
  [
    'several subjects, one without id',
    plainCredential({ credentialSubject: [{ id: 'did:example:1' }, { name: 'Bob' }] }),
  ],
  ['validFrom with milliseconds', plainCredential({ validFrom: '2023-02-26T01:21:51.123Z' })],
  ['validFrom with a negative offset', plainCredential({ validFrom: '2023-02-26T01:21:51-08:00' })],
  ['validFrom far in the future', plainCredential({ validFrom: '9999-12-31T23:59:59Z' })],
  ['validFrom on a leap day', plainCredential({ validFrom: '2024-02-29T00:00:00Z' })],
  ['validUntil equal to validFrom', plainCredential({ validUntil: '2010-01-01T00:00:00Z' })],
  [
    'validUntil after validFrom with offsets',
    plainCredential({ validFrom: '2025-01-01T00:00:00+14:00', validUntil: '2024-12-31T10:00:00Z' }),
  ],
];

describe('credentials the rules accept', () => {
  it.each(accepted)('%s is accepted', (_name, credential) => {
    expect(check(credential)).toEqual([]);
  });
});

describe('several violations', () => {
  it('are all reported at once, in document order', () => {
    const violations = check({ type: ['X'], issuer: null, credentialSubject: {}, validFrom: 'soon' });
    expect(violations.map((violation) => violation.rule)).toEqual([
      'context',
      'type',
      'issuer',
      'credential-subject',
      'valid-from',
    ]);
  });
});
