// The fast canonicalisation path against jsonld.js (the general path), byte for byte, over one
// shared corpus: the OB 3.0 spec examples, the 1EdTech signing vectors, hand-written shapes and
// generated variations. Where the fast path declines, canonize() must still equal the general path.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { staticDocumentLoader } from '../../contexts/index.ts';
import { buildBadge, didKeyIssuer } from '../../testing/fixtures.ts';
import { standardsExamplePath } from '../../testing/standards.ts';
import { canonize, canonizeGeneral } from '../canonize.ts';
import {
  DATA_INTEGRITY_V2,
  generatedCredential,
  mutatedCredential,
  OB_EXTENSIONS,
  OB_V3,
  openBadgeCredential,
  proofConfig,
  statusListCredential,
  VC_V2,
  VERIFICATION_METHOD,
} from './corpus.ts';
import { tryFastCanonize } from './index.ts';

type Json = Record<string, unknown>;
const EXAMPLES = standardsExamplePath('ob_v3p0');
const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8'));

/** Both paths on one document: the general path's bytes (or error) and the fast path's outcome. */
async function bothPaths(document: Json) {
  const general = await canonizeGeneral(structuredClone(document), staticDocumentLoader).then(
    (nquads) => ({ nquads }),
    (error: Error) => ({ error }),
  );
  const fast = await tryFastCanonize(structuredClone(document), staticDocumentLoader);
  return { general, fast };
}

/** The fast path either matches byte for byte or declines; canonize() always agrees with jsonld.js. */
async function expectSameAsGeneral(document: Json, { fastPath }: { fastPath: boolean }) {
  const { general, fast } = await bothPaths(document);
  if ('error' in general) {
    expect(fast).toHaveProperty('declined');
    await expect(canonize(document, staticDocumentLoader)).rejects.toThrow();
    return;
  }
  if (fastPath) expect(fast).toEqual({ nquads: general.nquads });
  else expect(fast).toHaveProperty('declined');
  expect(await canonize(document, staticDocumentLoader)).toBe(general.nquads);
}

const specExamples = readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'));
// These three have no usable @context of their own or use an undefined term: jsonld.js rejects them.
const rejectedByJsonLd = [
  'derived-achievement-from-complete-openbadgecredential.json',
  'derived-issuer-profile-from-complete-openbadgecredential.json',
  'migrating-upgraded-ob2-assertion-as-ob3-credential.json',
];

// Its rubric levels repeat identical blank-node subtrees (tied nodes next to tied nodes): left to
// the general path, which settles such ties with full N-degree hashing.
const declinedByFastPath = ['complete-openbadgecredential.json'];

describe('the OB 3.0 specification examples', () => {
  it.each(specExamples)('%s canonicalises identically on both paths', async (file) => {
    await expectSameAsGeneral(readJson(`${EXAMPLES}/${file}`), {
      fastPath: !rejectedByJsonLd.includes(file) && !declinedByFastPath.includes(file),
    });
  });

  it.each(rejectedByJsonLd)('%s is rejected by canonize(), as jsonld.js rejects it', async (file) => {
    await expect(canonize(readJson(`${EXAMPLES}/${file}`), staticDocumentLoader)).rejects.toThrow();
  });
});

describe.each(['ob_v3p0', 'clr_v2p0'])('the %s implementation-guide vector on the fast path', (name) => {
  const dir = `${EXAMPLES}/impl-guide-signing/${name}`;
  const unsigned = readJson(`${dir}/credential-unsigned.json`);

  it('gives the published document N-Quads', async () => {
    expect(await tryFastCanonize(unsigned, staticDocumentLoader)).toEqual({
      nquads: readFileSync(`${dir}/document-canon.nq`, 'utf8'),
    });
  });

  it('gives the published proof-options N-Quads under the credential @context', async () => {
    const { proofValue: _value, ...options } = readJson(`${dir}/proof.json`);
    const config = { '@context': unsigned['@context'], ...options };
    expect(await tryFastCanonize(config, staticDocumentLoader)).toEqual({
      nquads: readFileSync(`${dir}/proof-canon.nq`, 'utf8'),
    });
  });
});

