// POST /credentials/issue over the real HTTP server: the VC Data Model 2.0 rules an issue request is held to
// (embedded contexts, typed objects, dates, related resources), a credentialStatus the caller brings, and the
// status options; what the W3C VC Data Model 2.0 suite sends, each rule with a request it accepts and one it
// refuses with 400 problem+json naming the field and the rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import {
  aVcApiIssuer,
  checkOf,
  issueVc,
  plainCredential,
  referenceVerify,
  statusEntriesOf,
  updateStatus,
  type VcApiIssuer,
  verifyVc,
} from './testing.ts';

type Json = Record<string, unknown>;

const V2 = 'https://www.w3.org/ns/credentials/v2';
/** Digests of the VC 2.0 context as W3C publishes it (SRI sha384 and multibase sha2-256). */
const V2_SRI = 'sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg';
const V2_MULTIBASE = 'uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k';
const WRONG_MULTIBASE = 'uM4RgWQc3RUDtjJCSgTJtTfvpZ7SPEg_LNO0ESlovQC0';

/** An embedded context defining one example term, as the W3C suites send. */
const defining = (term: string) => ({ [term]: `https://example.org/examples#${term}` });

describe('the data model rules of issuing through the VC-API', () => {
  let t: TestApp;
  let issuer: VcApiIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await aVcApiIssuer(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const issue = (credential: unknown, options?: Json) => issueVc(t, issuer.auth, credential, options);
  const credential = (fields: Json = {}): Json => ({ ...plainCredential(issuer.did), ...fields });
  const issued = async (body: Json, options?: Json): Promise<Json> => {
    const response = await issue(body, options);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().verifiableCredential;
  };

  it('signs a credential with an embedded context, and the proof verifies', async () => {
    const vc = await issued(
      credential({
        '@context': [V2, defining('ExampleTestCredential')],
        type: ['VerifiableCredential', 'ExampleTestCredential'],
      }),
    );
    expect(vc['@context']).toEqual([V2, defining('ExampleTestCredential')]);
    const reference = await referenceVerify(t, issuer, vc);
    expect(reference.error).toBeUndefined();
    expect(reference.verified).toBe(true);
    const ours = await verifyVc(t, vc);
    expect(checkOf(ours, 'proof')?.status).toBe('passed');
    expect(checkOf(ours, 'status')?.status).toBe('passed');
  });

  it('accepts typed termsOfUse, evidence, refreshService and credentialSchema objects', async () => {
    await issued(
      credential({
        '@context': [
          V2,
          {
            ...defining('OdrlPolicy2017'),
            ...defining('DocumentVerification2018'),
            ...defining('ExampleRefreshService'),
            ...defining('ExampleJsonSchema'),
          },
        ],
        termsOfUse: [{ type: 'OdrlPolicy2017' }, { type: 'OdrlPolicy2017' }],
        evidence: [{ type: 'DocumentVerification2018' }],
        refreshService: { id: 'did:example:refresh/1', type: 'ExampleRefreshService' },
        credentialSchema: { id: 'did:example:schemas/1', type: 'ExampleJsonSchema' },
      }),
    );
  });

  it('accepts validity dates with a time zone, fractional seconds included', async () => {
    await issued(
      credential({ validFrom: '2023-02-26T01:02:58.447Z', validUntil: '2033-02-25T19:10:39-06:00' }),
    );
  });

  it('accepts related resources whose digests match the documents as published', async () => {
    await issued(
      credential({
        relatedResource: [{ id: V2, mediaType: 'application/ld+json', digestSRI: V2_SRI }],
      }),
    );
    await issued(credential({ relatedResource: { id: V2, digestMultibase: V2_MULTIBASE } }));
  });

  const refusals: [string, () => Json, string, string][] = [
    [
      'a validFrom that is not a dateTimeStamp',
      () => credential({ validFrom: 'Sat 25 Feb 2023 07:16:31 PM CST' }),
      'validFrom',
      'valid-from',
    ],
    [
      'a validFrom without a time zone',
      () => credential({ validFrom: '2023-02-26T01:02:58' }),
      'validFrom',
      'valid-from',
    ],
    [
      'a validUntil that is not a dateTimeStamp',
      () => credential({ validFrom: '2023-02-26T01:21:51Z', validUntil: 'Sun, 26 Feb 2023 01:22:14 +0000' }),
      'validUntil',
      'valid-until',
    ],
    [
      'a credentialSchema without type',
      () => credential({ credentialSchema: { id: 'did:example:schemas/1' } }),
      'credentialSchema.type',
      'type',
    ],
    [
      'a refreshService without type',
      () => credential({ refreshService: { id: 'did:example:refresh/1' } }),
      'refreshService.type',
      'type',
    ],
    [
      'a termsOfUse without type',
      () => credential({ termsOfUse: { id: 'did:example:terms/1' } }),
      'termsOfUse.type',
      'type',
    ],
    [
      'a credentialStatus without type',
      () => credential({ credentialStatus: { id: 'did:example:status' } }),
      'credentialStatus.type',
      'type',
    ],
    [
      'related resources given as strings',
      () => credential({ relatedResource: [V2] }),
      'relatedResource[0]',
      'related-resource',
    ],
    [
      'a related resource without id',
      () => credential({ relatedResource: [{ digestMultibase: V2_MULTIBASE }] }),
      'relatedResource[0].id',
      'related-resource',
    ],
    [
      'a related resource listed twice',
      () =>
        credential({
          relatedResource: [
            { id: V2, digestSRI: V2_SRI },
            { id: V2, digestMultibase: V2_MULTIBASE },
          ],
        }),
      'relatedResource[1].id',
      'related-resource',
    ],
    [
      'a related resource without digest',
      () => credential({ relatedResource: [{ id: V2 }] }),
      'relatedResource[0]',
      'related-resource',
    ],
    [
      'a related resource whose digest does not match the published document',
      () => credential({ relatedResource: [{ id: V2, digestMultibase: WRONG_MULTIBASE }] }),
      'relatedResource[0].digestMultibase',
      'related-resource-digest',
    ],
  ];

  it.each(refusals)('refuses %s, naming the field and the rule', async (_name, body, field, rule) => {
    const response = await issue(body());
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors).toContainEqual({
      path: `body.credential.${field}`,
      message: expect.stringMatching(new RegExp(`^${rule}: `)),
      code: 'data-model-rule',
      params: { rule, detail: expect.any(String) },
    });
  });

  it('reports a rule once, not both as a rule of issuing and of the data model', async () => {
    const response = await issue(credential({ issuer: null, credentialSubject: [] }));
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.credential.issuer',
      'body.credential.credentialSubject',
    ]);
  });

  describe('a credentialStatus the caller brings', () => {
    const status2017 = (entry: Json) =>
      credential({ '@context': [V2, defining('CredentialStatusList2017')], credentialStatus: entry });

    it.each([
      ['with an id', { id: 'did:example:status', type: 'CredentialStatusList2017' }],
      ['without an id', { type: 'CredentialStatusList2017' }],
    ])('is kept as given (%s), with no status entry of this server added', async (_name, entry) => {
      const vc = await issued(status2017(entry));
      expect(vc.credentialStatus).toEqual(entry);
      expect(checkOf(await verifyVc(t, vc), 'proof')?.status).toBe('passed');
    });

    it('leaves changing the status to where the credentialStatus points: /credentials/status answers 409', async () => {
      const vc = await issued(status2017({ id: 'did:example:status', type: 'CredentialStatusList2017' }));
      const response = await updateStatus(t, issuer.auth, {
        credentialId: vc.id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
      });
      expect(response.statusCode).toBe(409);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().detail).toMatch(/managed where that credentialStatus points/);
    });

    it("is refused when it points into one of this server's status lists", async () => {
      const ours = statusEntriesOf(await issued(credential()))[0]!;
      const response = await issue(credential({ credentialStatus: { ...ours, id: undefined } }));
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        {
          path: 'body.credential.credentialStatus.statusListCredential',
          message: expect.stringContaining('must not point into a status list of this server'),
          code: 'status-into-this-server',
          params: { url: expect.any(String) },
        },
      ]);
    });

    it('is refused together with status options, which could not be honoured', async () => {
      const response = await issue(status2017({ type: 'CredentialStatusList2017' }), {
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        {
          path: 'body.options.credentialStatus',
          message: expect.stringContaining('its own credentialStatus'),
          code: 'status-option-own-status',
          params: {},
        },
      ]);
    });
  });

  describe('status options', () => {
    it('take a missing statusPurpose as revocation, the entry every credential gets', async () => {
      const vc = await issued(credential(), { credentialStatus: { type: 'BitstringStatusListEntry' } });
      expect(statusEntriesOf(vc).map((entry) => entry.statusPurpose)).toEqual(['revocation']);
    });

    it('refuse a status type this server does not issue, saying which one it does', async () => {
      const response = await issue(credential(), { credentialStatus: { type: 'StatusList2021Entry' } });
      expect(response.statusCode).toBe(400);
      const errors = response.json().errors as { path: string; message: string }[];
      expect(errors.map((e) => e.path)).toContain('body.options.credentialStatus');
      expect(errors.map((e) => e.message).join(' ')).toContain('BitstringStatusListEntry');
    });
  });
});
