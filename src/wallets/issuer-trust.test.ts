// Issuer trust made visible: an organization records the issuer registries it is listed in (a DCC-style
// registry, an OpenID Federation), its public issuer page links to each listing, and its DID document lists
// each as a DID Core service, which leaves the document usable to @digitalbazaar/vc's verifier.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { createStaticDocumentLoader } from '../credentials/index.ts';
import { forgetDocuments } from '../issuing/document-cache.ts';
import { anIssuerWithOwner, sampleIssueRequest, type TestIssuer } from '../issuing/testing.ts';

type Json = Record<string, unknown>;

const DCC = { name: 'DCC Sandbox Registry', url: 'https://registry.example.org/issuers#harbour' };
const FEDERATION = { name: 'Campus Federation', url: 'https://trust-anchor.example.edu/list' };

describe('an issuer’s registry listings', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Harbour Registry College');
  }, 240_000);
  afterAll(() => t?.close());

  const patch = (body: Record<string, unknown>) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${issuer.orgId}`,
      headers: issuer.owner.headers,
      payload: body,
    });
  const issuerPage = async () => (await t.app.inject({ method: 'GET', url: `/issuers/${issuer.slug}` })).body;

  it('starts with none, and the issuer page says nothing of registries', async () => {
    const org = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}`,
      headers: issuer.owner.headers,
    });
    expect(org.json().registryListings).toEqual([]);
    expect(await issuerPage()).not.toContain('Listed in issuer registries');
  });

  it('keeps the listings it is sent and links to each on the issuer page, in English and Spanish', async () => {
    const response = await patch({ registryListings: [DCC, FEDERATION] });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().registryListings).toEqual([DCC, FEDERATION]);
    const page = await issuerPage();
    expect(page).toContain('Listed in issuer registries');
    expect(page).toContain(`<a href="${DCC.url}">${DCC.name}</a>`);
    expect(page).toContain(`<a href="${FEDERATION.url}">${FEDERATION.name}</a>`);
    const spanish = (await t.app.inject({ method: 'GET', url: `/issuers/${issuer.slug}?lang=es` })).body;
    expect(spanish).toContain('Inscrito en registros de emisores');
  });

  it('leaves the listings alone when a PATCH does not name them, and clears them with an empty list', async () => {
    await patch({ registryListings: [DCC] });
    const renamed = await patch({ description: 'Sea skills.' });
    expect(renamed.json().registryListings).toEqual([DCC]);
    const cleared = await patch({ registryListings: [] });
    expect(cleared.json().registryListings).toEqual([]);
    expect(await issuerPage()).not.toContain(DCC.name);
  });

  it('refuses a listing whose address is not https, or that has no name, saying which field', async () => {
    const response = await patch({
      registryListings: [
        { name: 'Plain', url: 'http://registry.example.org' },
        { name: '', url: DCC.url },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const paths = (response.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.registryListings.0.url', 'body.registryListings.1.name']),
    );
  });

  const didDocument = async (): Promise<Json & { id: string; service?: Json[] }> => {
    // The DID document is cached for seconds; a test reads what it just changed.
    forgetDocuments(t.deps, `issuer:${issuer.slug}:`);
    const response = await t.app.inject({ method: 'GET', url: `/issuers/${issuer.slug}/did.json` });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('lists each registry listing in the issuer’s DID document as a service, and none when there are none', async () => {
    await patch({ registryListings: [DCC, FEDERATION] });
    const document = await didDocument();
    expect(document.service).toEqual([
      { id: `${document.id}#registry-1`, type: 'IssuerRegistryListing', serviceEndpoint: DCC.url },
      { id: `${document.id}#registry-2`, type: 'IssuerRegistryListing', serviceEndpoint: FEDERATION.url },
    ]);
    await patch({ registryListings: [] });
    expect((await didDocument()).service).toBeUndefined();
  });

  it('keeps a credential verifying with @digitalbazaar/vc against the DID document that lists the services', async () => {
    await patch({ registryListings: [DCC] });
    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/credentials`,
      headers: issuer.owner.headers,
      payload: sampleIssueRequest(),
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const document = await didDocument();
    expect(document.service).toHaveLength(1);
    const loader = createStaticDocumentLoader((url) => {
      const [base] = url.split('#');
      if (base !== document.id) return undefined;
      if (!url.includes('#')) return document;
      const method = (document.verificationMethod as Json[]).find((m) => m.id === url);
      return { '@context': document['@context'], ...method };
    });
    const result = await vc.verifyCredential({
      credential: issued.json().credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: loader,
      checkStatus: async () => ({ verified: true }),
    });
    expect(result.error, JSON.stringify(result.error)).toBeUndefined();
    expect(result.verified).toBe(true);
  });
});
