import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { createPageCache, PAGE_TTL_MS, pageExpiry } from './page-cache.ts';
import { REPORT_TTL_MS } from './service.ts';
import { anAcceptedBadge } from './testing.ts';

let t: TestApp;
let held: Awaited<ReturnType<typeof anAcceptedBadge>>;
let now = new Date();

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  held = await anAcceptedBadge(t.app, t.deps, { badgeName: 'Cached badge', learnerName: 'Zoë Núñez' });
  await share({ visibility: 'public' });
});
afterAll(() => t.close());

const page = (lang = 'en') => t.app.inject({ method: 'GET', url: `/badges/${held.award.id}?lang=${lang}` });

function share(body: object) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/v1/me/badges/${held.award.id}/sharing`,
    headers: held.learner.headers,
    payload: body,
  });
}

describe('the cache of rendered badge pages', () => {
  it('answers 404 at once when the learner makes a cached page private', async () => {
    expect((await page()).statusCode).toBe(200);
    expect((await page('es')).statusCode).toBe(200);
    await share({ visibility: 'private' });
    expect((await page()).statusCode).toBe(404);
    expect((await page('es')).statusCode).toBe(404);
    await share({ visibility: 'public' });
  });

  it('drops the name from a cached page at once when the learner hides it', async () => {
    expect((await page()).body).toContain('Zoë Núñez');
    await share({ showName: false });
    expect((await page()).body).not.toContain('Zoë Núñez');
    await share({ showName: true });
  });

  it('shows a revocation once the verification report expires, as without the cache', async () => {
    // The report was checked at `start`; a page rendered from it later must not outlive it.
    const start = now;
    expect((await page()).body).toContain('verdict-verified');
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${held.issuer.orgId}/awards/${held.award.id}/revoke`,
      headers: held.issuer.owner.headers,
      payload: { reason: 'Issued in error' },
    });
    expect(revoked.statusCode).toBe(200);
    now = new Date(start.getTime() + REPORT_TTL_MS - 5_000);
    expect((await page()).body).toContain('verdict-verified');
    now = new Date(start.getTime() + REPORT_TTL_MS);
    expect((await page()).body).toContain('verdict-not-verified');
  });

  it('keeps a page no longer than its own time or its report, whichever ends first', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(pageExpiry(at, at, REPORT_TTL_MS).getTime()).toBe(at.getTime() + PAGE_TTL_MS);
    const oldReport = new Date(at.getTime() - REPORT_TTL_MS + 1_000);
    expect(pageExpiry(at, oldReport, REPORT_TTL_MS).getTime()).toBe(at.getTime() + 1_000);
  });

  it('forgets an expired page and every language of a forgotten award', () => {
    const cache = createPageCache();
    const at = new Date('2026-01-01T00:00:00Z');
    cache.set('a', 'en', '<p>en</p>', new Date(at.getTime() + 1_000));
    cache.set('a', 'es', '<p>es</p>', new Date(at.getTime() + 5_000));
    expect(cache.get('a', 'en', at)).toBe('<p>en</p>');
    expect(cache.get('a', 'en', new Date(at.getTime() + 1_000))).toBeUndefined();
    cache.forget('a');
    expect(cache.get('a', 'es', at)).toBeUndefined();
  });
});
