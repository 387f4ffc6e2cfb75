// The public page of an imported badge: 404 while private (to everyone), a strict CSP, every text of
// the badge escaped, the verification panel, and no plain recipient email shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anOb2Issuer, importJson, LOOPBACK_VERIFY_ENV, type Ob2Issuer } from './testing.ts';

describe('the public page of an imported badge', () => {
  let t: TestApp;
  let issuer: Ob2Issuer;
  let learner: TestSession;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp({ now: () => new Date('2026-06-01T00:00:00Z'), env: LOOPBACK_VERIFY_ENV });
    issuer = await anOb2Issuer('Guild <b>of</b> "Quotes"');
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Zoë <img src=x onerror=alert(1)>' });
    const url = issuer.anAssertion('/assertions/page', '<script>alert(1)</script> Nóminas');
    const response = await importJson(t.app, learner, { url });
    expect(response.statusCode, response.body).toBe(201);
    id = response.json().id;
  });
  afterAll(async () => {
    await issuer?.close();
    await t?.close();
  });

  const page = () =>
    t.app.inject({ method: 'GET', url: `/imported/${id}`, headers: { accept: 'text/html' } });
  const share = (visibility: 'public' | 'private') =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/imported-badges/${id}/sharing`,
      headers: learner.headers,
      payload: { visibility },
    });

  it('is 404 while the badge is private, to its learner too', async () => {
    expect((await page()).statusCode).toBe(404);
    const asLearner = await t.app.inject({ method: 'GET', url: `/imported/${id}`, headers: learner.headers });
    expect(asLearner.statusCode).toBe(404);
  });

  it('shows a public badge with its checks, escaped, under a strict CSP', async () => {
    const shared = await share('public');
    expect(shared.statusCode).toBe(200);
    expect(shared.json()).toMatchObject({
      visibility: 'public',
      pageUrl: expect.stringContaining(`/imported/${id}`),
    });
    const response = await page();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).not.toContain('script-src');
    const html = response.body;
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Nóminas');
    expect(html).toContain('Zoë &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('class="checks"');
    expect(html).toContain('/verify/verify.css');
    expect(html).not.toContain('learner@example.org');
  });

  it('is 404 again once the learner makes it private', async () => {
    await share('public');
    expect((await share('private')).statusCode).toBe(200);
    expect((await page()).statusCode).toBe(404);
  });

  it('answers 404 for an id that is not a badge', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/imported/00000000-0000-4000-8000-000000000000',
    });
    expect(response.statusCode).toBe(404);
  });
});
