// Several evidence items on a manual award (issue #19 item 7): each a URL with an optional name and
// description, all of them in the credential's OB 3.0 `evidence` list beside the narrative; at most ten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { validateOpenBadgeCredential } from '../credentials/index.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { aOneLessonCourse, issuedCredentialOf, verifyCredential } from './award-testing.ts';
import { aPublishedBadge } from './testing.ts';

describe('evidence items of a manual award', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let badgeId: string;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const course = await aOneLessonCourse(t.app, issuer);
    badgeId = (await aPublishedBadge(t.app, issuer, { courseIds: [course] })).id;
  });
  afterAll(() => t?.close());

  const awardTo = (email: string, extra: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
      headers: issuer.owner.headers,
      payload: { email, ...extra },
    });

  it('puts every item in the credential evidence, which passes the OB 3.0 schema and verifies', async () => {
    const evidence = [
      {
        url: 'https://portfolio.example.org/ana/plan',
        name: 'Onboarding plan',
        description: 'Her 90-day plan.',
      },
      { url: 'https://portfolio.example.org/ana/video' },
      { url: 'https://portfolio.example.org/ana/feedback', name: 'Feedback from the team' },
    ];
    const response = await awardTo('ana@example.org', {
      narrative: 'Ran the onboarding of three new hires.',
      evidence,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().evidence).toEqual(evidence);
    const issued = await issuedCredentialOf(t.deps, response.json().credentialId);
    const credential = issued.credential as { evidence: Array<Record<string, unknown>> };
    expect(credential.evidence).toEqual([
      {
        id: 'https://portfolio.example.org/ana/plan',
        type: ['Evidence'],
        name: 'Onboarding plan',
        description: 'Her 90-day plan.',
      },
      { id: 'https://portfolio.example.org/ana/video', type: ['Evidence'] },
      {
        id: 'https://portfolio.example.org/ana/feedback',
        type: ['Evidence'],
        name: 'Feedback from the team',
      },
      expect.objectContaining({ narrative: 'Ran the onboarding of three new hires.' }),
    ]);
    expect(validateOpenBadgeCredential(issued.credential)).toEqual({ valid: true, errors: [] });
    expect((await verifyCredential(t.app, issued.credential)).verified).toBe(true);
  });

  it('refuses more than ten items, an item without a URL and a URL that is not http(s), naming each field', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({ url: `https://example.org/work/${i}` }));
    const tooMany = await awardTo('too-many@example.org', { evidence: eleven });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.headers['content-type']).toMatch(/application\/problem\+json/);
    const bad = await awardTo('bad@example.org', {
      evidence: [{ name: 'No link' }, { url: 'javascript:alert(1)' }],
    });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.evidence.0.url', 'body.evidence.1.url']));
  });
});
