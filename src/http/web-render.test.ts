// A visitor's catalog comes rendered in the page (issue #18 item 13): its courses and prices are in the HTML,
// with the query cache they were rendered from for the app to hydrate; in the reader's language; a signed-in
// reader's pages and every other path are the app's alone; what the address carries can't break out of the page;
// renders are cached and limited per second.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { ensureWebBuilt } from '../cli/build-web.ts';
import { aPricedCourse, setShopSettings } from '../commerce/testing.ts';
import { anIssuerWithOwner } from '../issuing/testing.ts';
import { acceptedLanguages, RENDERS_PER_SECOND } from './web-render.ts';

let t: TestApp;
let courseId = '';
const html = { accept: 'text/html,application/xhtml+xml' };

beforeAll(async () => {
  await ensureWebBuilt(() => {});
  t = await createTestApp({ serveWebApp: true });
  const issuer = await anIssuerWithOwner(t.app, t.deps);
  await setShopSettings(t, issuer, { taxRateBp: 2000, taxLabel: 'VAT' });
  courseId = await aPricedCourse(t, issuer, { title: 'Rendered payroll', priceMinor: 4500 });
}, 240_000);

afterAll(async () => {
  await t?.close();
});

/** The JSON of the page's state element, parsed. */
function stateOf(body: string): { queries: Array<{ queryKey: unknown[]; state: { data: unknown } }> } {
  const match = /<script type="application\/json" id="tessera-state">([\s\S]*?)<\/script>/.exec(body);
  if (!match?.[1]) throw new Error('the page has no state');
  return JSON.parse(match[1]);
}

describe('the catalog rendered by the server for a visitor', () => {
  it('holds the courses and their prices with tax in the page, with the data it was rendered from', async () => {
    const response = await t.app.inject({
      url: '/catalog',
      headers: { ...html, 'accept-language': 'en-GB,en;q=0.8' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers.vary).toMatch(/accept-language/i);
    const body = response.body;
    expect(body).toContain('<html lang="en">');
    // The course card itself, not the boot skeleton.
    expect(body).not.toContain('class="boot"');
    expect(body).toContain(`<a href="/catalog/${courseId}" data-discover="true">Rendered payroll</a>`);
    expect(body).toContain('<h1 tabindex="-1">Course catalog</h1>');
    // A British reader sees the price with VAT included (tax-display.ts), as the app would show it.
    expect(body).toMatch(/€54\.00[^<]*VAT/);
    const queries = stateOf(body).queries;
    const keys = queries.map((q) => JSON.stringify(q.queryKey));
    expect(keys).toContain(JSON.stringify(['session']));
    expect(queries.find((q) => JSON.stringify(q.queryKey) === JSON.stringify(['session']))?.state.data).toBe(
      null,
    );
    const catalog = queries.find((q) => JSON.stringify(q.queryKey).includes('catalog'));
    expect(JSON.stringify(catalog?.state.data)).toContain(courseId);
    expect(keys.some((k) => k.startsWith('["price-terms"'))).toBe(true);
  });

  it('is written in Spanish for a reader who asks for Spanish first', async () => {
    const response = await t.app.inject({
      url: '/catalog',
      headers: { ...html, 'accept-language': 'es-ES,es;q=0.9,en;q=0.5' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="es">');
    expect(response.body).toContain('Catálogo de cursos');
  });

  it('keeps the search of the address and escapes it everywhere', async () => {
    const hostile = '</script><img src=x onerror=alert(1)>';
    const response = await t.app.inject({
      url: `/catalog?q=${encodeURIComponent(hostile)}`,
      headers: html,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('<img src=x');
    // One script element closes the state: the search inside it is escaped.
    const state = /id="tessera-state">([\s\S]*?)<\/script>/.exec(response.body)?.[1] ?? '';
    expect(state).not.toContain('<');
    expect(JSON.stringify(stateOf(response.body))).toContain(hostile);
    expect(response.body).toContain('0 courses found.');
  });

  it('leaves a signed-in reader’s catalog and every other page to the app', async () => {
    const signedIn = await t.app.inject({
      url: '/catalog',
      headers: { ...html, cookie: 'tessera_session=anything' },
    });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.body).toContain('class="boot"');
    expect(signedIn.body).not.toContain('tessera-state');
    const signedInDoor = await t.app.inject({
      url: '/',
      headers: { ...html, cookie: 'tessera_session=anything' },
    });
    expect(signedInDoor.body).toContain('class="boot"');
    for (const url of ['/login', '/bundles', '/catalog/elsewhere']) {
      const response = await t.app.inject({ url, headers: html });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('class="boot"');
    }
  });

  it('is rendered once for many readers of the same address and languages', async () => {
    const first = await t.app.inject({ url: '/catalog?free=true', headers: html });
    const second = await t.app.inject({ url: '/catalog?free=true', headers: html });
    expect(second.body).toBe(first.body);
  });

  it('is rendered at most RENDERS_PER_SECOND times a second; past that a visitor gets the app’s own page', async () => {
    // The clock stands still in a second of its own: every request falls in it, however slow the machine.
    vi.useFakeTimers({ toFake: ['Date'], now: (Math.floor(Date.now() / 1000) + 60) * 1000 });
    try {
      const answers = [];
      for (let i = 0; i < RENDERS_PER_SECOND + 3; i++) {
        answers.push(await t.app.inject({ url: `/catalog?visit=${i}`, headers: html }));
      }
      expect(answers.every((a) => a.statusCode === 200)).toBe(true);
      const rendered = answers.map((a) => a.body.includes('tessera-state'));
      expect(rendered).toEqual(answers.map((_, i) => i < RENDERS_PER_SECOND));
      expect(answers.at(-1)?.body).toContain('class="boot"');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the front door rendered by the server for a visitor', () => {
  it('features the catalog’s courses in the page, with the one query the app asks there', async () => {
    const response = await t.app.inject({ url: '/', headers: { ...html, 'accept-language': 'en' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers.vary).toMatch(/accept-language/i);
    const body = response.body;
    expect(body).not.toContain('class="boot"');
    expect(body).toContain(`<a href="/catalog/${courseId}" data-discover="true">Rendered payroll</a>`);
    expect(body).toContain('href="/verify"');
    const keys = stateOf(body).queries.map((q) => q.queryKey);
    // The session (none) and the front door's own catalog query, without filters: nothing the page won't ask.
    expect(keys).toHaveLength(2);
    expect(keys).toContainEqual(['session']);
    const catalog = stateOf(body).queries.find((q) => JSON.stringify(q.queryKey).includes('catalog'));
    expect(catalog?.queryKey.at(-1)).toEqual({});
  });

  it('is written in Spanish for a reader who asks for Spanish first', async () => {
    const response = await t.app.inject({ url: '/', headers: { ...html, 'accept-language': 'es' } });
    expect(response.body).toContain('<html lang="es">');
    expect(response.body).toContain('Rendered payroll');
    expect(response.body).not.toContain('class="boot"');
  });
});

describe('the reader’s languages', () => {
  it('come best first, in the order given at equal quality, without refused or malformed tags', () => {
    expect(acceptedLanguages('fr;q=0.5, es-MX, en;q=0.8, de;q=0, *;q=0.1, x y')).toEqual([
      'es-MX',
      'en',
      'fr',
    ]);
    expect(acceptedLanguages(undefined)).toEqual([]);
    expect(acceptedLanguages('en-US,en')).toEqual(['en-US', 'en']);
  });
});
