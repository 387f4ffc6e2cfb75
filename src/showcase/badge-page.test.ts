import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { importEsco, importOnet } from '../skills/index.ts';
import { representationFor } from './routes.ts';
import { anAcceptedBadge } from './testing.ts';

let t: TestApp;
let held: Awaited<ReturnType<typeof anAcceptedBadge>>;
let now = new Date();

const sample = resolve(import.meta.dirname, '../../vendor/skills-sample');
const PROGRAMMING = '2.B.3.e';
const COMPUTERS = '2.C.3.a';
const WEAVING = 'http://data.europa.eu/esco/skill/98d1f42a-dcfe-4c9f-9abb-e72aedeaa26b';

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  await importOnet(t.deps.db, join(sample, 'onet'));
  await importEsco(t.deps.db, join(sample, 'esco'), { version: '1.1.1' });
  held = await anAcceptedBadge(t.app, t.deps, {
    badgeName: 'Gestión de nóminas — <b>SAFe</b>',
    learnerName: 'Zoë Núñez',
    extra: {
      skills: [
        {
          name: 'Payroll',
          framework: 'O*NET',
          code: '43-3051.00',
          url: 'https://www.onetonline.org/link/summary/43-3051.00',
        },
      ],
    },
  });
}, 180_000);
afterAll(() => t?.close());

const page = (awardId: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/badges/${awardId}`, headers });

const share = (body: object) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/v1/me/badges/${held.award.id}/sharing`,
    headers: held.learner.headers,
    payload: body,
  });