const credential = openBadgeCredential();
const subject = credential.credentialSubject as Json;
const achievement = subject.achievement as Json;
const withSubject = (changes: Json) => openBadgeCredential({ credentialSubject: { ...subject, ...changes } });
const withAchievement = (changes: Json) => withSubject({ achievement: { ...achievement, ...changes } });
const { proof: _proof, ...signedVector } = readJson(
  `${EXAMPLES}/impl-guide-signing/ob_v3p0/credential-signed.json`,
);

const handWritten: [string, Json][] = [
  ['a badge from the OB 3.0 model builder', buildBadge(didKeyIssuer()) as unknown as Json],
  [
    'a badge from the model builder with a DID subject',
    buildBadge(didKeyIssuer(), { recipient: { did: 'did:web:learner.example.org' } }) as unknown as Json,
  ],
  ['a realistic OB 3.0 credential', credential],
  [
    'the same credential with the OB extensions context',
    openBadgeCredential({ '@context': [VC_V2, OB_V3, OB_EXTENSIONS] }),
  ],
  [
    'a DID subject',
    withSubject({ id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', identifier: undefined }),
  ],
  [
    'an unhashed email identity',
    withSubject({
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: 'learner@example.org',
          identityType: 'emailAddress',
          hashed: false,
        },
      ],
    }),
  ],
  ['a credential without an id (blank node root)', { ...credential, id: undefined }],
  [
    'two identical evidence entries (tied leaf blank nodes, settled by rdf-canonize)',
    openBadgeCredential({
      evidence: [
        { type: ['Evidence'], name: 'x' },
        { type: ['Evidence'], name: 'x' },
      ],
    }),
  ],
  [
    'repeated types and tags (merged by the node map)',
    withAchievement({ type: ['Achievement', 'Achievement'], tag: ['a', 'a', 'b'] }),
  ],
  [
    'an IRI node described in two places (merged)',
    withAchievement({
      creator: { id: 'https://badges.example.org/achievements/payroll', type: ['Profile'], name: 'Self' },
    }),
  ],
  [
    'numbers: integer, float, large and tiny',
    withAchievement({ creditsAvailable: 2.5, version: '1', humanCode: 'X-1' }),
  ],
  ['a double-sized number', withAchievement({ creditsAvailable: 1e21 })],
  ['a tiny number (written without a dot)', withAchievement({ creditsAvailable: 1e-7 })],
  [
    'booleans and a typed date',
    withSubject({
      identifier: [
        { type: 'IdentityObject', identityHash: 'h', identityType: 'emailAddress', hashed: false, salt: '' },
      ],
    }),
  ],
  [
    'language-tagged value objects',
    withAchievement({
      name: { '@value': 'Nóminas', '@language': 'ES' },
      description: { '@value': 'Payroll', '@language': 'en-GB' },
    }),
  ],
  [
    'a typed value object',
    withAchievement({
      version: { '@value': '2026-05-21', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
    }),
  ],
  [
    'a value object equal in RDF to a native boolean',
    withSubject({
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: 'h',
          identityType: 'emailAddress',
          hashed: [true, { '@value': 'true', '@type': 'http://www.w3.org/2001/XMLSchema#boolean' }],
        },
      ],
    }),
  ],
  ['null values and empty arrays', withAchievement({ description: null, tag: [], alignment: [null] })],
  ['an empty nested object', withAchievement({ criteria: {} })],
  [
    'a result description with an @list of allowed values',
    withAchievement({
      resultDescription: [
        {
          id: 'urn:uuid:1',
          type: ['ResultDescription'],
          name: 'Grade',
          resultType: 'LetterGrade',
          allowedValue: ['A', 'B', 'A', 'C'],
        },
      ],
    }),
  ],
  [
    'an empty @list',
    withAchievement({
      resultDescription: [
        {
          id: 'urn:uuid:2',
          type: ['ResultDescription'],
          name: 'Grade',
          resultType: 'LetterGrade',
          allowedValue: [],
        },
      ],
    }),
  ],
  [
    'a compact IRI and an absolute IRI as property',
    withAchievement({
      'https://schema.org/keywords': 'direct',
      'http://purl.org/dc/terms/subject': { id: 'https://example.org/x' },
    }),
  ],
  [
    'undefined terms mapped by the undefined-terms @vocab',
    {
      ...credential,
      '@context': [VC_V2, OB_V3, 'https://www.w3.org/ns/credentials/undefined-terms/v2'],
      favouriteColour: 'blue',
    },
  ],
  ['keyword aliases next to keywords', withAchievement({ '@type': 'Achievement', type: ['Achievement'] })],
  ['a BitstringStatusListCredential', statusListCredential()],
  ['proof options (VC 2.0 + OB 3.0.3)', proofConfig()],
  ['proof options (VC 2.0 only)', proofConfig([VC_V2])],
  ['proof options with the Data Integrity context', proofConfig([VC_V2, DATA_INTEGRITY_V2])],
  [
    'proof options with a challenge and domain',
    proofConfig([VC_V2], {
      proofPurpose: 'authentication',
      challenge: 'abc',
      domain: 'example.org',
      expires: '2027-01-01T00:00:00Z',
    }),
  ],
  [
    'a signed credential (proof as a graph container)',
    readJson(`${EXAMPLES}/impl-guide-signing/ob_v3p0/credential-signed.json`),
  ],
  ['the signed vector without its proof', signedVector],
  [
    'a presentation holding a signed credential (nested graph containers)',
    {
      '@context': [VC_V2],
      type: 'VerifiablePresentation',
      holder: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      verifiableCredential: [readJson(`${EXAMPLES}/impl-guide-signing/ob_v3p0/credential-signed.json`)],
    },
  ],
];

