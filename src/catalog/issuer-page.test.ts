// The issuer's public page (/issuers/{slug}): its published badges with pictures, logo, description, contact and
// DIDs, in the reader's language; drafts stay off it and an unknown issuer is not found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aOneLessonCourse } from '../badges/award-testing.ts';
import { aDraftBadge, aPublishedBadge } from '../badges/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';

describe("an issuer's public page", { timeout: 120_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Harbour <College>');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${issuer.orgId}`,
      headers: issuer.owner.headers,
      payload: { description: 'Sea skills since 1902.', contactEmail: 'badges@harbour.example' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const course = await aOneLessonCourse(t.app, issuer);
    await aPublishedBadge(t.app, issuer, { courseIds: [course], name: 'Knot tying' });
    await aDraftBadge(t.app, issuer, { courseIds: [course], name: 'Secret draft' });
  }, 240_000);
  afterAll(() => t?.close());

  const page = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  it('lists the published badges with their pictures, the description, contact and DID', async () => {
    const response = await page(`/issuers/${issuer.slug}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    const body = response.body;
    expect(body).toContain('<h1>Harbour &lt;College&gt;</h1>');
    expect(body).toContain('Knot tying');
    expect(body).not.toContain('Secret draft');
    expect(body).toMatch(/<img src="[^"]*\/achievements\/[0-9a-f-]+\/versions\/1\/image"/);
    expect(body).toContain('Sea skills since 1902.');
    expect(body).toContain('mailto:badges@harbour.example');
    expect(body).toContain(`did:web:localhost%3A3000:issuers:${issuer.slug}`);
  });

  it('speaks Spanish when asked', async () => {
    const response = await page(`/issuers/${issuer.slug}?lang=es`);
    expect(response.body).toContain('<html lang="es">');
    expect(response.body).toContain('Insignias');
  });

  it('answers 404 for a slug that names no issuer', async () => {
    expect((await page('/issuers/no-such-issuer')).statusCode).toBe(404);
  });
});
