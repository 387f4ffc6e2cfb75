// Our hosted OB 2.0 Assertion, BadgeClass and issuer Profile, served by the app, pass the 1EdTech
// validator's rules: checked document by document, and verified end to end by verifyBadge, whose fetches
// go to this app (its public URL is not listening in tests, so a fetcher answers through the app itself).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { checkOb2Assertion, checkOb2BadgeClass, checkOb2Profile } from '../credentials/index.ts';
import type { Fetcher } from '../verification/ob2.ts';
import { anIssuedCredential, type IssuedForTest } from '../verification/testing.ts';
import { verifyBadge } from '../verification/verify-badge.ts';

describe('the OB 2.0 documents we host', () => {
  let t: TestApp;
  let issued: IssuedForTest;
  const get = async (url: string) => {
    const response = await t.app.inject({ method: 'GET', url: new URL(url).pathname });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };
  const throughTheApp: Fetcher = async (url) => {
    const response = await t.app.inject({ method: 'GET', url: new URL(url).pathname });
    return response.statusCode === 200
      ? {
          ok: true,
          status: 200,
          body: response.rawPayload,
          contentType: String(response.headers['content-type']),
          url,
        }
      : {
          ok: false,
          code: 'FETCH_HTTP_STATUS',
          reason: `HTTP ${response.statusCode}`,
          status: response.statusCode,
        };
  };

  beforeAll(async () => {
    t = await createTestApp();
    issued = await anIssuedCredential(t.app, t.deps, { email: 'zoe.garcia@example.org' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('pass the validator rules for an Assertion, a BadgeClass and an issuer Profile, without warnings', async () => {
    const assertionUrl = `${t.deps.config.publicUrl}/ob2/assertions/${issued.id}`;
    const assertion = await get(assertionUrl);
    const badgeClass = await get(String(assertion.body.badge));
    const issuer = await get(String(badgeClass.body.issuer));
    expect([assertion.status, badgeClass.status, issuer.status]).toEqual([200, 200, 200]);
    const now = t.deps.now();
    expect(checkOb2Assertion(assertion.body, { now })).toMatchObject({ ok: true, warnings: [] });
    expect(checkOb2BadgeClass(badgeClass.body)).toMatchObject({ ok: true, warnings: [] });
    expect(checkOb2Profile(issuer.body)).toMatchObject({ ok: true, warnings: [] });
  });

  it('link the issuer Profile to its OB 3.0 self at the https address of its did:web, typed Profile', async () => {
    const issuer = await get(`${t.deps.config.publicUrl}/ob2/issuers/${issued.issuer.slug}`);
    expect(issuer.body).toMatchObject({
      email: expect.stringContaining('@'),
      related: [
        {
          id: `${t.deps.config.publicUrl}/issuers/${issued.issuer.slug}/did.json`,
          type: ['Profile', 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile'],
          version: 'Open Badges v3p0',
        },
      ],
    });
    // That address serves the issuer's DID document, whose id is the did:web the OB 3.0 credentials name.
    const didDocument = await get(String((issuer.body.related as { id: string }[])[0]?.id));
    expect(didDocument.body.id).toBe((issued.credential.issuer as { id: string }).id);
  });

  it('verify end to end as a hosted OB 2.0 badge, every check passed', async () => {
    const report = await verifyBadge(
      t.deps,
      { kind: 'url', url: `${t.deps.config.publicUrl}/ob2/assertions/${issued.id}` },
      { fetcher: throughTheApp },
    );
    expect(report.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ verdict: 'verified', format: 'ob2-hosted', warnings: [] });
  });
});