describe('hand-written documents', () => {
  it.each(handWritten)('%s canonicalises identically on both paths', async (_name, document) => {
    await expectSameAsGeneral(document, { fastPath: true });
  });
});

describe('generated OB 3.0 credential variations', () => {
  const seeds = Array.from({ length: 150 }, (_, i) => i + 1);
  it.each(seeds)('seed %i canonicalises identically on both paths', async (seed) => {
    await expectSameAsGeneral(generatedCredential(seed), { fastPath: true });
  });
});

describe('randomly mutated credentials (valid or not)', () => {
  // Both paths agree byte for byte, or both throw; whether the fast path engages is not asserted.
  const seeds = Array.from({ length: 250 }, (_, i) => i + 1);
  it.each(seeds)('seed %i: canonize() agrees with jsonld.js', async (seed) => {
    const document = mutatedCredential(seed);
    const { general, fast } = await bothPaths(document);
    if ('error' in general) {
      expect(fast).toHaveProperty('declined');
      await expect(canonize(document, staticDocumentLoader)).rejects.toThrow();
    } else {
      if ('nquads' in fast) expect(fast.nquads).toBe(general.nquads);
      expect(await canonize(document, staticDocumentLoader)).toBe(general.nquads);
    }
  });
});

const gradeScale = {
  type: ['ResultDescription'],
  name: 'Grade',
  resultType: 'RubricCriterionLevel',
  rubricCriterionLevel: [{ type: ['RubricCriterionLevel'], name: 'Pass', level: '1' }],
};
const declined: [string, Json][] = [
  [
    'identical blank-node subtrees (tied nodes next to tied nodes)',
    withAchievement({ resultDescription: [gradeScale, structuredClone(gradeScale)] }),
  ],
  [
    'an inline context object',
    { ...credential, '@context': [VC_V2, OB_V3, { extra: 'https://example.org/extra' }], extra: 'x' },
  ],
  [
    'an inline context wrapped in its own @context (as the eddsa suite writes one)',
    {
      ...credential,
      '@context': [VC_V2, OB_V3, { '@context': { extra: 'https://example.org/extra' } }],
      extra: 'x',
    },
  ],
  [
    'an inline context with a scoped context of bundled URLs',
    {
      ...credential,
      '@context': [VC_V2, OB_V3, { extra: { '@id': 'https://example.org/extra', '@context': [OB_V3] } }],
      extra: { type: ['Profile'], name: 'x' },
    },
  ],
  [
    'an inline context on a nested node',
    withSubject({ '@context': { extra: 'https://example.org/e' }, extra: 'x' }),
  ],
  ['a blank node identifier', withSubject({ id: '_:learner' })],
  [
    'a JSON literal',
    {
      ...statusListCredential(),
      credentialSchema: { id: 'https://example.org/s', type: 'JsonSchema', jsonSchema: { a: 1 } },
    },
  ],
  [
    'an @included block',
    { ...credential, '@included': [{ id: 'https://example.org/x', type: 'Profile', name: 'x' }] },
  ],
  ['a nested array', withAchievement({ tag: [['a', 'b']] })],
  ['an IRI needing N-Quads escapes', withAchievement({ id: 'https://example.org/a{b}' })],
  [
    'a default language in a scoped context',
    {
      '@context': [VC_V2],
      type: 'VerifiableCredential',
      issuer: 'did:example:1',
      credentialSubject: { '@language': 'en', id: 'did:example:2' },
    },
  ],
];

