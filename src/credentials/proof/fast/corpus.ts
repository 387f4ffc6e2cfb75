// Test and benchmark documents for the canonicalisation paths (not exported from the library):
// hand-written OB 3.0 / VC 2.0 shapes covering each feature the fast path handles, and a small
// seeded generator of OB 3.0 credential variations for the differential tests.
type Json = Record<string, unknown>;

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OB_EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const DATA_INTEGRITY_V2 = 'https://w3id.org/security/data-integrity/v2';

export const ISSUER_DID = 'did:key:z6MkrHKzgsahxBLyNAbLQyB1pcWNYC9GmywiWPgkrvntAZcj';
export const VERIFICATION_METHOD = `${ISSUER_DID}#z6MkrHKzgsahxBLyNAbLQyB1pcWNYC9GmywiWPgkrvntAZcj`;

/** A realistic OB 3.0 credential: did:key issuer, criteria, alignments, email subject, evidence, status. */
export function openBadgeCredential(overrides: Json = {}): Json {
  return {
    '@context': [VC_V2, OB_V3],
    id: 'urn:uuid:6f1c4a52-9d7e-4b1a-8c3f-0e2d5b7a9c11',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Gestión de nóminas',
    description: 'Awarded for the payroll course — "SAFe®" practitioner track.',
    issuer: {
      id: ISSUER_DID,
      type: ['Profile'],
      name: 'Academia Ñandú',
      url: 'https://badges.example.org',
      email: 'badges@example.org',
    },
    validFrom: '2026-05-21T00:00:00Z',
    validUntil: '2029-05-21T00:00:00Z',
    awardedDate: '2026-05-21T00:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: 'sha256$ad9e884a0820fdeff4861a71c6422c6b46c825e09d0b42132e8df54dad54a763',
          identityType: 'emailAddress',
          hashed: true,
          salt: 'c0ffee',
        },
      ],
      achievement: {
        id: 'https://badges.example.org/achievements/payroll',
        type: ['Achievement'],
        achievementType: 'Badge',
        name: 'Gestión de nóminas — SAFe® practitioner 🎓',
        description: 'Runs a monthly payroll end to end.\nQuotes "like this" and a back\\slash.',
        criteria: {
          narrative: '# Criteria\n\n1. Pass every assessment\n2. Submit the final project\t(reviewed)',
        },
        image: { id: 'https://badges.example.org/images/payroll.png', type: 'Image', caption: 'Nóminas' },
        creditsAvailable: 3,
        tag: ['payroll', 'nóminas', 'HR'],
        alignment: [
          {
            type: ['Alignment'],
            targetName: 'Payroll clerks',
            targetUrl: 'https://www.onetonline.org/link/summary/43-3051.00',
            targetFramework: 'O*NET-SOC',
            targetCode: '43-3051.00',
          },
          {
            type: ['Alignment'],
            targetName: 'Payroll accounting',
            targetUrl: 'https://credentialengineregistry.org/resources/ce-payroll',
            targetType: 'ceterms:Competency',
          },
        ],
      },
      result: [
        {
          type: ['Result'],
          resultDescription: 'urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c',
          value: '100%',
        },
      ],
      activityEndDate: '2026-05-20T10:00:00Z',
    },
    evidence: [
      {
        id: 'https://badges.example.org/evidence/42',
        type: ['Evidence'],
        name: 'Proyecto final',
        narrative: 'Reviewed against the rubric.',
        genre: 'Project',
      },
    ],
    credentialStatus: {
      id: 'https://badges.example.org/status/1#94567',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: 'https://badges.example.org/status/1',
    },
    ...overrides,
  };
}

/** A Bitstring Status List credential (VC 2.0 context only). */
export function statusListCredential(): Json {
  return {
    '@context': [VC_V2],
    id: 'https://badges.example.org/status/1',
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: ISSUER_DID,
    validFrom: '2026-05-21T00:00:00Z',
    credentialSubject: {
      id: 'https://badges.example.org/status/1#list',
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA',
    },
  };
}

/** eddsa-rdfc-2022 proof options under a credential's @context (vc-di-eddsa §3.3.6). */
export function proofConfig(context: unknown = [VC_V2, OB_V3], overrides: Json = {}): Json {
  return {
    '@context': context,
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created: '2026-05-21T09:30:00Z',
    verificationMethod: VERIFICATION_METHOD,
    proofPurpose: 'assertionMethod',
    ...overrides,
  };
}

