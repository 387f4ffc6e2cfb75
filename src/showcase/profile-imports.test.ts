// A public profile lists, apart from the Tessera badges, the badges its learner imported from other issuers
// and made public: name, issuer, Tessera's last check and when, a link to the imported badge's page.
// Private ones, and other people's, never show; every text of another issuer is escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anOb2Issuer, importJson, LOOPBACK_VERIFY_ENV, type Ob2Issuer } from '../imports/testing.ts';

const clock = new Date('2026-06-01T00:00:00Z');
let t: TestApp;
let issuer: Ob2Issuer;
let learner: TestSession & { userId: string };
let other: TestSession;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock, env: LOOPBACK_VERIFY_ENV });
  issuer = await anOb2Issuer('Guild <b>of</b> "Quotes"');
  learner = (await aLoggedInUser(t.app, t.deps, { name: 'Zoë Núñez' })) as typeof learner;
  other = await aLoggedInUser(t.app, t.deps);
  const saved = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/profile',
    headers: learner.headers,
    payload: { slug: 'zoe-imports', enabled: true },
  });
  expect(saved.statusCode, saved.body).toBe(200);
});
afterAll(async () => {
  await issuer?.close();
  await t?.close();
});

async function anImportedBadge(as: TestSession, path: string, name: string): Promise<string> {
  const response = await importJson(t.app, as, { url: issuer.anAssertion(path, name) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}
const share = (as: TestSession, id: string, visibility: 'public' | 'private') =>
  t.app.inject({
    method: 'PUT',
    url: `/api/v1/me/imported-badges/${id}/sharing`,
    headers: as.headers,
    payload: { visibility },
  });
const visit = (query = '') => t.app.inject({ method: 'GET', url: `/people/zoe-imports${query}` });

describe('imported badges on a public profile', () => {
  it('lists none, and no "earned elsewhere" section, while every imported badge is private', async () => {
    await anImportedBadge(learner, '/assertions/kept-private', 'Kept private');
    const page = await visit();
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Kept private');
    expect(page.body).not.toContain('Earned elsewhere');
    expect(page.body).toContain('No public badges yet.');
  });

  it('lists one made public with its issuer, last verdict and check date, linking to its page', async () => {
    const id = await anImportedBadge(learner, '/assertions/shown', 'Forklift safety');
    expect((await share(learner, id, 'public')).statusCode).toBe(200);
    const page = await visit();
    expect(page.body).toMatch(/<h2 [^>]*>Earned elsewhere<\/h2>/);
    expect(page.body).toContain(`<a href="/imported/${id}"><span class="name">Forklift safety</span></a>`);
    expect(page.body).toContain('Guild &lt;b&gt;of&lt;/b&gt; &quot;Quotes&quot;');
    expect(page.body).toContain('Last check: <strong class="verdict-verified">Verified</strong>');
    expect(page.body).toContain('<time datetime="2026-06-01T00:00:00.000Z">Jun 1, 2026</time>');
    expect(page.body).not.toContain('Kept private');
    expect(page.body).not.toContain('No public badges yet.');
    expect((await t.app.inject({ method: 'GET', url: `/imported/${id}` })).statusCode).toBe(200);
  });

  it('shows the verdict of the latest check: a badge revoked at its source reads "Not verified"', async () => {
    const id = await anImportedBadge(learner, '/assertions/revoked-later', 'Revoked later');
    await share(learner, id, 'public');
    issuer.revoke('/assertions/revoked-later', 'Issued in error');
    const checked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/imported-badges/${id}/verify`,
      headers: learner.headers,
    });
    expect(checked.json().verdict).toBe('not-verified');
    const card = cardOf((await visit()).body, id);
    expect(card).toContain('<strong class="verdict-not-verified">Not verified</strong>');
  });

  it('drops a badge as soon as it is made private again', async () => {
    const id = await anImportedBadge(learner, '/assertions/on-and-off', 'On and off');
    await share(learner, id, 'public');
    expect((await visit()).body).toContain('On and off');
    await share(learner, id, 'private');
    expect((await visit()).body).not.toContain('On and off');
  });

  it("never lists another person's public imported badge", async () => {
    const id = await anImportedBadge(other, '/assertions/someone-else', 'Someone else’s badge');
    await share(other, id, 'public');
    const page = await visit();
    expect(page.body).not.toContain('Someone else’s badge');
    expect(page.body).not.toContain(id);
  });

  it('escapes a hostile badge name and its image address, which is linked, never loaded', async () => {
    const id = await anImportedBadge(learner, '/assertions/hostile', '<script>alert(1)</script> Nóminas');
    await share(learner, id, 'public');
    const [withImage, withoutImage] = await t.deps.db
      .insertInto('importedBadges')
      .values(
        ['https://img.example/b.png?x="><script>alert(2)</script>', null].map((imageUrl, n) => ({
          userId: learner.userId,
          source: 'json' as const,
          payloadKind: 'json' as const,
          payload: `{"n":${n}}`,
          dedupeKey: `test:image-${n}`,
          format: 'ob3-json' as const,
          badgeName: `Pictured ${n}`,
          issuerName: null,
          issuerId: 'https://issuer.example/<i>',
          imageUrl,
          validFrom: null,
          validUntil: null,
          report: JSON.stringify({
            verdict: 'could-not-check',
            format: 'ob3-json',
            checks: [],
            claims: {},
          }),
          verdict: 'could-not-check' as const,
          checkedAt: clock,
          visibility: 'public' as const,
        })),
      )
      .returning('id')
      .execute();
    const page = await visit();
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    // The page's own script file (it adds a "Copy link" button) is the only script: none inline, none of theirs.
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    const scripts = page.body.match(/<script[^>]*>/g);
    expect(scripts).toEqual(['<script src="/people/profile.js" defer>']);
    expect(page.body).not.toMatch(/<b>|<i>/);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Nóminas');
    const pictured = cardOf(page.body, withImage!.id);
    expect(pictured).toContain(
      'href="https://img.example/b.png?x=&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;" rel="nofollow noopener noreferrer"',
    );
    expect(pictured).toContain('https://issuer.example/&lt;i&gt;');
    expect(pictured).toContain('Could not check everything');
    expect(cardOf(page.body, withoutImage!.id)).not.toContain('issuer-image');
    expect(page.body).not.toMatch(/<img[^>]+src="https?:/);
  });

  it('speaks Spanish when asked', async () => {
    const page = await visit('?lang=es');
    expect(page.body).toMatch(/<h2 [^>]*>Obtenidas en otros sitios<\/h2>/);
    expect(page.body).toContain('Última comprobación: <strong class="verdict-verified">Verificada</strong>');
  });
});

/** The one list item that links to an imported badge's page. */
function cardOf(html: string, id: string): string {
  const item = html.split('<li ').find((part) => part.includes(`/imported/${id}"`));
  expect(item, `no card for ${id}`).toBeDefined();
  return item!;
}
