// Our eddsa-rdfc-2022 against the reference implementations: the Digital Bazaar libraries
// (@digitalbazaar/vc + data-integrity + eddsa-rdfc-2022-cryptosuite) and DCC's verifier-core.
import { readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { verifyCredential as verifierCoreVerify } from '@digitalcredentials/verifier-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { didWebToUrl } from '../did/didWeb.ts';
import type { OpenBadgeCredentialInput } from '../model/build.ts';
import type { OpenBadgeCredential } from '../model/types.ts';
import { validateOpenBadgeCredential } from '../schema/validate.ts';
import {
  badgeInput,
  buildBadge,
  didKeyIssuer,
  didWebIssuer,
  loaderWithDids,
  type TestIssuer,
} from '../testing/fixtures.ts';
import { signCredential } from './dataIntegrity.ts';

const CREATED = '2026-05-21T09:30:00Z';

/** The parts of verifier-core's result these tests read. */
interface VerifierCoreResult {
  errors?: { name: string }[];
  log: { id: string; valid: boolean }[];
  additionalInformation?: { id: string; results?: { result?: { valid?: boolean } }[] }[];
}

const sign = (credential: OpenBadgeCredential, issuer: TestIssuer) =>
  signCredential(credential, {
    keyPair: issuer.keyPair,
    verificationMethod: issuer.verificationMethod,
    created: CREATED,
  });

async function referenceSign(credential: OpenBadgeCredential, issuer: TestIssuer) {
  const key = await Ed25519Multikey.from({
    type: 'Multikey',
    id: issuer.verificationMethod,
    controller: issuer.id,
    publicKeyMultibase: issuer.keyPair.publicKeyMultibase,
    secretKeyMultibase: issuer.keyPair.secretKeyMultibase,
  });
  const suite = new DataIntegrityProof({ signer: key.signer(), date: CREATED, cryptosuite });
  return vc.issue({
    credential: structuredClone(credential),
    suite,
    documentLoader: loaderWithDids(issuer.didDocument),
  });
}

const referenceVerify = (credential: object, issuer: TestIssuer) =>
  vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: loaderWithDids(issuer.didDocument),
    now: new Date('2026-06-01T00:00:00Z'),
  });

/** As the award engine writes them (src/badges/results.ts): a score, a rubric level reached, evidence. */
const ACHIEVEMENT_ID = 'https://badges.example.org/achievements/payroll';
const withResults: Partial<OpenBadgeCredentialInput> = {
  achievement: {
    ...badgeInput({ id: 'did:example:issuer' }).achievement,
    resultDescriptions: [
      {
        id: `${ACHIEVEMENT_ID}#result-course-quiz`,
        name: 'Payroll basics: Check yourself (first-attempt score)',
        resultType: 'Percent',
        valueMin: '0',
        valueMax: '100',
      },
      {
        id: `${ACHIEVEMENT_ID}#result-course-essay-1`,
        name: 'Payroll basics: Reflect: Clarity',
        resultType: 'RubricCriterionLevel',
        rubricCriterionLevels: [
          { id: `${ACHIEVEMENT_ID}#result-course-essay-1-level-1`, name: 'weak', points: '0' },
          { id: `${ACHIEVEMENT_ID}#result-course-essay-1-level-2`, name: 'clear', points: '2' },
        ],
      },
    ],
  },
  results: [
    { resultDescription: `${ACHIEVEMENT_ID}#result-course-quiz`, value: '50' },
    {
      resultDescription: `${ACHIEVEMENT_ID}#result-course-essay-1`,
      achievedLevel: `${ACHIEVEMENT_ID}#result-course-essay-1-level-2`,
      value: '2',
    },
  ],
  evidence: [
    {
      name: 'Completion of "Payroll basics"',
      description: 'Activity code HRCI-PAY-7K3QD-9M2XA, completed on 2026-05-20.',
      genre: 'Course completion',
    },
    {
      name: 'Reflect (Payroll basics)',
      description: 'Accepted by Ana Assessor on 2026-05-20.',
      narrative: 'The task asked:\n\nHow does your team run payroll?',
      genre: 'Essay',
    },
  ],
};

