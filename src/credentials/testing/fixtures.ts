// Test-only factories shared by the credentials tests (not exported from the library).
import ed25519Signature2020Context from 'ed25519-signature-2020-context';
import { createStaticDocumentLoader, type DocumentLoader } from '../contexts/index.ts';
import { resolveDidKey } from '../did/didKey.ts';
import { buildDidWebDocument, didWebId } from '../did/didWeb.ts';
import type { DidDocument } from '../did/types.ts';
import { Ed25519KeyPair } from '../keys/multikey.ts';
import { buildOpenBadgeCredential, type OpenBadgeCredentialInput } from '../model/build.ts';
import { ED25519_SIGNATURE_2020_CONTEXT } from '../proof/loader.ts';
import { readStandardsExample } from './standards.ts';

export const NOW = new Date('2026-06-01T12:00:00Z');

export interface TestIssuer {
  id: string;
  keyPair: Ed25519KeyPair;
  verificationMethod: string;
  didDocument: DidDocument;
}

export function didKeyIssuer(keyPair = Ed25519KeyPair.generate()): TestIssuer {
  const didDocument = resolveDidKey(`did:key:${keyPair.publicKeyMultibase}`)!;
  return {
    id: didDocument.id,
    keyPair,
    verificationMethod: didDocument.verificationMethod![0]!.id,
    didDocument,
  };
}

/** A did:web issuer whose document lists an older key first and the current signing key second. */
export function didWebIssuer(slug = 'acme'): TestIssuer & { oldKeyPair: Ed25519KeyPair } {
  const id = didWebId('badges.example.org', ['issuers', slug]);
  const oldKeyPair = Ed25519KeyPair.generate();
  const keyPair = Ed25519KeyPair.generate();
  const didDocument = buildDidWebDocument(id, [
    { publicKeyMultibase: oldKeyPair.publicKeyMultibase },
    { publicKeyMultibase: keyPair.publicKeyMultibase },
  ]);
  return { id, keyPair, oldKeyPair, verificationMethod: `${id}#key-2`, didDocument };
}

/** A resolveDid over fixed documents, as the caller's did:web resolver would be. */
export const resolverFor =
  (...documents: DidDocument[]) =>
  async (id: string): Promise<DidDocument | undefined> =>
    documents.find((document) => document.id === id);

/** Our static loader plus DID documents and their methods, for the reference libraries. */
export function loaderWithDids(...documents: DidDocument[]): DocumentLoader {
  return createStaticDocumentLoader((url) => {
    if (url === ED25519_SIGNATURE_2020_CONTEXT) return ed25519Signature2020Context.contexts.get(url);
    const [base] = url.split('#');
    const document =
      documents.find((candidate) => candidate.id === base) ??
      (base?.startsWith('did:key:') ? resolveDidKey(base) : undefined);
    if (!document) return undefined;
    if (!url.includes('#')) return document;
    const method = document.verificationMethod?.find((candidate) => candidate.id === url);
    return method && { '@context': document['@context'], ...method };
  });
}

export function badgeInput(
  issuer: { id: string },
  overrides: Partial<OpenBadgeCredentialInput> = {},
): OpenBadgeCredentialInput {
  return {
    id: 'urn:uuid:2f0f3c2c-6c1b-4ec2-9d3f-2b3f7c8a9e10',
    issuer: {
      id: issuer.id,
      name: 'Academia Ñandú',
      url: 'https://badges.example.org',
      email: 'badges@example.org',
    },
    name: 'Gestión de nóminas',
    description: 'Awarded for completing the payroll management course.',
    recipient: { email: 'Learner@Example.org ', salt: 'c0ffee' },
    achievement: {
      id: 'https://badges.example.org/achievements/payroll',
      name: 'Gestión de nóminas — SAFe® practitioner',
      description: 'Runs a monthly payroll end to end.',
      criteria: { narrative: 'Passed every assessment question of the three payroll courses.' },
      image: { id: 'https://badges.example.org/images/payroll.png', caption: 'Nóminas' },
      achievementType: 'Badge',
      alignments: [
        {
          targetName: 'Payroll clerks',
          targetUrl: 'https://www.onetonline.org/link/summary/43-3051.00',
          targetFramework: 'O*NET-SOC',
          targetCode: '43-3051.00',
        },
      ],
    },
    results: [{ resultDescription: 'Final assessment score', value: '100%', status: 'Completed' }],
    activityEndDate: '2026-05-20T10:00:00Z',
    validFrom: '2026-05-21T00:00:00Z',
    validUntil: '2029-05-21T00:00:00Z',
    awardedDate: '2026-05-21T00:00:00Z',
    evidence: [
      {
        id: 'https://badges.example.org/evidence/42',
        name: 'Proyecto final',
        narrative: 'Reviewed against the rubric.',
      },
    ],
    ...overrides,
  };
}

export const buildBadge = (issuer: { id: string }, overrides: Partial<OpenBadgeCredentialInput> = {}) =>
  buildOpenBadgeCredential(badgeInput(issuer, overrides));

/** The seven OB 3.0 spec examples of a complete OpenBadgeCredential (vendored in vendor/1edtech/). */
export const MAIN_CREDENTIAL_EXAMPLES = [
  'sample-openbadgecredential',
  'complete-openbadgecredential',
  'achievement-alignment-case',
  'achievement-alignment-credential-engine',
  'skill-assertion-case',
  'skill-assertion-credential-registry',
  'docformat-sample-openbadgecredential',
];

export const readExample = (name: string) => JSON.parse(readStandardsExample(`ob_v3p0/${name}.json`));
