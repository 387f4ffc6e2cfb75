// The OpenID Federation entity configuration of the OID4VCI credential issuer: a self-signed JWT at
// /.well-known/openid-federation that decodes, verifies against its own jwks, and carries the same issuer
// metadata as /.well-known/openid-credential-issuer; authority_hints only when the operator configures them.
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { entityConfiguration } from './federation.ts';

const DOMAIN = 'http://localhost:3000';
const ANCHOR = 'https://trust-anchor.example.edu';

async function entityStatementOf(t: TestApp) {
  const response = await t.app.inject({ method: 'GET', url: '/.well-known/openid-federation' });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/entity-statement\+jwt/);
  const jwt = response.body;
  expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  return jwt;
}

describe('the OpenID Federation entity configuration', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: { OPENID_FEDERATION_AUTHORITY_HINTS: `${ANCHOR},https://intermediate.example.org` },
    });
  }, 240_000);
  afterAll(() => t?.close());

  it('is a JWT of type entity-statement+jwt that verifies against its own jwks, about this issuer', async () => {
    const jwt = await entityStatementOf(t);
    const header = decodeProtectedHeader(jwt);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'entity-statement+jwt' });
    const unverified = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(unverified.jwks), {
      typ: 'entity-statement+jwt',
      issuer: DOMAIN,
      subject: DOMAIN,
    });
    expect(payload.jwks).toMatchObject({ keys: [{ kty: 'OKP', crv: 'Ed25519', kid: header.kid }] });
    expect(payload.exp! - payload.iat!).toBe(24 * 3600);
  });

  it('carries the same metadata as the issuer and authorization-server documents', async () => {
    const jwt = await entityStatementOf(t);
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
    const issuer = await t.app.inject({ method: 'GET', url: '/.well-known/openid-credential-issuer' });
    const oauth = await t.app.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' });
    expect(payload.metadata.openid_credential_issuer).toEqual(issuer.json());
    expect(payload.metadata.oauth_authorization_server).toEqual(oauth.json());
    expect(payload.metadata.federation_entity).toMatchObject({ organization_name: 'Tessera' });
  });

  it('names the configured trust anchor and intermediate as authority_hints, and none when none is configured', async () => {
    const jwt = await entityStatementOf(t);
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
    expect(payload.authority_hints).toEqual([ANCHOR, 'https://intermediate.example.org']);

    const alone = { ...t.deps, config: { ...t.deps.config, openidFederationAuthorityHints: [] } };
    const standalone = await entityConfiguration(alone);
    const unfederated = JSON.parse(Buffer.from(standalone.split('.')[1]!, 'base64url').toString('utf8'));
    expect(unfederated.authority_hints).toBeUndefined();
  });

  it('signs with the same platform key on every request', async () => {
    const first = decodeProtectedHeader(await entityStatementOf(t)).kid;
    expect(decodeProtectedHeader(await entityStatementOf(t)).kid).toBe(first);
  });
});