const cases = [
  { name: 'a did:key issuer and an email-hashed subject', issuer: didKeyIssuer(), overrides: {} },
  {
    name: 'a did:web issuer and a DID subject',
    issuer: didWebIssuer(),
    overrides: { recipient: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' } },
  },
  {
    name: 'an awarded badge with results, a rubric level and evidence',
    issuer: didKeyIssuer(),
    overrides: withResults,
  },
];

describe.each(cases)('credentials we sign for $name', ({ issuer, overrides }) => {
  const credential = buildBadge(issuer, overrides);

  it('carry the same proof, byte for byte, as the reference library makes with the same key and time', async () => {
    const ours = await signCredential(credential, {
      keyPair: issuer.keyPair,
      verificationMethod: issuer.verificationMethod,
      created: CREATED,
      proofAsObject: true,
    });
    const theirs = await referenceSign(credential, issuer);
    expect(theirs.proof.proofValue).toBe((ours.proof as { proofValue: string }).proofValue);
    expect(JSON.stringify(theirs)).toBe(JSON.stringify(ours));
  });

  it('verify with @digitalbazaar/vc', async () => {
    const result = await referenceVerify(await sign(credential, issuer), issuer);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('fail @digitalbazaar/vc verification once the badge name is changed', async () => {
    const signed = await sign(credential, issuer);
    const result = await referenceVerify({ ...signed, name: 'Something else' }, issuer);
    expect(result.verified).toBe(false);
  });

  it('pass the OB 3.0 JSON Schema', async () => {
    expect(validateOpenBadgeCredential(await sign(credential, issuer))).toEqual({ valid: true, errors: [] });
  });
});

describe('credentials we sign, checked by @digitalcredentials/verifier-core', () => {
  // verifier-core has no loader option: it resolves did:key itself and fetches did:web documents and
  // the schema a credential cites. The machine is offline, so fetch serves the vendored schema and our
  // did:web document, and refuses everything else.
  const schemaDir = new URL('../../../vendor/1edtech/schemas/ob_v3p0/', import.meta.url);
  const webIssuer = didWebIssuer('verifier-core');
  const json = (body: string) => new Response(body, { headers: { 'content-type': 'application/json' } });
  beforeAll(() => {
    vi.stubGlobal('fetch', async (input: string | URL | Request) => {
      const href = input instanceof Request ? input.url : String(input);
      const prefix = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/';
      if (href.startsWith(prefix))
        return json(readFileSync(new URL(href.slice(prefix.length), schemaDir), 'utf8'));
      if (href === didWebToUrl(webIssuer.id)) return json(JSON.stringify(webIssuer.didDocument));
      throw new TypeError(`offline test: refusing to fetch ${href}`);
    });
  });
  afterAll(() => vi.unstubAllGlobals());

  const issuer = didKeyIssuer();

  it('report a valid signature, no expiry and a passing schema check for a did:key issuer', async () => {
    const signed = await sign(buildBadge(issuer), issuer);
    const result = (await verifierCoreVerify({
      credential: signed as never,
      knownDIDRegistries: [],
    })) as unknown as VerifierCoreResult;
    expect(result.errors).toBeUndefined();
    const log = Object.fromEntries(result.log.map((entry) => [entry.id, entry.valid]));
    expect(log).toMatchObject({ valid_signature: true, expiration: true });
    const schemaResults = result.additionalInformation?.find((entry) => entry.id === 'schema_check')?.results;
    expect(schemaResults?.[0]?.result?.valid).toBe(true);
  });

  it('report a valid signature and a passing schema check for a badge with results and evidence', async () => {
    const signed = await sign(buildBadge(issuer, withResults), issuer);
    const result = (await verifierCoreVerify({
      credential: signed as never,
      knownDIDRegistries: [],
    })) as unknown as VerifierCoreResult;
    expect(result.errors).toBeUndefined();
    expect(result.log.find((entry) => entry.id === 'valid_signature')?.valid).toBe(true);
    const schemaResults = result.additionalInformation?.find((entry) => entry.id === 'schema_check')?.results;
    expect(schemaResults?.[0]?.result?.valid).toBe(true);
  });

  it('report a valid signature for a did:web issuer whose document it fetches', async () => {
    const signed = await sign(buildBadge(webIssuer), webIssuer);
    const result = (await verifierCoreVerify({
      credential: signed as never,
      knownDIDRegistries: [],
    })) as unknown as VerifierCoreResult;
    expect(result.errors).toBeUndefined();
    expect(result.log.find((entry) => entry.id === 'valid_signature')?.valid).toBe(true);
  });

  it('reports an invalid signature once the achievement is changed', async () => {
    const signed = await sign(buildBadge(issuer), issuer);
    const tampered = structuredClone(signed);
    tampered.credentialSubject.achievement.name = 'Another achievement';
    const result = (await verifierCoreVerify({
      credential: tampered as never,
      knownDIDRegistries: [],
    })) as unknown as VerifierCoreResult;
    expect(result.errors?.[0]?.name).toBe('invalid_signature');
  });
});
