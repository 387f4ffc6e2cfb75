// A badge page URL of this server is verified from the database, like our own DID documents and status
// lists: no HTTP round trip to ourselves, which the SSRF guard refuses when PUBLIC_URL is a loopback
// address (as in the demo: http://localhost:3000).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { anAcceptedBadge } from '../showcase/testing.ts';
import { verifyBadge } from './index.ts';
import { ownBadgePage } from './resolvers.ts';

describe('verifying a badge of this server by its page URL', () => {
  let t: TestApp;
  let held: Awaited<ReturnType<typeof anAcceptedBadge>>;
  let pageUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    held = await anAcceptedBadge(t.app, t.deps, {
      badgeName: 'Gestión de nóminas — Zoë',
      learnerName: 'Zoë',
    });
    pageUrl = `${t.deps.config.publicUrl}/badges/${held.award.id}`;
  });
  afterAll(() => t?.close());

  const share = (visibility: 'public' | 'private') =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/badges/${held.award.id}/sharing`,
      headers: held.learner.headers,
      payload: { visibility },
    });
  const verifyUrl = (url: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { url } });

  it('answers "not a badge" while the badge is private, exactly as for a badge that does not exist', async () => {
    const privately = await verifyUrl(pageUrl);
    const nowhere = await verifyUrl(`${t.deps.config.publicUrl}/badges/${randomUUID()}`);
    for (const response of [privately, nowhere]) {
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().reason).toBe('VERIFY_NO_PUBLIC_BADGE');
    }
  });

  it('verifies the badge once it is public, with every check passed and its claims', async () => {
    expect((await share('public')).statusCode).toBe(200);
    for (const url of [pageUrl, `${pageUrl}?lang=es`, `${pageUrl}/`]) {
      const response = await verifyUrl(url);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ verdict: 'verified', format: 'ob3-json' });
      expect(body.checks.every((check: { status: string }) => check.status === 'passed')).toBe(true);
      expect(body.claims.badgeName).toBe('Gestión de nóminas — Zoë');
    }
  });

  it('reads the credential from the database without fetching anything', async () => {
    const report = await verifyBadge(
      t.deps,
      { kind: 'url', url: pageUrl },
      {
        fetcher: () => {
          throw new Error('fetched over the network');
        },
      },
    );
    expect(report.verdict).toBe('verified');
  });

  it('says "not a badge" again as soon as the learner makes it private', async () => {
    expect((await share('private')).statusCode).toBe(200);
    expect((await verifyUrl(pageUrl)).json().reason).toBe('VERIFY_NO_PUBLIC_BADGE');
  });

  it('treats only badge pages of its own origin as its own', () => {
    const id = held.award.id;
    const base = new URL(t.deps.config.publicUrl);
    expect(ownBadgePage(t.deps, `${base.origin}/badges/${id.toUpperCase()}`)).toBe(id);
    const otherPort = `${base.protocol}//${base.hostname}:${Number(base.port || 80) + 1}`;
    for (const url of [
      `${otherPort}/badges/${id}`,
      `https://evil.example/badges/${id}`,
      `${base.origin}/badges/${id}/preview.png`,
      `${base.origin}/badges/not-a-uuid`,
      `${base.origin}/issuers/x/badges/${id}`,
      'not a url',
    ]) {
      expect(ownBadgePage(t.deps, url)).toBeUndefined();
    }
  });

  it('still fetches, through the SSRF guard, a badge URL of another origin', async () => {
    const base = new URL(t.deps.config.publicUrl);
    const response = await verifyUrl(
      `${base.protocol}//127.0.0.2:${base.port || 80}/badges/${held.award.id}`,
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().reason).toMatch(/^FETCH_/);
  });
});
