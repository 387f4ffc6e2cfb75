// Backpack import through the real API and database: OB 2.0 hosted badges from a loopback issuer
// (the app's allow-list lets it fetch 127.0.0.1 in this file only), OB 3.0 credentials of this server,
// duplicates, someone else's badge, and the scheduled re-verification that shows a revocation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuedCredential } from '../verification/testing.ts';
import { reverifyStaleImports } from './service.ts';
import { anOb2Issuer, importFile, importJson, LOOPBACK_VERIFY_ENV, type Ob2Issuer } from './testing.ts';

const HOUR = 3_600_000;

describe('importing badges into the backpack', () => {
  let t: TestApp;
  let clock = new Date('2026-06-01T00:00:00Z');
  let issuer: Ob2Issuer;
  let learner: TestSession;
  let other: TestSession;

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock, env: LOOPBACK_VERIFY_ENV });
    issuer = await anOb2Issuer('Old Guild');
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Zoë Learner' });
    other = await aLoggedInUser(t.app, t.deps, { name: 'Bo Other' });
  });
  afterAll(async () => {
    await issuer?.close();
    await t?.close();
  });

  const get = (path: string, as: TestSession = learner) =>
    t.app.inject({ method: 'GET', url: `/api/v1/me/imported-badges${path}`, headers: as.headers });

  it('imports an OB 2.0 assertion URL, verified, with its name, issuer and report', async () => {
    const url = issuer.anAssertion('/assertions/by-url', 'Gestión de nóminas — Zoë');
    const response = await importJson(t.app, learner, { url });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      source: 'url',
      format: 'ob2-hosted',
      badgeName: 'Gestión de nóminas — Zoë',
      issuerName: 'Old Guild',
      validFrom: '2026-01-01T00:00:00Z',
      verdict: 'verified',
      visibility: 'private',
      checkedAt: clock.toISOString(),
      report: { verdict: 'verified', format: 'ob2-hosted' },
    });
  });

  it('imports a baked OB 2.0 PNG and keeps the assertion URL, not the image', async () => {
    const url = issuer.anAssertion('/assertions/baked', 'Baked badge');
    const response = await importFile(t.app, learner, issuer.bakedPng(url));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      source: 'baked-image',
      badgeName: 'Baked badge',
      verdict: 'verified',
    });
    const row = await t.deps.db
      .selectFrom('importedBadges')
      .select(['payload', 'payloadKind'])
      .where('id', '=', response.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ payload: url, payloadKind: 'url' });
  });

  it('refuses the same badge twice, whichever way it comes, with 409', async () => {
    const url = issuer.anAssertion('/assertions/twice', 'Twice');
    expect((await importJson(t.app, learner, { url })).statusCode).toBe(201);
    const again = await importFile(t.app, learner, issuer.bakedPng(url));
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/already-imported');
    // Another learner may hold their own copy of the same badge in their backpack.
    expect((await importJson(t.app, other, { url })).statusCode).toBe(201);
  });

  it('keeps a badge whose check fails, with the failed check for the learner to see', async () => {
    const url = issuer.anAssertion('/assertions/expired', 'Expired badge', {
      expires: '2026-03-01T00:00:00Z',
    });
    const response = await importJson(t.app, learner, { url });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ badgeName: 'Expired badge', verdict: 'not-verified' });
    const expiry = response.json().report.checks.find((c: { code: string }) => c.code === 'not-expired');
    expect(expiry).toMatchObject({ status: 'failed' });
  });

  it('refuses a badge of which nothing can be read, saying why (revoked before it was imported)', async () => {
    const url = issuer.anAssertion('/assertions/revoked-early', 'Revoked early');
    issuer.revoke('/assertions/revoked-early', 'Issued in error');
    const response = await importJson(t.app, learner, { url });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ type: '/problems/not-a-badge', reason: 'IMPORT_UNREADABLE' });
    expect(response.json().detail).toContain('Issued in error');
  });

  it('imports an OB 3.0 credential as JSON, and refuses its VC-JWT as the same badge', async () => {
    const issued = await anIssuedCredential(t.app, t.deps, { badgeName: 'Payroll practitioner' });
    const json = await importJson(t.app, learner, { credential: issued.credential });
    expect(json.statusCode, json.body).toBe(201);
    expect(json.json()).toMatchObject({ source: 'json', format: 'ob3-json', verdict: 'verified' });
    const jwt = await importJson(t.app, learner, { credential: issued.jwt });
    expect(jwt.statusCode).toBe(409);
  });

  it('lists my imported badges newest first and shows one with its report', async () => {
    const list = await get('');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; badgeName: string }[];
    expect(items.map((i) => i.badgeName)).toContain('Gestión de nóminas — Zoë');
    expect(items.every((i) => !('payload' in i))).toBe(true);
    const detail = await get(`/${items[0]!.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().report.checks.length).toBeGreaterThan(0);
  });

  it('answers 404 to another learner for my imported badge, whatever they try', async () => {
    const url = issuer.anAssertion('/assertions/mine', 'Mine only');
    const id = (await importJson(t.app, learner, { url })).json().id as string;
    const base = `/api/v1/me/imported-badges/${id}`;
    const attempts = [
      { method: 'GET' as const, url: base },
      { method: 'DELETE' as const, url: base },
      { method: 'POST' as const, url: `${base}/verify` },
      { method: 'PUT' as const, url: `${base}/sharing`, payload: { visibility: 'public' } },
    ];
    for (const attempt of attempts) {
      const response = await t.app.inject({ ...attempt, headers: other.headers });
      expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
    }
    const theirs = (await get('', other)).json().items as { id: string }[];
    expect(theirs.map((i) => i.id)).not.toContain(id);
    expect((await get(`/${id}`)).json().visibility).toBe('private');
  });

  it('shows a revocation at the source after the scheduled re-verification', async () => {
    const url = issuer.anAssertion('/assertions/revoked-later', 'Revoked later');
    const id = (await importJson(t.app, learner, { url })).json().id as string;
    issuer.revoke('/assertions/revoked-later', 'Plagiarised evidence');

    // Checked less than a day ago: the scheduled run leaves it alone.
    clock = new Date(clock.getTime() + HOUR);
    await reverifyStaleImports(t.deps);
    expect((await get(`/${id}`)).json().verdict).toBe('verified');

    clock = new Date(clock.getTime() + 25 * HOUR);
    await reverifyStaleImports(t.deps, { limit: 100 });
    const after = (await get(`/${id}`)).json();
    expect(after).toMatchObject({
      verdict: 'not-verified',
      badgeName: 'Revoked later',
      checkedAt: clock.toISOString(),
    });
    const status = after.report.checks.find((c: { code: string }) => c.code === 'status');
    expect(status).toMatchObject({ status: 'failed' });
    expect(status.message).toContain('Plagiarised evidence');
  });

  it('verifies a badge again on request', async () => {
    const url = issuer.anAssertion('/assertions/on-request', 'On request');
    const id = (await importJson(t.app, learner, { url })).json().id as string;
    issuer.revoke('/assertions/on-request', 'Issued in error');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/imported-badges/${id}/verify`,
      headers: learner.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ verdict: 'not-verified', badgeName: 'On request' });
  });

  it('removes an imported badge', async () => {
    const url = issuer.anAssertion('/assertions/removed', 'Removed');
    const id = (await importJson(t.app, learner, { url })).json().id as string;
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/imported-badges/${id}`,
      headers: learner.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect((await get(`/${id}`)).statusCode).toBe(404);
  });

  it('refuses an import beyond 500 badges per learner', async () => {
    const full = await aLoggedInUser(t.app, t.deps);
    const rows = Array.from({ length: 500 }, (_, n) => ({
      userId: full.userId,
      source: 'url' as const,
      payloadKind: 'url' as const,
      payload: `https://example.org/a/${n}`,
      dedupeKey: `https://example.org/a/${n}`,
      format: 'ob2-hosted' as const,
      badgeName: `Badge ${n}`,
      issuerName: null,
      issuerId: null,
      imageUrl: null,
      validFrom: null,
      validUntil: null,
      report: JSON.stringify({ verdict: 'verified', format: 'ob2-hosted', checks: [], claims: {} }),
      verdict: 'verified' as const,
      checkedAt: clock,
    }));
    await t.deps.db.insertInto('importedBadges').values(rows).execute();
    const url = issuer.anAssertion('/assertions/one-too-many', 'One too many');
    const response = await importJson(t.app, full, { url });
    expect(response.statusCode).toBe(422);
    expect(response.json().type).toBe('/problems/import-limit');
  });
});
