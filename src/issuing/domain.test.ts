// An issuer binds its own domain (issue #19 item 9): the token is published on a loopback HTTP server standing in
// for https://<domain> (http on loopback only under the test-only VERIFY_ALLOW_PRIVATE allowance), the domain is
// verified, its DID document is served for `Host: <domain>`, and credentials issued under it verify with our
// verifier and with @digitalbazaar/vc resolving everything locally.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import type { DidDocument } from '../credentials/index.ts';
import { loaderWithDids } from '../credentials/testing/fixtures.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, sampleIssueRequest, type TestIssuer } from './testing.ts';

type Json = Record<string, unknown>;
const TEST_ENV = { VERIFY_ALLOW_HOSTS: 'localhost', VERIFY_ALLOW_PRIVATE: 'true' };

describe("an issuer's own domain", { timeout: 60_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let server: Server;
  let domain: string;
  let published = '';

  beforeAll(async () => {
    server = createServer((request, response) => {
      const found = request.url === '/.well-known/tessera-domain-verification.txt' && published;
      response.writeHead(found ? 200 : 404, { 'content-type': 'text/plain' });
      response.end(found ? published : 'not here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    domain = `localhost:${(server.address() as AddressInfo).port}`;
    t = await createTestApp({ env: TEST_ENV });
    issuer = await anIssuerWithOwner(t.app, t.deps);
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  const api = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, payload?: Json, who = issuer) =>
    t.app.inject({
      method,
      url: `/api/v1/orgs/${who.orgId}/domain${path}`,
      headers: who.owner.headers,
      ...(payload ? { payload } : {}),
    });
  const issue = async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/credentials`,
      headers: issuer.owner.headers,
      payload: sampleIssueRequest(),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().credential as Json & { issuer: { id: string }; proof: Json[] };
  };
  const verifiedHere = async (credential: Json) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/credentials/verify',
        payload: { verifiableCredential: credential },
      })
    ).json();
  const didJsonFor = (host: string) =>
    t.app.inject({ method: 'GET', url: '/.well-known/did.json', headers: { host } });

  let before: Json;
  let underDomain: Json & { issuer: { id: string }; proof: Json[] };

  it('has no domain at first, and credentials name the did:web on this server', async () => {
    expect((await api('GET', '')).json()).toEqual({ binding: null });
    before = await issue();
    expect((before.issuer as Json).id).toBe(`did:web:localhost%3A3000:issuers:${issuer.slug}`);
  });

  it('refuses what is not a domain name with 400 at body.domain', async () => {
    for (const input of ['https://badges.example.edu/path', '203.0.113.7', 'nodots', 'localhost:3000']) {
      const response = await api('PUT', '', { domain: input });
      expect(response.statusCode, input).toBe(400);
      expect(response.json().errors[0].path).toBe('body.domain');
    }
  });

  it('binds a domain as pending with the TXT record and the file to publish', async () => {
    const response = await api('PUT', '', { domain: domain.toUpperCase() });
    expect(response.statusCode, response.body).toBe(200);
    const binding = response.json();
    expect(binding).toMatchObject({ domain, state: 'pending', did: `did:web:${domain.replace(':', '%3A')}` });
    expect(binding.instructions.txtName).toBe('_tessera-challenge.localhost');
    expect(binding.instructions.txtValue).toMatch(/^tessera-domain-verification=[\w-]{32}$/);
    expect(binding.instructions.fileUrl).toBe(
      `https://${domain}/.well-known/tessera-domain-verification.txt`,
    );
    expect((await api('PUT', '', { domain })).json().instructions).toEqual(binding.instructions);
  });

  it('stays pending, saying what it saw, while the token is not published', async () => {
    const response = await api('POST', '/verify');
    expect(response.statusCode).toBe(200);
    expect(response.json().state).toBe('pending');
    expect(response.json().lastCheckProblem).toMatch(/tessera-domain-verification\.txt/);
    expect((await didJsonFor(domain)).statusCode).toBe(404);
    expect((await issue()).issuer.id).toMatch(/:issuers:/);
  });

  it('verifies the domain once the file carries the token', async () => {
    published = `${(await api('GET', '')).json().binding.instructions.fileContent}\n`;
    const response = await api('POST', '/verify');
    expect(response.json()).toMatchObject({ state: 'verified', lastCheckProblem: null });
    expect(response.json().verifiedAt).toEqual(expect.any(String));
  });

  it('serves did:web:<domain> for a request with that Host, and through the proxy path', async () => {
    const response = await didJsonFor(domain);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/did\+ld\+json/);
    const document = response.json();
    const did = `did:web:${domain.replace(':', '%3A')}`;
    expect(document.id).toBe(did);
    expect(document.assertionMethod).toEqual([`${did}#key-1`]);
    const proxied = await t.app.inject({ method: 'GET', url: `/issuers/${issuer.slug}/domain/did.json` });
    expect(proxied.json()).toEqual(document);
    expect((await didJsonFor('elsewhere.example')).statusCode).toBe(404);
  });

  it("answers the platform's own DID document on this server's host while a bound domain answers its issuer's", async () => {
    const platform = await didJsonFor('localhost:3000');
    expect(platform.statusCode, platform.body).toBe(200);
    expect(platform.json().id).toBe('did:web:localhost%3A3000');
    const bound = (await didJsonFor(domain)).json();
    expect(bound.id).toBe(`did:web:${domain.replace(':', '%3A')}`);
    expect(bound.verificationMethod[0].publicKeyMultibase).not.toBe(
      platform.json().verificationMethod[0].publicKeyMultibase,
    );
  });

  it('issues new credentials as did:web:<domain>, verified here and by @digitalbazaar/vc resolving locally', async () => {
    underDomain = await issue();
    const did = `did:web:${domain.replace(':', '%3A')}`;
    expect(underDomain.issuer.id).toBe(did);
    expect(underDomain.proof[0]?.verificationMethod).toBe(`${did}#key-1`);
    expect((await verifiedHere(underDomain)).verified).toBe(true);

    const document = (await didJsonFor(domain)).json() as DidDocument;
    const statusUrl = (underDomain.credentialStatus as { statusListCredential: string }).statusListCredential;
    const list = await t.app.inject({ method: 'GET', url: new URL(statusUrl).pathname });
    expect(list.json().issuer).toBe(did);
    const didLoader = loaderWithDids(document);
    const documentLoader = async (url: string) =>
      url === statusUrl ? { document: list.json(), documentUrl: url, contextUrl: null } : didLoader(url);
    const suite = new DataIntegrityProof({ cryptosuite });
    const result = await vc.verifyCredential({
      credential: underDomain,
      suite,
      documentLoader,
      checkStatus: (options: { credential: object }) => checkStatus({ ...options, documentLoader, suite }),
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('keeps verifying the credentials issued before the domain was bound', async () => {
    expect((await verifiedHere(before)).verified).toBe(true);
  });

  it('shows the domain DID as the issuer DID of the identity page', async () => {
    const identity = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/issuer`,
      headers: issuer.owner.headers,
    });
    expect(identity.json().did).toBe(`did:web:${domain.replace(':', '%3A')}`);
  });

  it('refuses the same domain to another organization while it is verified', async () => {
    const other = await anIssuerWithOwner(t.app, t.deps);
    const response = await api('PUT', '', { domain }, other);
    expect(response.statusCode).toBe(409);
    expect(response.json().type).toBe('/problems/domain-taken');
  });

  it('lets only owners and admins bind a domain', async () => {
    const stranger = await aLoggedInUser(t.app, t.deps);
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${issuer.orgId}/domain`,
      headers: stranger.headers,
      payload: { domain: 'badges.example.edu' },
    });
    expect(response.statusCode).toBe(404);
  });

  it('goes back to the did:web on this server when unbound, and what the domain signed keeps verifying', async () => {
    expect((await api('DELETE', '')).statusCode).toBe(204);
    expect((await api('GET', '')).json()).toEqual({ binding: null });
    const after = await issue();
    expect(after.issuer.id).toBe(`did:web:localhost%3A3000:issuers:${issuer.slug}`);
    expect((await verifiedHere(after)).verified).toBe(true);
    expect((await verifiedHere(underDomain)).verified).toBe(true);
    expect((await didJsonFor(domain)).statusCode).toBe(200);
    expect((await api('DELETE', '')).statusCode).toBe(404);
  });

  it('still revokes a credential issued under the released domain', async () => {
    const id = String(underDomain.id).replace('urn:uuid:', '');
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/credentials/${id}/revoke`,
      headers: issuer.owner.headers,
      payload: { reason: 'Issued in error.' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const report = await verifiedHere(underDomain);
    expect(report.verified).toBe(false);
  });
});
