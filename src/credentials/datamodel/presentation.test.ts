// Presentation rules (VC Data Model 2.0 §4.13) and enveloped credentials / presentations (§4.13.2).
import { describe, expect, it } from 'vitest';
import { validateCredentialDataModel } from './credential.ts';
import { validatePresentationDataModel } from './presentation.ts';
import { brief, EXAMPLES_V2, expectOnly, type Json, plainCredential, VC_V2 } from './test-support.ts';
import type { DataModelRule } from './types.ts';

const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJodHRwczovL2V4YW1wbGUuZWR1In0.c2lnbmF0dXJl';
const enveloped = (changes: Json = {}): Json => ({
  '@context': VC_V2,
  type: 'EnvelopedVerifiableCredential',
  id: `data:application/vc+jwt,${JWT}`,
  ...changes,
});
const presentation = (changes: Json = {}): Json => ({
  '@context': [VC_V2, EXAMPLES_V2],
  id: 'urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5',
  type: ['VerifiablePresentation', 'ExamplePresentation'],
  holder: 'did:example:holder',
  verifiableCredential: [plainCredential()],
  ...changes,
});
const check = (document: Json) => validatePresentationDataModel(document);

describe('a presentation', () => {
  it('with a credential and an enveloped credential has no violations', () => {
    expect(check(presentation({ verifiableCredential: [plainCredential(), enveloped()] }))).toEqual([]);
  });

  it('without credentials, with a holder object, has no violations', () => {
    const { verifiableCredential: _none, ...empty } = presentation({
      holder: { id: 'did:example:holder', name: 'Alice' },
    });
    expect(check(empty)).toEqual([]);
  });

  it('with a single credential object (not a list) has no violations', () => {
    expect(check(presentation({ verifiableCredential: plainCredential() }))).toEqual([]);
  });

  const refused: [string, Json, DataModelRule, string][] = [
    ['without @context', presentation({ '@context': undefined }), 'context', '@context'],
    [
      'with the base context second',
      presentation({ '@context': [{ X: 'https://example.org/#X' }, VC_V2] }),
      'context',
      '@context[0]',
    ],
    ['without type', presentation({ type: undefined }), 'type', 'type'],
    [
      'whose type lacks VerifiablePresentation',
      presentation({ type: ['CredentialManagerPresentation'] }),
      'type',
      'type',
    ],
    ['with an id that is not a URL', presentation({ id: 'presentation 1' }), 'id', 'id'],
    [
      'with a holder that is not a URL',
      presentation({ holder: 'z6MkpJySvETLnxhQG9DzEdmKJtysBDjuuTeDfUj1uNNCUqcj' }),
      'holder',
      'holder',
    ],
    ['with a holder object without id', presentation({ holder: { name: 'Acme' } }), 'holder', 'holder.id'],
    [
      'with a holder object whose id is not a URL',
      presentation({ holder: { id: 'z6Mkp' } }),
      'holder',
      'holder.id',
    ],
    [
      'carrying a credential as a string',
      presentation({ verifiableCredential: [JWT] }),
      'verifiable-credential',
      'verifiableCredential[0]',
    ],
    [
      'carrying a number',
      presentation({ verifiableCredential: 7 }),
      'verifiable-credential',
      'verifiableCredential',
    ],
    [
      'carrying a credential with an empty type',
      presentation({ verifiableCredential: [plainCredential({ type: [] })] }),
      'type',
      'verifiableCredential[0].type',
    ],
    [
      'carrying an enveloped credential whose id is not a data: URL',
      presentation({ verifiableCredential: [enveloped({ id: JWT })] }),
      'id',
      'verifiableCredential[0].id',
    ],
    [
      'with a termsOfUse lacking a type',
      presentation({ termsOfUse: { id: 'https://example.org/tou' } }),
      'type',
      'termsOfUse.type',
    ],
    [
      'with a language value object holding an extra key',
      presentation({ name: { '@value': 'x', '@language': 'en', extra: true } }),
      'language-value',
      'name',
    ],
  ];
  it.each(refused)('%s is reported under the matching rule', (_name, document, rule, path) => {
    expectOnly(check(document), rule, path);
  });

  it('reports each broken rule of a credential it carries, below verifiableCredential[i]', () => {
    const inner = plainCredential({ issuer: null, validFrom: 'yesterday' });
    expect(brief(check(presentation({ verifiableCredential: [plainCredential(), inner] })))).toEqual([
      { rule: 'issuer', path: 'verifiableCredential[1].issuer' },
      { rule: 'valid-from', path: 'verifiableCredential[1].validFrom' },
    ]);
  });

  it('an object missing both context and type is reported as no presentation at all', () => {
    expect(brief(check({ type: ['NonconformingDocument'] }))).toEqual([
      { rule: 'context', path: '@context' },
      { rule: 'type', path: 'type' },
    ]);
  });
});

describe('enveloped verifiable credentials', () => {
  it('are accepted with the base context as a string, the envelope type and a data: URL id', () => {
    expect(validateCredentialDataModel(enveloped())).toEqual([]);
  });

  it('are accepted with a base64url data: URL parameter', () => {
    expect(
      validateCredentialDataModel(enveloped({ id: `data:application/vc-ld+jwt;base64url,${JWT}` })),
    ).toEqual([]);
  });

  const refused: [string, Json, DataModelRule, string][] = [
    ['an empty @context', enveloped({ '@context': [] }), 'context', '@context[0]'],
    ['only the examples context', enveloped({ '@context': EXAMPLES_V2 }), 'context', '@context'],
    ['an id that is the bare JWT', enveloped({ id: JWT }), 'id', 'id'],
    ['an id that is an https URL', enveloped({ id: 'https://example.org/vc.jwt' }), 'id', 'id'],
  ];
  it.each(refused)('are refused with %s', (_name, document, rule, path) => {
    expectOnly(validateCredentialDataModel(document), rule, path);
  });

  it('are refused when the type is VerifiableCredential (then the credential rules apply)', () => {
    const rules = validateCredentialDataModel(enveloped({ type: 'VerifiableCredential' })).map((v) => v.rule);
    expect(rules).toEqual(expect.arrayContaining(['issuer', 'credential-subject']));
  });
});

describe('enveloped verifiable presentations', () => {
  const envelope = (changes: Json = {}): Json => ({
    '@context': VC_V2,
    type: 'EnvelopedVerifiablePresentation',
    id: `data:application/vp+jwt,${JWT}`,
    ...changes,
  });

  it('are accepted with the envelope type and a data: URL id', () => {
    expect(check(envelope())).toEqual([]);
  });

  it('are refused with an id that is not a data: URL', () => {
    expectOnly(check(envelope({ id: JWT })), 'id', 'id');
  });

  it('are refused when the @context lacks the base context', () => {
    expectOnly(check(envelope({ '@context': [EXAMPLES_V2] })), 'context', '@context[0]');
  });
});
