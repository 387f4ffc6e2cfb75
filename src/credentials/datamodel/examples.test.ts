// Real documents through the data model rules: the OB 3.0 specification examples and signing vectors
// (valid VC 2.0), and credentials Tessera builds and signs.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signCredential } from '../proof/dataIntegrity.ts';
import { buildBadge, didKeyIssuer, didWebIssuer } from '../testing/fixtures.ts';
import { standardsExamplePath } from '../testing/standards.ts';
import { validateCredentialDataModel, validatePresentationDataModel } from './index.ts';
import type { Json } from './test-support.ts';

const EXAMPLES = standardsExamplePath('ob_v3p0');
const read = (path: string): Json => JSON.parse(readFileSync(path, 'utf8'));
const isCredential = (document: Json) =>
  Array.isArray(document.type) && document.type.includes('VerifiableCredential');

const examples = readdirSync(EXAMPLES)
  .filter((file) => file.endsWith('.json'))
  .map((file) => [file, read(`${EXAMPLES}/${file}`)] as const);
const credentials = examples.filter(([, document]) => isCredential(document));
const others = examples.filter(([, document]) => !isCredential(document));

const vectors = ['ob_v3p0', 'clr_v2p0'].flatMap((name) =>
  ['credential-unsigned.json', 'credential-signed.json'].map(
    (file) => [`${name}/${file}`, read(`${EXAMPLES}/impl-guide-signing/${name}/${file}`)] as const,
  ),
);

describe('the OB 3.0 specification examples', () => {
  it('include at least eight credentials', () => {
    expect(credentials.length).toBeGreaterThanOrEqual(8);
  });

  it.each(credentials)('%s conforms to the VC Data Model', (_file, credential) => {
    expect(validateCredentialDataModel(credential)).toEqual([]);
  });

  it.each(vectors)('the %s signing vector conforms to the VC Data Model', (_file, credential) => {
    expect(validateCredentialDataModel(credential)).toEqual([]);
  });

  it.each(others)('%s (a profile or achievement, not a credential) is refused as one', (_file, document) => {
    const rules = validateCredentialDataModel(document).map((violation) => violation.rule);
    expect(rules).toEqual(expect.arrayContaining(['type', 'issuer', 'credential-subject']));
  });

  it('all fit in one presentation that conforms too', () => {
    const presentation = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      verifiableCredential: credentials.map(([, credential]) => credential),
    };
    expect(validatePresentationDataModel(presentation)).toEqual([]);
  });
});

describe('credentials Tessera builds', () => {
  it('conform to the VC Data Model as built, for a did:key issuer', () => {
    expect(validateCredentialDataModel(buildBadge(didKeyIssuer()) as unknown as Json)).toEqual([]);
  });

  it('conform to the VC Data Model once signed, for a did:web issuer and a DID subject', async () => {
    const issuer = didWebIssuer();
    const credential = buildBadge(issuer, { recipient: { did: 'did:web:learner.example.org' } });
    const signed = await signCredential(credential, {
      keyPair: issuer.keyPair,
      verificationMethod: issuer.verificationMethod,
      created: '2026-05-21T09:30:00Z',
    });
    expect(validateCredentialDataModel(signed as unknown as Json)).toEqual([]);
  });
});
