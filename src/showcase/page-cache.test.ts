import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import type { VerificationReport } from '../verification/index.ts';
import { createPageCache, PAGE_TTL_MS, pageExpiry } from './page-cache.ts';
import { createReportCache, REPORT_TTL_MS } from './service.ts';
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

  it('renders a missing page once for all the requests that ask for it meanwhile', async () => {
    const cache = createPageCache();
    const at = new Date('2026-01-01T00:00:00Z');
    const rendering = deferred<{ html: string; expiresAt: Date }>();
    let renders = 0;
    const render = () => {
      renders++;
      return rendering.promise;
    };
    const asked = [cache.load('a', 'en', at, render), cache.load('a', 'en', at, render)];
    const otherLanguage = cache.load('a', 'es', at, async () => {
      renders++;
      return { html: '<p>es</p>', expiresAt: new Date(at.getTime() + 1_000) };
    });
    rendering.resolve({ html: '<p>en</p>', expiresAt: new Date(at.getTime() + 1_000) });
    expect(await Promise.all(asked)).toEqual(['<p>en</p>', '<p>en</p>']);
    expect(await otherLanguage).toBe('<p>es</p>');
    expect(renders).toBe(2);
    expect(await cache.load('a', 'en', at, render)).toBe('<p>en</p>');
    expect(renders).toBe(2);
  });

  it('neither stores nor shares a rendering that began before the award was forgotten', async () => {
    const cache = createPageCache();
    const at = new Date('2026-01-01T00:00:00Z');
    const before = deferred<{ html: string; expiresAt: Date }>();
    const stale = cache.load('a', 'en', at, () => before.promise);
    cache.forget('a');
    const fresh = cache.load('a', 'en', at, async () => ({
      html: '<p>private now</p>',
      expiresAt: new Date(at.getTime() + 1_000),
    }));
    before.resolve({ html: '<p>public then</p>', expiresAt: new Date(at.getTime() + 1_000) });
    expect(await stale).toBe('<p>public then</p>');
    expect(await fresh).toBe('<p>private now</p>');
    expect(cache.get('a', 'en', at)).toBe('<p>private now</p>');
  });

  it('shares a failed rendering with the requests waiting for it but renders again for the next one', async () => {
    const cache = createPageCache();
    const at = new Date('2026-01-01T00:00:00Z');
    const failing = deferred<{ html: string; expiresAt: Date }>();
    const asked = [
      cache.load('a', 'en', at, () => failing.promise),
      cache.load('a', 'en', at, () => failing.promise),
    ];
    failing.reject(new Error('badge not found'));
    for (const request of asked) await expect(request).rejects.toThrow('badge not found');
    expect(cache.get('a', 'en', at)).toBeUndefined();
    const again = await cache.load('a', 'en', at, async () => ({
      html: '<p>back</p>',
      expiresAt: new Date(at.getTime() + 1_000),
    }));
    expect(again).toBe('<p>back</p>');
  });
});

describe('the cache of verification reports', () => {
  it('verifies a badge once for all the pages that ask meanwhile, and again once the report expires', async () => {
    const reports = createReportCache(30_000);
    const at = new Date('2026-01-01T00:00:00Z');
    let verifications = 0;
    const verify = async () => {
      verifications++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { verdict: 'verified' } as unknown as VerificationReport;
    };
    const checked = await Promise.all([reports.load('a', at, verify), reports.load('a', at, verify)]);
    expect(verifications).toBe(1);
    expect(checked[0]).toBe(checked[1]);
    expect(checked[0]?.checkedAt).toEqual(at);
    await reports.load('a', new Date(at.getTime() + 29_999), verify);
    expect(verifications).toBe(1);
    await reports.load('a', new Date(at.getTime() + 30_000), verify);
    expect(verifications).toBe(2);
  });
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}
