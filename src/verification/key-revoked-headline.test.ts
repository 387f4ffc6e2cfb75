// A badge whose only failing check is its issuer's key, revoked as compromised, gets its own headline on the
// verify page ("The issuer revoked the key that signed this badge") and its own standing in the API, instead of
// the general "Not verified"; any other failure beside it keeps the general verdict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { anIssuerWithOwner, sampleIssueRequest, type TestIssuer } from '../issuing/testing.ts';

type Json = Record<string, unknown>;

describe('the verify page when the issuer revoked the signing key', () => {
  let t: TestApp;
  let clock = new Date('2026-03-01T09:00:00Z');
  const tick = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * 60_000);
  };

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
  });
  afterAll(() => t?.close());

  const issue = async (issuer: TestIssuer, email: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/credentials`,
      headers: issuer.owner.headers,
      payload: { ...sampleIssueRequest(email), validUntil: undefined },
    });
    expect(response.statusCode).toBe(201);
    return response.json().credential as Json;
  };
  const revokeKey = async (issuer: TestIssuer) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/issuer/keys/1/revoke`,
      headers: issuer.owner.headers,
      payload: { reason: 'The signing server was broken into.' },
    });
    expect(response.statusCode).toBe(200);
  };
  const verifyOnPage = async (credential: Json, locale = 'en') => {
    const page = await t.app.inject({
      method: 'POST',
      url: '/verify',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': locale },
      payload: new URLSearchParams({ credential: JSON.stringify(credential) }).toString(),
    });
    expect(page.statusCode).toBe(200);
    const text = (pattern: RegExp) =>
      pattern
        .exec(page.body)?.[1]
        ?.replace(/<span class="icon"[^>]*>[^<]*<\/span>/g, '')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    return {
      headline: text(/<h2 id="result-heading">([\s\S]*?)<\/h2>/),
      sentence: text(/<p class="verdict-text">([\s\S]*?)<\/p>/),
      body: page.body,
    };
  };

  it('says plainly that the issuer revoked the key that signed the badge, in English and Spanish', async () => {
    const issuer = await anIssuerWithOwner(t.app, t.deps);
    tick(1);
    const credential = await issue(issuer, 'holder@example.org');
    tick(1);
    await revokeKey(issuer);

    const english = await verifyOnPage(credential);
    expect(english.headline).toBe('The issuer revoked the key that signed this badge');
    expect(english.sentence).toMatch(/compromised/);
    expect(english.body).toContain('standing-key-revoked');
    expect(english.body).toContain('verdict-not-verified');

    const spanish = await verifyOnPage(credential, 'es');
    expect(spanish.headline).toBe('El emisor revocó la clave que firmó esta insignia');

    const api = await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential } });
    expect(api.json()).toMatchObject({ verdict: 'not-verified', standing: 'key-revoked' });
  });

  it('keeps the general verdict when something else fails beside the revoked key', async () => {
    const issuer = await anIssuerWithOwner(t.app, t.deps);
    tick(1);
    const credential = await issue(issuer, 'changed@example.org');
    tick(1);
    await revokeKey(issuer);
    const changed = { ...credential, name: 'A name the issuer never signed' };
    const page = await verifyOnPage(changed);
    expect(page.headline).not.toBe('The issuer revoked the key that signed this badge');
    expect(page.body).not.toContain('standing-key-revoked');
  });
});
