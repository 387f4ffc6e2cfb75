// The credential's linked objects (credentialStatus, termsOfUse, evidence, refreshService, credentialSchema),
// its names and descriptions (VC Data Model 2.0 §4.6, §4.10, §4.11, §5.4–5.6), and the VC 1.1 rules.
import { describe, expect, it } from 'vitest';
import { validateCredentialDataModel } from './credential.ts';
import { EXAMPLES_V2, expectOnly, type Json, plainCredential, VC_V1, v1Credential } from './test-support.ts';
import type { DataModelRule } from './types.ts';

const check = (credential: Json) => validateCredentialDataModel(credential);

const refused: [string, Json, DataModelRule, string][] = [
  // the typed objects
  [
    'a credentialStatus without type',
    plainCredential({ credentialStatus: { id: 'did:example:status' } }),
    'type',
    'credentialStatus.type',
  ],
  [
    'a credentialStatus with a numeric type',
    plainCredential({ credentialStatus: { id: 'did:example:status', type: 2 } }),
    'type',
    'credentialStatus.type',
  ],
  [
    'two credentialStatus ids',
    plainCredential({ credentialStatus: { id: ['did:example:1', 'did:example:2'], type: 'X' } }),
    'id',
    'credentialStatus.id',
  ],
  [
    'a credentialStatus id that is not a URL',
    plainCredential({ credentialStatus: { id: 'https ://not-a-url/4', type: 'X' } }),
    'id',
    'credentialStatus.id',
  ],
  [
    'a credentialStatus that is a string',
    plainCredential({ credentialStatus: 'https://example.org/status' }),
    'credential-status',
    'credentialStatus',
  ],
  ['an empty termsOfUse object', plainCredential({ termsOfUse: {} }), 'type', 'termsOfUse.type'],
  [
    'a termsOfUse with an id but no type',
    plainCredential({ termsOfUse: { id: 'did:example:terms/1' } }),
    'type',
    'termsOfUse.type',
  ],
  [
    'a termsOfUse list holding a string',
    plainCredential({ termsOfUse: ['https://example.org/tos'] }),
    'terms-of-use',
    'termsOfUse[0]',
  ],
  ['an empty evidence object', plainCredential({ evidence: {} }), 'type', 'evidence.type'],
  [
    'an evidence id that is not a URL',
    plainCredential({ evidence: [{ id: 'video 1', type: ['Evidence'] }] }),
    'id',
    'evidence[0].id',
  ],
  ['an empty evidence list', plainCredential({ evidence: [] }), 'evidence', 'evidence'],
  [
    'a refreshService without type',
    plainCredential({ refreshService: { id: 'did:example:refresh/1' } }),
    'type',
    'refreshService.type',
  ],
  [
    'a refreshService that is a number',
    plainCredential({ refreshService: 7 }),
    'refresh-service',
    'refreshService',
  ],
  [
    'a credentialSchema without type',
    plainCredential({ credentialSchema: { id: 'did:example:schemas/1' } }),
    'type',
    'credentialSchema.type',
  ],
  [
    'a credentialSchema without id',
    plainCredential({ credentialSchema: { type: 'JsonSchema' } }),
    'credential-schema',
    'credentialSchema.id',
  ],
  [
    'a credentialSchema id that is not a URL',
    plainCredential({ credentialSchema: { type: 'JsonSchema', id: 'https ://not-a-url.org/schema' } }),
    'id',
    'credentialSchema.id',
  ],
  // names and descriptions
  ['a numeric name', plainCredential({ name: 42 }), 'name', 'name'],
  [
    'a description that is a plain object',
    plainCredential({ description: { en: 'A degree' } }),
    'description',
    'description',
  ],
  [
    'an issuer name that is a list of numbers',
    plainCredential({ issuer: { id: 'did:example:1', name: [1] } }),
    'name',
    'issuer.name',
  ],
  // VC 1.1
  [
    'a VC 1.1 credential without issuanceDate',
    v1Credential({ issuanceDate: undefined }),
    'issuance-date',
    'issuanceDate',
  ],
  [
    'a VC 1.1 issuanceDate that is only a date',
    v1Credential({ issuanceDate: '2010-01-01' }),
    'issuance-date',
    'issuanceDate',
  ],
  [
    'a VC 1.1 expirationDate in words',
    v1Credential({ expirationDate: 'next year' }),
    'expiration-date',
    'expirationDate',
  ],
  [
    'a VC 1.1 expirationDate before issuanceDate',
    v1Credential({ expirationDate: '2009-01-01T00:00:00Z' }),
    'validity-order',
    'expirationDate',
  ],
  [
    'a VC 1.1 credentialStatus without id',
    v1Credential({ credentialStatus: { type: 'X' } }),
    'credential-status',
    'credentialStatus.id',
  ],
  [
    'a VC 1.1 refreshService without id',
    v1Credential({ refreshService: { type: 'X' } }),
    'refresh-service',
    'refreshService.id',
  ],
  [
    'a VC 1.1 @context that does not start with the v1 context',
    v1Credential({ '@context': [EXAMPLES_V2, VC_V1] }),
    'context',
    '@context[0]',
  ],
];

describe('credentials with one broken linked object, name or VC 1.1 field', () => {
  it.each(refused)('%s is reported under that rule', (_name, credential, rule, path) => {
    expectOnly(check(credential), rule, path);
  });
});

const accepted: [string, Json][] = [
  [
    'a credentialStatus without id',
    plainCredential({ credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } }),
  ],
  [
    'two termsOfUse with types and ids',
    plainCredential({
      termsOfUse: [{ type: 'IssuerPolicy', id: 'https://example.org/p/1' }, { type: 'HolderPolicy' }],
    }),
  ],
  ['evidence with a type list', plainCredential({ evidence: { type: ['Evidence'], name: 'Video' } })],
  [
    'a VC 2.0 refreshService without id',
    plainCredential({
      refreshService: { type: 'VerifiableCredentialRefreshService2021', url: 'https://example.org/r' },
    }),
  ],
  [
    'two credential schemas',
    plainCredential({
      credentialSchema: [
        { id: 'https://example.org/s1', type: 'JsonSchema' },
        { id: 'https://example.org/s2', type: 'JsonSchema' },
      ],
    }),
  ],
  [
    'a name in two languages',
    plainCredential({
      name: [
        { '@value': 'Degree', '@language': 'en' },
        { '@value': 'Título', '@language': 'es' },
      ],
    }),
  ],
  [
    'an issuer description with language and direction',
    plainCredential({
      issuer: {
        id: 'did:example:1',
        description: { '@value': 'جامعة', '@language': 'ar', '@direction': 'rtl' },
      },
    }),
  ],
  ['a VC 1.1 @context given as a string', v1Credential({ '@context': VC_V1 })],
  ['a VC 1.1 issuanceDate without a time zone', v1Credential({ issuanceDate: '2010-01-01T19:23:24' })],
  [
    'a VC 1.1 refreshService and credentialStatus with ids',
    v1Credential({
      refreshService: { id: 'https://example.edu/refresh/3', type: 'ManualRefreshService2018' },
      credentialStatus: { id: 'https://example.edu/status/24', type: 'CredentialStatusList2017' },
    }),
  ],
];

describe('linked objects, names and VC 1.1 fields the rules accept', () => {
  it.each(accepted)('%s is accepted', (_name, credential) => {
    expect(check(credential)).toEqual([]);
  });
});
