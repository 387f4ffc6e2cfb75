// The public skill pages over the real HTTP app with the shipped sample imported: a page per concept and
// per occupation, the data attribution pages, and 404 as a page for browsers or problem+json for clients.
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { importEsco, importOnet } from './index.ts';
import { prefersJson } from './page-routes.ts';

const sample = resolve(import.meta.dirname, '../../vendor/skills-sample');
const PROGRAMMING = '2.B.3.e';
const PROGRAMMERS = '15-1251.00';
const ESCO_SKILL = 'http://data.europa.eu/esco/skill/98d1f42a-dcfe-4c9f-9abb-e72aedeaa26b';
const WEAVER = 'http://data.europa.eu/esco/occupation/02375132-3290-4221-bf55-d93ec61a3bf3';
const ONET_ATTRIBUTION =
  'This product includes information from the O*NET 29.3 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. The data was converted from the Excel release to a tab-delimited layout; USDOL/ETA has not approved, endorsed, or tested these modifications.';
const ESCO_ATTRIBUTION = 'This service uses the ESCO classification of the European Commission.';

let t: TestApp;
const get = (url: string, headers: Record<string, string> = { accept: 'text/html' }) =>
  t.app.inject({ method: 'GET', url, headers });

describe('public skill pages', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    t = await createTestApp();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('say on the attribution pages that a framework was not imported, before it is', async () => {
    const response = await get('/about/data/onet');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Not imported');
    const esco = await get('/about/data/esco');
    expect(esco.body).toContain('Not imported');
    expect(esco.body).toContain(ESCO_ATTRIBUTION);
  });

  it('answer 404 for a concept while its framework is not imported', async () => {
    expect((await get(`/skills/onet/${PROGRAMMING}`)).statusCode).toBe(404);
  });

  describe('with the sample imported', () => {
    beforeAll(async () => {
      await importOnet(t.deps.db, join(sample, 'onet'));
      await importEsco(t.deps.db, join(sample, 'esco'), { version: '1.1.1' });
    }, 180_000);

    it('show the O*NET attribution page with its release, the licence text word for word and the licence links', async () => {
      const response = await get('/about/data/onet');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.headers['cache-control']).toBe('public, max-age=30');
      const body = response.body.replace(/\s+/g, ' ');
      expect(body).toContain('29.3, imported on');
      expect(body).toContain(ONET_ATTRIBUTION.replace('O*NET®', 'O*NET®'));
      expect(body).toContain('href="https://creativecommons.org/licenses/by/4.0/"');
      expect(body).toContain('href="https://www.onetcenter.org/license_db.html"');
      expect(body).toContain('How Tessera uses O*NET');
    });

    it('show the ESCO attribution page with its release and the Commission’s sentence, in Spanish when asked', async () => {
      const response = await get('/about/data/esco?lang=es');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-language']).toBe('es');
      expect(response.body).toContain('1.1.1, importada el');
      expect(response.body).toContain(`<blockquote lang="en"><p>${ESCO_ATTRIBUTION}</p></blockquote>`);
      expect(response.body).toContain('href="https://eur-lex.europa.eu/eli/dec/2011/833/oj"');
      expect(response.body).toContain('Cómo usa Tessera ESCO');
    });

    it('show a skill with its description, framework release and the jobs where it matters, each linking to its page', async () => {
      const response = await get(`/skills/onet/${PROGRAMMING}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-security-policy']).not.toContain('script-src');
      const body = response.body;
      expect(body).toContain('<h1 id="concept-name">Programming</h1>');
      expect(body).toContain('Writing computer programs for various purposes.');
      expect(body).toContain('O*NET 29.3');
      expect(body).toContain('Jobs where this skill matters');
      const jobs = [...body.matchAll(/<h3><a href="\/occupations\/onet\/([^"]+)">([^<]+)<\/a><\/h3>/g)];
      expect(jobs.length).toBeGreaterThan(0);
      expect(jobs.length).toBeLessThanOrEqual(10);
      expect(jobs.map((j) => j[1])).toContain(PROGRAMMERS);
      expect(body).toMatch(/Preparation: [A-Z][a-z]+ (or no )?preparation needed \(Job Zone \d\)/);
      expect(body).toContain('Also known as: ');
      expect(body).toContain('href="/about/data/onet"');
      expect(body).toContain('Source: O*NET 29.3');
    });

    it('show an ESCO skill by its URI, encoded as one path segment, with its alternative labels', async () => {
      const response = await get(`/skills/esco/${encodeURIComponent(ESCO_SKILL)}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<h1 id="concept-name">tend weaving machines</h1>');
      expect(response.body).toContain('ESCO 1.1.1');
      expect(response.body).toContain(`href="/occupations/esco/${encodeURIComponent(WEAVER)}"`);
      expect(response.body).toContain('href="/about/data/esco"');
    });

    it('show an occupation with its Job Zone in words, titles, core skills linking to their pages and technologies marked in text', async () => {
      const response = await get(`/occupations/onet/${PROGRAMMERS}`);
      expect(response.statusCode).toBe(200);
      const body = response.body;
      expect(body).toContain('<h1 id="occupation-name">Computer Programmers</h1>');
      expect(body).toMatch(/<dt>Preparation<\/dt><dd>[^<]+preparation needed \(Job Zone \d\)<\/dd>/);
      expect(body).toContain('Titles reported by workers');
      expect(body).toContain(`<a href="/skills/onet/${PROGRAMMING}">Programming</a>`);
      expect(body).toMatch(/importance \d(\.\d)? of 5 · level \d(\.\d)? of 7/);
      expect(body).toContain('Technology skills');
      expect(body).toMatch(/<span class="mark mark-hot">Hot technology<\/span>/);
      expect(body).toMatch(/<span class="mark mark-demand">In demand<\/span>/);
      expect(body).toContain('Source: O*NET 29.3');
      expect(body).toContain('href="/about/data/onet"');
    });

    it('show an ESCO occupation with its essential skills', async () => {
      const response = await get(`/occupations/esco/${encodeURIComponent(WEAVER)}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<h1 id="occupation-name">weaver</h1>');
      expect(response.body).toContain(`<a href="/skills/esco/${encodeURIComponent(ESCO_SKILL)}">`);
      expect(response.body).toContain('essential');
      expect(response.body).toContain('href="/about/data/esco"');
    });

    it('answer an unknown concept or occupation with a 404 page for browsers', async () => {
      for (const url of ['/skills/onet/9.Z.9.z', '/occupations/onet/99-9999.99', '/skills/nope/1']) {
        const response = await get(url, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
        expect(response.statusCode).toBe(404);
        expect(response.headers['content-type']).toContain('text/html');
        expect(response.headers['cache-control']).toBe('no-store');
      }
      const body = (await get('/skills/onet/9.Z.9.z')).body;
      expect(body).toContain('No such skill');
      expect(body).toContain('“9.Z.9.z”');
      expect(body).toContain('href="/about/data/onet"');
    });

    it('answer an unknown concept with problem+json to a client that prefers JSON', async () => {
      const response = await get('/skills/onet/9.Z.9.z', { accept: 'application/json' });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().status).toBe(404);
      const occupation = await get('/occupations/esco/nope', { accept: 'application/json' });
      expect(occupation.statusCode).toBe(404);
      expect(occupation.headers['content-type']).toContain('application/problem+json');
    });

    it('give a client that prefers JSON the facts a page shows', async () => {
      const response = await get(`/skills/onet/${PROGRAMMING}`, { accept: 'application/json' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ framework: 'onet', code: PROGRAMMING, label: 'Programming' });
      expect(response.json().jobs[0].title).toEqual(expect.any(String));
    });

    it('escape the text of a concept', async () => {
      await t.deps.db
        .updateTable('skillConcepts')
        .set({ description: 'Uses <script>alert("x")</script> & <b>bold</b> claims.' })
        .where('framework', '=', 'onet')
        .where('code', '=', PROGRAMMING)
        .execute();
      const body = (await get(`/skills/onet/${PROGRAMMING}`)).body;
      expect(body).toContain(
        'Uses &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; claims.',
      );
      expect(body).not.toContain('<script>');
      expect(body).not.toContain('<b>bold</b>');
      const unknown = (await get('/skills/onet/%3Cimg%20src%3Dx%3E')).body;
      expect(unknown).toContain('&lt;img src=x&gt;');
      expect(unknown).not.toContain('<img src=x>');
    });
  });
});

describe('content negotiation of the skill pages', () => {
  it('serves the page to browsers and JSON only to clients that rank it above HTML', () => {
    expect(prefersJson('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(false);
    expect(prefersJson(undefined)).toBe(false);
    expect(prefersJson('*/*')).toBe(false);
    expect(prefersJson('application/json')).toBe(true);
    expect(prefersJson('text/html;q=0.5, application/json')).toBe(true);
    expect(prefersJson('application/json;q=0.5, text/html')).toBe(false);
  });
});