/** Mulberry32: a tiny deterministic PRNG, so every generated case is reproducible from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Strings that stress N-Quads escaping and UTF-16 ordering: controls, quotes, astral-plane emoji.
const WORDS = [
  'Gestión de nóminas',
  'SAFe®',
  'naïve café',
  '日本語のバッジ',
  'emoji 🎓🏅',
  'quote " inside',
  'back\\slash',
  'new\nline',
  'tab\tand\rreturn',
  'bell\u0007 and del\u007f',
  '\u000b vertical tab',
  'plain',
  '',
  '  spaced  ',
  'Ωmega',
  '\uffff high BMP',
];

export function generatedCredential(seed: number): Json {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const maybe = (p = 0.5) => random() < p;
  const text = () => (maybe(0.8) ? pick(WORDS) : `${pick(WORDS)} ${Math.floor(random() * 1000)}`);
  const times = (max: number) => Math.floor(random() * (max + 1));
  const id = (kind: string) => `https://badges.example.org/${kind}/${Math.floor(random() * 50)}`;

  const alignment = (): Json => ({
    type: ['Alignment'],
    targetName: text(),
    targetUrl: `https://frameworks.example.org/${Math.floor(random() * 5)}`,
    ...(maybe() && { targetCode: text() }),
    ...(maybe(0.3) && { targetDescription: text() }),
  });
  const achievement: Json = {
    id: id('achievements'),
    type: maybe(0.8) ? ['Achievement'] : 'Achievement',
    name: maybe(0.15) ? { '@value': text(), '@language': pick(['es', 'en-GB', 'PT-br']) } : text(),
    description: text(),
    criteria: maybe(0.8) ? { narrative: text() } : { id: id('criteria'), narrative: text() },
    ...(maybe() && { achievementType: pick(['Badge', 'Certificate', 'Course']) }),
    ...(maybe() && { alignment: Array.from({ length: times(3) }, alignment) }),
    ...(maybe() && { creditsAvailable: pick([0, 1, 3, 2.5, 0.1, -4, 1e21, 12345678901]) }),
    ...(maybe() && { tag: Array.from({ length: times(3) }, text) }),
    ...(maybe(0.3) && { inLanguage: pick(['es', 'en']) }),
    ...(maybe(0.3) && { image: { id: id('images'), type: 'Image', ...(maybe() && { caption: text() }) } }),
    ...(maybe(0.2) && {
      resultDescription: [
        {
          id: `urn:uuid:0000000${seed % 10}-0000-4000-8000-000000000000`,
          type: ['ResultDescription'],
          name: text(),
          resultType: 'LetterGrade',
          allowedValue: Array.from({ length: times(3) }, () => pick(['A', 'B', 'C', 'A'])),
        },
      ],
    }),
  };
  const subjectIdentity = maybe()
    ? {
        id: pick(['did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', 'did:web:learner.example.org']),
      }
    : {
        identifier: [
          {
            type: 'IdentityObject',
            identityHash: maybe()
              ? 'sha256$ad9e884a0820fdeff4861a71c6422c6b46c825e09d0b42132e8df54dad54a763'
              : text(),
            identityType: 'emailAddress',
            hashed: maybe(0.8),
            ...(maybe() && { salt: text() }),
          },
        ],
      };
  const evidence = (): Json => ({
    ...(maybe() && { id: id('evidence') }),
    type: ['Evidence'],
    ...(maybe(0.8) && { name: text() }),
    ...(maybe() && { narrative: text() }),
  });
  const credential = openBadgeCredential({
    id: maybe(0.9) ? `urn:uuid:${seed.toString(16).padStart(8, '0')}-9d7e-4b1a-8c3f-0e2d5b7a9c11` : undefined,
    '@context': maybe(0.7) ? [VC_V2, OB_V3] : [VC_V2, OB_V3, OB_EXTENSIONS],
    name: text(),
    description: maybe(0.9) ? text() : null,
    credentialSubject: {
      type: maybe() ? ['AchievementSubject'] : 'AchievementSubject',
      ...subjectIdentity,
      achievement,
      ...(maybe(0.4) && {
        result: [{ type: ['Result'], value: text(), status: pick(['Completed', 'Enrolled']) }],
      }),
    },
    ...(maybe(0.7) ? { evidence: Array.from({ length: times(3) }, evidence) } : { evidence: undefined }),
    ...(maybe(0.3) && { credentialStatus: undefined }),
    ...(maybe(0.3) && { validUntil: undefined }),
  });
  if (credential.id === undefined) delete credential.id;
  return credential;
}

/** The contexts a mutation may switch a credential to (the last one maps undefined terms via @vocab). */
const CONTEXT_CHOICES = [
  [VC_V2, OB_V3],
  [VC_V2, OB_V3, OB_EXTENSIONS],
  [VC_V2, OB_V3, 'https://www.w3.org/ns/credentials/undefined-terms/v2'],
];

// Odd values a mutation may put anywhere: most are invalid somewhere, some are valid everywhere.
const ODD_VALUES: unknown[] = [
  null,
  [],
  {},
  0,
  -1.5,
  1e-7,
  true,
  '',
  'relative/iri',
  '_:b1',
  '@keyword',
  'urn:uuid:00000000-0000-4000-8000-000000000001',
  ['x', 'x'],
  [['nested']],
  { '@value': 'tagged', '@language': 'es' },
  { '@value': '2026-01-01', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
  { '@value': null },
  {
    id: 'https://badges.example.org/achievements/payroll',
    type: ['Achievement'],
    name: 'same IRI elsewhere',
  },
  { type: 'Evidence', name: 'a node' },
];

/** A generated credential with one to three random edits: for "both paths agree, or both throw". */
export function mutatedCredential(seed: number): Json {
  const random = prng(seed * 7919);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const document = generatedCredential(seed);
  const objects: Json[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      objects.push(value as Json);
      for (const [key, child] of Object.entries(value)) if (key !== '@context') collect(child);
    }
  };
  collect(document);
  const edits = 1 + Math.floor(random() * 3);
  for (let i = 0; i < edits; i++) {
    const target = pick(objects);
    const keys = Object.keys(target).filter((key) => key !== '@context');
    switch (pick(['unknown', 'odd', 'odd', 'drop', 'context', 'alias'] as const)) {
      case 'unknown':
        target[pick(['colour', 'https://example.org/ext#note', 'schema:keywords', 'type'])] =
          pick(ODD_VALUES);
        break;
      case 'odd':
        if (keys.length > 0) target[pick(keys)] = structuredClone(pick(ODD_VALUES));
        break;
      case 'drop':
        if (keys.length > 0) delete target[pick(keys)];
        break;
      case 'context':
        document['@context'] = pick(CONTEXT_CHOICES);
        break;
      case 'alias':
        // Keyword aliases side by side: "id" with "@id", "type" with "@type".
        target[pick(['@id', '@type'])] = pick(['https://example.org/alias', 'Evidence', 'Achievement']);
        break;
    }
  }
  return document;
}
