// Paged LTI services (NRPS 2.0 §2.4, AGS 2.0): the simulated platform (testing.ts) answers two entries a page
// with a `Link: <…>; rel="next"` header; the grade sync follows the pages to the end, and a hostile platform's
// paging (another origin, a loop, endless pages) stops with a logged error instead of a hang.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { awardsOfBadge } from '../badges/award-testing.ts';
import { processLearningEvents } from '../badges/index.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { listLineItems } from '../gradebook/index.ts';
import { aVerifiedUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { MAX_PAGES, nextLink, pagesOf, syncPlatformGrades } from './sync.ts';
import { aSimulatedPlatform, type SimulatedPlatform } from './testing.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor';
const teacher = { sub: 'lms-teacher-2', email: 'prof.paz@example.org', name: 'Prof. Paz' };
const field = (markup: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(markup)?.[1]?.replace(/&amp;/g, '&') ?? '';

describe('reading a platform’s paged services', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let sim: SimulatedPlatform;
  let platformId: string;
  const learners: { sub: string; email: string; name: string; userId: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      workers: false,
      env: { VERIFY_ALLOW_HOSTS: '127.0.0.1', VERIFY_ALLOW_PRIVATE: 'true' },
    });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Paged Academy');
    const toolJwks = async () => (await t.app.inject({ url: '/lti/jwks.json' })).json() as JSONWebKeySet;
    sim = await aSimulatedPlatform({ clientId: 'tessera-paged', deploymentId: 'dep-p', toolJwks });
    const registered = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/lti/platforms`,
      headers: issuer.owner.headers,
      payload: { ...sim.registration, name: 'Canvas' },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    platformId = registered.json().id;

    // An instructor's launch tells the tool the course's service URLs (the context).
    sim.prepare({ kind: 'resource', user: teacher, roles: [INSTRUCTOR] });
    const login = await t.app.inject({
      method: 'POST',
      url: '/lti/login',
      headers: FORM,
      payload: new URLSearchParams({
        iss: sim.base,
        login_hint: teacher.sub,
        target_link_uri: `${t.deps.config.publicUrl}/lti/launch`,
        client_id: 'tessera-paged',
      }).toString(),
    });
    const markup = await (await fetch(String(login.headers.location))).text();
    const launched = await t.app.inject({
      method: 'POST',
      url: '/lti/launch',
      headers: FORM,
      payload: new URLSearchParams({
        id_token: field(markup, 'id_token'),
        state: field(markup, 'state'),
      }).toString(),
    });
    expect(launched.statusCode, launched.body).toBe(303);

    // Five learners with Tessera accounts, known to the tool only through the (paged) membership.
    for (let i = 1; i <= 5; i++) {
      const person = await aVerifiedUser(t.deps, { name: `Learner ${i}` });
      const learner = {
        sub: `lms-learner-${i}`,
        email: person.email,
        name: `Learner ${i}`,
        userId: person.user.id,
      };
      learners.push(learner);
      sim.addMember(learner);
    }
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('reads members, line items and results past the first page and awards a badge from a grade on page 2', async () => {
    sim.addLineItem('Midterm');
    const project = sim.addLineItem('Project');
    // Results of the project: two a page, so the fourth learner's is on page 2.
    for (const [i, learner] of learners.entries()) sim.setResult(learner.sub, i === 3 ? 60 : 50, project);

    const first = await syncPlatformGrades(t.deps, platformId);
    expect(first.lineItems).toBe(3);
    expect(sim.served).toContain(`/courses/ctx-algebra-101/memberships?page=3`);
    expect(sim.served).toContain(`/courses/ctx-algebra-101/lineitems?page=2`);
    expect(sim.served).toContain(`/courses/ctx-algebra-101/lineitems/3/results?type=assignment&page=3`);
    const linked = await t.deps.db
      .selectFrom('ltiUsers')
      .select(['sub', 'userId'])
      .where('platformId', '=', platformId)
      .where('sub', 'like', 'lms-learner-%')
      .orderBy('sub')
      .execute();
    expect(linked).toEqual(learners.map((l) => ({ sub: l.sub, userId: l.userId })));
    expect(first.grades).toBe(5);

    const lineItem = (await listLineItems(t.deps.db, issuer.orgId)).find(
      (item) => item.lineItemUrl === sim.lineItemUrl(project),
    );
    // Where the line item lives, as the learner and the badge editor see it.
    expect(lineItem).toMatchObject({ label: 'Project', platformName: 'Canvas', contextTitle: 'Algebra 101' });
    if (!lineItem) return;
    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [],
      name: 'Project pass',
      extra: {
        requirements: {
          items: [{ kind: 'grade', lineItemId: lineItem.id, min: { percent: 80 } }],
          required: null,
        },
      },
    });
    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(0);

    sim.setResult(learners[3]!.sub, 85, project);
    const second = await syncPlatformGrades(t.deps, platformId);
    expect(second.changed).toBe(1);
    await processLearningEvents(t.deps);
    const awards = await awardsOfBadge(t.deps, badge.id);
    expect(awards.map((a) => a.userId)).toEqual([learners[3]!.userId]);
  }, 60_000);

  /** Syncs once with the platform's next links misdirected; returns the error log's spy (restored by the caller). */
  async function syncMisdirected(how: 'other-origin' | 'loop') {
    const errors = vi.spyOn(t.deps.log, 'error');
    sim.misdirectPaging(how);
    sim.served.length = 0;
    try {
      await syncPlatformGrades(t.deps, platformId);
    } finally {
      sim.misdirectPaging(undefined);
    }
    return errors;
  }

  it('stops at a next page on another origin, logs why, and keeps the pages read', async () => {
    const errors = await syncMisdirected('other-origin');
    expect(sim.served.filter((p) => p.includes('/memberships'))).toEqual([
      '/courses/ctx-algebra-101/memberships',
    ]);
    const [details, message] = errors.mock.calls.at(-1) ?? [];
    expect(String(message)).toContain('membership list its next page is on another origin');
    expect(details).toMatchObject({ platformId, next: expect.stringContaining('lms.elsewhere.example') });
    // The grades were read all the same.
    expect(sim.served).toContain(`/courses/ctx-algebra-101/lineitems?page=2`);
    errors.mockRestore();
  }, 30_000);

  it('stops when the next page leads back to a page already read', async () => {
    const errors = await syncMisdirected('loop');
    expect(sim.served.filter((p) => p.includes('/memberships'))).toEqual([
      '/courses/ctx-algebra-101/memberships',
      '/courses/ctx-algebra-101/memberships?page=2',
    ]);
    expect(String(errors.mock.calls.at(-1)?.[1])).toContain('its next page was read already (a loop)');
    errors.mockRestore();
  }, 30_000);

  it(`reads at most ${MAX_PAGES} pages of a platform that pages forever`, async () => {
    let requests = 0;
    const endless = createServer((request, response) => {
      requests += 1;
      const page = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('page') ?? 1);
      response
        .writeHead(200, {
          'content-type': 'application/json',
          link: `</members?page=${page + 1}>; rel="next"`,
        })
        .end(JSON.stringify({ members: [] }));
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    const errors = vi.spyOn(t.deps.log, 'error');
    try {
      const url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}/members`;
      let pages = 0;
      for await (const _ of pagesOf(t.deps, url, 'token', 'application/json', {
        platformId,
        list: 'membership',
      }))
        pages += 1;
      expect(pages).toBe(MAX_PAGES);
      expect(requests).toBe(MAX_PAGES);
      expect(String(errors.mock.calls.at(-1)?.[1])).toContain(`more than ${MAX_PAGES} pages`);
    } finally {
      errors.mockRestore();
      await new Promise<void>((resolve) => endless.close(() => resolve()));
    }
  }, 60_000);
});

describe('the next page of a Link header', () => {
  const page = 'https://lms.example.edu/api/lti/courses/7/names_and_roles?page=1';

  it('is the target whose rel names next, among several links and relations', () => {
    const header =
      '<https://lms.example.edu/api/lti/courses/7/names_and_roles?page=1>; rel="first", ' +
      '<https://lms.example.edu/api/lti/courses/7/names_and_roles?page=2>; rel="next last"';
    expect(nextLink(header, page)).toBe('https://lms.example.edu/api/lti/courses/7/names_and_roles?page=2');
  });

  it('resolves a relative target against the page and accepts an unquoted rel', () => {
    expect(nextLink('</api/lti/courses/7/names_and_roles?page=3>;rel=next', page)).toBe(
      'https://lms.example.edu/api/lti/courses/7/names_and_roles?page=3',
    );
  });

  it('is absent without a header or without a next relation', () => {
    expect(nextLink(undefined, page)).toBeUndefined();
    expect(nextLink('<https://lms.example.edu/x?page=1>; rel="prev"', page)).toBeUndefined();
  });
});