describe('public badge pages', () => {
  it('answer 404 while the badge is private, to everyone, in every representation', async () => {
    const privatePage = await page(held.award.id);
    expect(privatePage.statusCode).toBe(404);
    // A browser gets a page saying so, in the same words as for an unknown badge: not JSON.
    expect(privatePage.headers['content-type']).toContain('text/html');
    expect(privatePage.body).toContain('<h1>Badge not found</h1>');
    expect((await page(held.award.id, { accept: 'application/ld+json' })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/badges/${held.award.id}/preview.png` })).statusCode,
    ).toBe(404);
  });

  it('let only the learner who holds the badge make it public', async () => {
    const other = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/badges/${held.award.id}/sharing`,
      headers: held.issuer.owner.headers,
      payload: { visibility: 'public' },
    });
    expect(other.statusCode).toBe(404);
    const mine = await share({ visibility: 'public' });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ visibility: 'public', showName: true, showEvidence: false });
    expect(mine.json().pageUrl).toMatch(new RegExp(`/badges/${held.award.id}$`));
  });

  it('show the badge, its issuer, recipient, dates, skills and a passing verification panel', async () => {
    const response = await page(held.award.id, { accept: 'text/html' });
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('Gestión de nóminas — &lt;b&gt;SAFe&lt;/b&gt;');
    expect(body).not.toContain('<b>SAFe</b>');
    expect(body).toContain('Zoë Núñez');
    expect(body).toContain('Gestión Academy®');
    expect(body).toContain('43-3051.00');
    expect(body).toMatch(/<li>Complete the course &quot;Payroll in one lesson&quot;\.<\/li>/); // criteria as Markdown
    expect(body).toContain('verdict-verified');
    expect(body).not.toContain('check-failed');
    expect(body).toMatch(/<span aria-hidden="true">✓<\/span> [^<]+<\/span>/); // the verified-domain mark
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).not.toContain('script-src');
  });

  it('carry link-preview tags pointing at a PNG', async () => {
    const body = (await page(held.award.id)).body;
    const image = /<meta property="og:image" content="([^"]+)"/.exec(body)?.[1];
    expect(image).toMatch(/\/badges\/[0-9a-f-]+\/preview\.png$/);
    expect(body).toContain('<meta name="twitter:card" content="summary">');
    const png = await t.app.inject({ method: 'GET', url: new URL(image as string).pathname });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });

  it('keep the credential home while it holds evidence the learner keeps off the page', async () => {
    expect(held.award.showEvidence).toBe(false);
    const json = await page(held.award.id, { accept: 'application/ld+json' });
    expect(json.statusCode).toBe(403);
    expect(json.json().detail).toContain('holds their results and evidence');
    expect((await page(held.award.id, { accept: 'application/vc+jwt' })).statusCode).toBe(403);
    const html = await page(held.award.id, { accept: 'text/html' });
    expect(html.body).not.toContain('<link rel="alternate" type="application/ld+json"');
  });

  it('hand the credential itself to clients that ask for JSON-LD once the learner shows the evidence', async () => {
    expect((await share({ showEvidence: true })).statusCode).toBe(200);
    expect((await page(held.award.id, { accept: 'text/html' })).body).toContain(
      '<link rel="alternate" type="application/ld+json"',
    );
    const response = await page(held.award.id, { accept: 'application/ld+json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/ld+json');
    expect(response.json().type).toContain('OpenBadgeCredential');
    expect(response.json().proof).toBeDefined();
  });

  it('hide the learner name when asked', async () => {
    await share({ showName: false });
    expect((await page(held.award.id)).body).not.toContain('Zoë Núñez');
    await share({ showName: true });
  });

  it('show a revocation within a minute', async () => {
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${held.issuer.orgId}/awards/${held.award.id}/revoke`,
      headers: held.issuer.owner.headers,
      payload: { reason: 'Issued in error' },
    });
    expect(revoked.statusCode).toBe(200);
    now = new Date(now.getTime() + 61_000);
    const body = (await page(held.award.id)).body;
    expect(body).toContain('verdict-not-verified');
    expect(body).toContain('check-failed');
  });

  it('say "expired" plainly once the validity has passed', async () => {
    now = new Date(now.getTime() + 4 * 365 * 86_400_000);
    const body = (await page(held.award.id)).body;
    expect(body).toContain('class="expired">Expired</strong>');
  });

  it('show no related jobs when the badge has no skill aligned to a framework concept', async () => {
    const body = (await page(held.award.id)).body;
    expect(body).toContain('43-3051.00');
    expect(body).not.toContain('Related jobs');
    expect(body).not.toContain('href="/occupations/');
  });

  it('answer 404 for an unknown badge', async () => {
    expect((await page('0b6c1e8e-4a5e-4a47-9d7e-6a0a8a0f3b11')).statusCode).toBe(404);
  });

  it('show a browser a "badge not found" page, not JSON, for an unknown or malformed badge URL', async () => {
    const browser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    for (const id of ['0b6c1e8e-4a5e-4a47-9d7e-6a0a8a0f3b11', 'not-a-badge']) {
      const response = await page(id, browser);
      expect(response.statusCode, id).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<h1>Badge not found</h1>');
      expect(response.body).toContain('href="/verify"');
    }
    // API clients still get problem+json.
    const api = await page('0b6c1e8e-4a5e-4a47-9d7e-6a0a8a0f3b11', { accept: 'application/ld+json' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const malformed = await page('not-a-badge', { accept: 'application/json' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
  });
});

describe('a public badge page with skills aligned to framework concepts', () => {
  let aligned: Awaited<ReturnType<typeof anAcceptedBadge>>;
  beforeAll(async () => {
    aligned = await anAcceptedBadge(t.app, t.deps, {
      badgeName: 'Software developer',
      extra: {
        skills: [
          { name: 'Programming', concept: { framework: 'onet', code: PROGRAMMING }, level: 5 },
          { name: 'Computers & <electronics>', concept: { framework: 'onet', code: COMPUTERS } },
          { name: 'Weaving', concept: { framework: 'esco', code: WEAVING } },
          { name: 'Team spirit' },
        ],
      },
    });
    const shared = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/badges/${aligned.award.id}/sharing`,
      headers: aligned.learner.headers,
      payload: { visibility: 'public' },
    });
    expect(shared.statusCode).toBe(200);
  }, 120_000);

  it('link each aligned skill tag to its concept page, keeping the framework page as a second link', async () => {
    const body = (await page(aligned.award.id)).body;
    expect(body).toContain(`<a href="/skills/onet/${PROGRAMMING}">Programming</a>`);
    expect(body).toContain('level 5 of 7');
    expect(body).toContain(`<a href="/skills/onet/${COMPUTERS}">Computers &amp; &lt;electronics&gt;</a>`);
    expect(body).toContain(`<a href="/skills/esco/${encodeURIComponent(WEAVING)}">Weaving</a>`);
    expect(body).toMatch(
      /<a class="external" href="https:\/\/www\.onetonline\.org\/[^"]+" rel="nofollow noopener">definition at www\.onetonline\.org<\/a>/,
    );
    expect(body).toContain('<li>Team spirit</li>');
  });

  it('list at most five related jobs, each explained to a visitor and linking to its occupation page, with the attribution', async () => {
    const body = (await page(aligned.award.id)).body;
    const section = /<section aria-labelledby="jobs-heading"[\s\S]*?<\/section>/.exec(body)?.[0] ?? '';
    expect(section).toContain('<h2 id="jobs-heading">Related jobs</h2>');
    const jobs = [
      ...section.matchAll(/<h3><a href="\/occupations\/(onet|esco)\/([^"]+)">([^<]+)<\/a><\/h3>/g),
    ];
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.length).toBeLessThanOrEqual(5);
    expect(jobs[0]?.[3]).toBe('Computer Programmers');
    expect(section).toContain('Because this badge asserts Programming at level 5');
    expect(section).not.toContain('your skills');
    expect(section).toContain('href="/about/data/onet"');
    expect(section).toContain('Source: O*NET 29.3');
  });

  it('explain the related jobs in the visitor’s language', async () => {
    const body = (await page(aligned.award.id, { 'accept-language': 'es' })).body;
    expect(body).toContain('Empleos relacionados');
    expect(body).toContain('Porque esta insignia acredita Programming en el nivel 5');
  });
});

describe('content negotiation', () => {
  it('prefers the page for browsers and the credential for clients asking for it', () => {
    expect(representationFor('text/html,application/xhtml+xml,*/*;q=0.8')).toBe('html');
    expect(representationFor('application/ld+json')).toBe('json');
    expect(representationFor('application/vc+jwt')).toBe('jwt');
    expect(representationFor(undefined)).toBe('html');
  });
});