describe('documents the fast path declines', () => {
  it.each(declined)('%s: declined, and canonize() still equals jsonld.js', async (_name, document) => {
    await expectSameAsGeneral(document, { fastPath: false });
  });
});

describe('errors jsonld.js safe mode raises still reach the caller', () => {
  const rejected: [string, Json][] = [
    ['an undefined top-level term', { ...credential, undefinedTerm: 'x' }],
    ['an undefined term inside the achievement', withAchievement({ favouriteColour: 'blue' })],
    [
      'an undefined term inside an alignment',
      withAchievement({ alignment: [{ type: ['Alignment'], targetName: 'x', oops: 1 }] }),
    ],
    ['an undefined type', { ...credential, type: ['VerifiableCredential', 'MadeUpCredential'] }],
    ['a relative @id', withAchievement({ id: 'achievements/payroll' })],
    ['a relative IRI reference', withAchievement({ image: 'images/payroll.png' })],
    ['a malformed language tag', withAchievement({ name: { '@value': 'x', '@language': 'not a tag' } })],
    ['a value object with a null @value', withAchievement({ name: { '@value': null } })],
    ['an empty graph-container entry', proofConfig([VC_V2], { proof: {} })],
    [
      'a protected term redefined by an inline context',
      { ...credential, '@context': [VC_V2, OB_V3, { name: 'https://example.org/not-the-name' }] },
    ],
    [
      'an inline context that names an unknown context',
      {
        ...credential,
        '@context': [VC_V2, OB_V3, { '@context': 'https://example.org/unknown-context.json' }],
      },
    ],
  ];
  it.each(rejected)('%s makes canonize() throw', async (_name, document) => {
    const { general, fast } = await bothPaths(document);
    expect(general).toHaveProperty('error');
    expect(fast).toHaveProperty('declined');
    await expect(canonize(document, staticDocumentLoader)).rejects.toThrow();
  });

  it('an unknown context falls back and fails with UnknownContextError from the loader', async () => {
    const document = { ...credential, '@context': [VC_V2, 'https://example.org/unknown-context.json'] };
    expect(await tryFastCanonize(document, staticDocumentLoader)).toEqual({
      declined: 'context https://example.org/unknown-context.json is not bundled',
    });
    await expect(canonize(document, staticDocumentLoader)).rejects.toMatchObject({
      details: { cause: { code: 'UNKNOWN_CONTEXT' } },
    });
  });

  it('a loader that serves a different document for a bundled URL is obeyed (fast path declines)', async () => {
    const altered = { '@context': { '@version': 1.1, name: 'https://example.org/altered#name' } };
    const loader = async (url: string) =>
      url === OB_V3 ? { contextUrl: null, documentUrl: url, document: altered } : staticDocumentLoader(url);
    const document = { '@context': [OB_V3], name: 'x' };
    expect(await tryFastCanonize(document, loader)).toEqual({
      declined: `loader serves a different ${OB_V3}`,
    });
    expect(await canonize(document, loader)).toBe('_:c14n0 <https://example.org/altered#name> "x" .\n');
  });

  it('a loader that serves an equal copy of a bundled context keeps the fast path', async () => {
    const loader = async (url: string) => {
      const { document, ...rest } = await staticDocumentLoader(url);
      return { ...rest, document: structuredClone(document) };
    };
    expect(await tryFastCanonize(proofConfig(), loader)).toHaveProperty('nquads');
  });

  it('the proof options of our verification method canonicalise to the expected quads', async () => {
    const outcome = await tryFastCanonize(proofConfig([VC_V2]), staticDocumentLoader);
    expect(outcome).toHaveProperty('nquads');
    expect((outcome as { nquads: string }).nquads).toContain(`<${VERIFICATION_METHOD}>`);
  });
});
