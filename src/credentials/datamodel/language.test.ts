// Language value objects anywhere in a credential (VC Data Model 2.0 §11.1): @value, a well-formed
// BCP 47 @language, an ltr/rtl @direction, and nothing else.
import { describe, expect, it } from 'vitest';
import { validateCredentialDataModel } from './credential.ts';
import { isLanguageTag } from './primitives.ts';
import { expectOnly, type Json, plainCredential } from './test-support.ts';

/** A credential whose degree name is `name`. */
const withDegreeName = (name: unknown): Json =>
  plainCredential({
    credentialSubject: { id: 'did:example:1', degree: { type: 'ExampleBachelorDegree', name } },
  });

describe('language value objects', () => {
  const accepted: [string, unknown][] = [
    ['a value with a language', { '@value': 'Bachelor of Science', '@language': 'en' }],
    [
      'a value with a language and a direction',
      { '@value': 'بكالوريوس العلوم', '@language': 'ar', '@direction': 'rtl' },
    ],
    ['a value with only a direction', { '@value': 'Bachelor', '@direction': 'ltr' }],
    ['a value with a region and script subtag', { '@value': '理学学士', '@language': 'zh-Hant-TW' }],
    [
      'a list of values in several languages',
      [
        { '@value': 'Degree', '@language': 'en' },
        { '@value': 'Título', '@language': 'es-419' },
      ],
    ],
    ['a typed JSON-LD value', { '@value': '2024-01-01', '@type': 'http://www.w3.org/2001/XMLSchema#date' }],
  ];
  it.each(accepted)('accepts %s', (_name, value) => {
    expect(validateCredentialDataModel(withDegreeName(value))).toEqual([]);
  });

  const refused: [string, unknown, string][] = [
    [
      'a value object with an extra property',
      { '@value': 'x', '@language': 'en', url: 'did:example:1' },
      'credentialSubject.degree.name',
    ],
    [
      'a malformed language tag',
      { '@value': 'x', '@language': 'not a tag' },
      'credentialSubject.degree.name.@language',
    ],
    [
      'a language tag with a repeated variant',
      { '@value': 'x', '@language': 'de-1901-1901' },
      'credentialSubject.degree.name.@language',
    ],
    [
      'a direction other than ltr or rtl',
      { '@value': 'x', '@language': 'en', '@direction': 'up' },
      'credentialSubject.degree.name.@direction',
    ],
    [
      'a numeric @value next to a language',
      { '@value': 3, '@language': 'en' },
      'credentialSubject.degree.name.@value',
    ],
    [
      'a typed value with an extra property',
      { '@value': '1', '@type': 'http://www.w3.org/2001/XMLSchema#integer', note: 'x' },
      'credentialSubject.degree.name',
    ],
  ];
  it.each(refused)('refuses %s, with the language-value rule', (_name, value, path) => {
    expectOnly(validateCredentialDataModel(withDegreeName(value)), 'language-value', path);
  });

  it('points into a list at the offending item', () => {
    const name = [
      { '@value': 'ok', '@language': 'en' },
      { '@value': 'bad', '@language': 'en', extra: 1 },
    ];
    expectOnly(
      validateCredentialDataModel(withDegreeName(name)),
      'language-value',
      'credentialSubject.degree.name[1]',
    );
  });

  it('checks the credential name and the issuer name, as the W3C suite expects', () => {
    const bad = { '@value': 'Example', '@language': 'en', url: 'did:example:credential' };
    expectOnly(validateCredentialDataModel(plainCredential({ name: bad })), 'language-value', 'name');
    expectOnly(
      validateCredentialDataModel(
        plainCredential({ issuer: { id: 'did:example:issuer', description: bad } }),
      ),
      'language-value',
      'issuer.description',
    );
  });

  it('does not look inside @context definitions', () => {
    const context = { '@version': 1.1, label: { '@id': 'https://example.org/label', '@language': 'en' } };
    expect(
      validateCredentialDataModel(
        plainCredential({ '@context': [plainCredential()['@context'], context].flat() }),
      ),
    ).toEqual([]);
  });
});

describe('BCP 47 well-formedness', () => {
  it.each([
    'en',
    'EN-gb',
    'es-419',
    'sr-Latn-RS',
    'zh-yue-HK',
    'de-CH-1996',
    'en-a-bbb-x-a-ccc',
    'x-whatever',
    'i-klingon',
  ])('treats %s as a well-formed tag', (tag) => {
    expect(isLanguageTag(tag)).toBe(true);
  });
  it.each(['', 'e', 'english language', 'en_US', 'abcdefghi', 'en--us', 'en-a-x', 'en-a-bb-a-cc', '-en'])(
    'treats %j as malformed',
    (tag) => {
      expect(isLanguageTag(tag)).toBe(false);
    },
  );
});
