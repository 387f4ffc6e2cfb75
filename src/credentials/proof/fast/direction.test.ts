// Language value objects with @direction: both canonicalisation paths must give the bytes of the
// eddsa-rdfc-2022 reference (@digitalbazaar/eddsa-rdfc-2022-cryptosuite), which canonizes with
// `rdfDirection: 'i18n-datatype'`: "text"^^<https://www.w3.org/ns/i18n#ar_rtl>.
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { describe, expect, it } from 'vitest';
import { staticDocumentLoader } from '../../contexts/index.ts';
import { canonize, canonizeGeneral } from '../canonize.ts';
import { openBadgeCredential, VC_V2 } from './corpus.ts';
import { tryFastCanonize } from './index.ts';

type Json = Record<string, unknown>;

const credential = openBadgeCredential();
const subject = credential.credentialSubject as Json;
const achievement = subject.achievement as Json;
const withAchievement = (changes: Json) =>
  openBadgeCredential({ credentialSubject: { ...subject, achievement: { ...achievement, ...changes } } });

const ARABIC = 'HTML و CSS: تصميم و إنشاء مواقع الويب';

// The vendor type declarations leave the cryptosuite opaque; its canonize(input, options) is lib/canonize.js.
const referenceCanonize = (cryptosuite as { canonize(input: object, options: object): Promise<string> })
  .canonize;

/** The reference cryptosuite's canonical N-Quads, or its error. */
const reference = (document: Json) =>
  referenceCanonize(structuredClone(document), { documentLoader: staticDocumentLoader }).then(
    (nquads: string) => ({ nquads }),
    (error: Error) => ({ error }),
  );

const understood: [string, Json, string][] = [
  [
    'an Arabic right-to-left achievement name',
    withAchievement({ name: { '@value': ARABIC, '@language': 'ar', '@direction': 'rtl' } }),
    `"${ARABIC}"^^<https://www.w3.org/ns/i18n#ar_rtl>`,
  ],
  [
    'a credential name in two languages and directions, the tag lower-cased',
    openBadgeCredential({
      name: [
        { '@value': 'Payroll', '@language': 'en-GB', '@direction': 'ltr' },
        { '@value': 'الرواتب', '@language': 'AR-eg', '@direction': 'rtl' },
      ],
    }),
    '"الرواتب"^^<https://www.w3.org/ns/i18n#ar-eg_rtl>',
  ],
  [
    'a direction without a language',
    withAchievement({ description: { '@value': ARABIC, '@direction': 'rtl' } }),
    `"${ARABIC}"^^<https://www.w3.org/ns/i18n#_rtl>`,
  ],
  [
    'an issuer name with a direction next to a plain language-tagged string',
    openBadgeCredential({
      issuer: {
        ...(credential.issuer as Json),
        name: [
          { '@value': 'أكاديمية', '@language': 'ar', '@direction': 'rtl' },
          { '@value': 'Academy', '@language': 'en' },
        ],
      },
    }),
    '"Academy"@en',
  ],
  [
    'the same text and language in both directions (merged as jsonld.js merges them: the first stays)',
    withAchievement({
      name: [
        { '@value': ARABIC, '@language': 'ar', '@direction': 'rtl' },
        { '@value': ARABIC, '@language': 'ar', '@direction': 'ltr' },
      ],
    }),
    `"${ARABIC}"^^<https://www.w3.org/ns/i18n#ar_rtl>`,
  ],
];

describe('language value objects with @direction', () => {
  it.each(understood)(
    '%s: the fast path, the general path and the reference agree',
    async (_name, document, literal) => {
      const expected = await reference(document);
      if (!('nquads' in expected)) throw expected.error;
      expect(expected.nquads).toContain(literal);
      expect(await canonizeGeneral(structuredClone(document), staticDocumentLoader)).toBe(expected.nquads);
      expect(await tryFastCanonize(structuredClone(document), staticDocumentLoader)).toEqual({
        nquads: expected.nquads,
      });
      expect(await canonize(document, staticDocumentLoader)).toBe(expected.nquads);
    },
  );

  it('a direction on a number is left to the general path, which still equals the reference', async () => {
    const document = withAchievement({ creditsAvailable: { '@value': 3, '@direction': 'rtl' } });
    const expected = await reference(document);
    expect(await tryFastCanonize(structuredClone(document), staticDocumentLoader)).toHaveProperty('declined');
    if ('nquads' in expected) expect(await canonize(document, staticDocumentLoader)).toBe(expected.nquads);
    else await expect(canonize(document, staticDocumentLoader)).rejects.toThrow();
  });

  const rejected: [string, Json][] = [
    [
      'a direction that is neither ltr nor rtl',
      withAchievement({ name: { '@value': 'x', '@direction': 'up' } }),
    ],
    ['a null direction', withAchievement({ name: { '@value': 'x', '@direction': null } })],
    [
      'a direction next to a datatype',
      withAchievement({
        name: { '@value': 'x', '@direction': 'rtl', '@type': 'http://www.w3.org/2001/XMLSchema#string' },
      }),
    ],
  ];
  it.each(rejected)('%s is refused by the reference and by canonize()', async (_name, document) => {
    expect(await reference(document)).toHaveProperty('error');
    expect(await tryFastCanonize(structuredClone(document), staticDocumentLoader)).toHaveProperty('declined');
    await expect(canonize(document, staticDocumentLoader)).rejects.toThrow();
  });

  it('a plain VC 2.0 credential with a right-to-left subject name takes the fast path', async () => {
    const document = {
      '@context': [VC_V2],
      type: ['VerifiableCredential'],
      issuer: 'did:example:issuer',
      credentialSubject: {
        id: 'did:example:subject',
        name: { '@value': ARABIC, '@language': 'ar', '@direction': 'rtl' },
      },
    };
    const expected = await reference(document);
    expect(await tryFastCanonize(document, staticDocumentLoader)).toEqual(expected);
  });
});
