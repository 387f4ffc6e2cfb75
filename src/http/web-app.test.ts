// The built web app is served beside the API: files, the client-side routes' fallback, caching.
import { readdirSync, readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { ensureWebBuilt, webDistDir } from '../cli/build-web.ts';

let testApp: TestApp;
const html = { accept: 'text/html,application/xhtml+xml' };

beforeAll(async () => {
  await ensureWebBuilt(() => {});
  testApp = await createTestApp({ serveWebApp: true });
}, 120_000);

afterAll(async () => {
  await testApp?.close();
});

/** The app's biggest script: the one compression matters most for. */
const largestScript = () =>
  readdirSync(`${webDistDir}/assets`)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, size: readFileSync(`${webDistDir}/assets/${name}`).length }))
    .sort((a, b) => b.size - a.size)[0]!.name;

describe('the web app', () => {
  it('answers a browser asking for a client-side route with the app, never cached', async () => {
    const response = await testApp.app.inject({ url: '/verify-email?token=abc', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<div id="root">');
  });

  it('serves the hashed assets with a long cache lifetime', async () => {
    const script = readdirSync(`${webDistDir}/assets`).find((name) => name.endsWith('.js'));
    const response = await testApp.app.inject({ url: `/assets/${script}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends a hashed script brotli-compressed to a browser that accepts br, cached for good', async () => {
    const script = largestScript();
    const response = await testApp.app.inject({
      url: `/assets/${script}`,
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const original = readFileSync(`${webDistDir}/assets/${script}`);
    expect(response.rawPayload.length).toBeLessThan(original.length / 2);
    expect(brotliDecompressSync(response.rawPayload).equals(original)).toBe(true);
  });

  it('sends gzip to a client that accepts only gzip, and the plain file to one that accepts neither', async () => {
    const script = largestScript();
    const original = readFileSync(`${webDistDir}/assets/${script}`);
    const gzipOnly = await testApp.app.inject({
      url: `/assets/${script}`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipOnly.rawPayload).equals(original)).toBe(true);
    const plain = await testApp.app.inject({
      url: `/assets/${script}`,
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.rawPayload.equals(original)).toBe(true);
  });

  it('publishes no source maps: none is built, none is reachable, no script points to one', async () => {
    const files = readdirSync(webDistDir, { recursive: true, encoding: 'utf8' });
    expect(files.filter((name) => name.endsWith('.map'))).toEqual([]);
    const script = largestScript();
    const map = await testApp.app.inject({ url: `/assets/${script}.map` });
    expect(map.statusCode).toBe(404);
    expect(readFileSync(`${webDistDir}/assets/${script}`, 'utf8')).not.toContain('sourceMappingURL');
  });

  it('answers 404 with the app (its "Page not found") for a path no app route matches', async () => {
    for (const url of ['/no-such-page', '/learn/badges/x/y/z', '/catalog/abc/def']) {
      const response = await testApp.app.inject({ url, headers: html });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<div id="root">');
    }
    for (const url of ['/learn/badges/5d0c4b9e-1111-4c4c-9d9d-000000000001', '/catalog/abc?x=1', '/cart/']) {
      expect((await testApp.app.inject({ url, headers: html })).statusCode, url).toBe(200);
    }
  });

  it('keeps unknown API paths and non-HTML requests as problem+json 404s', async () => {
    for (const request of [{ url: '/api/v1/nothing-here', headers: html }, { url: '/nothing-here' }]) {
      const response = await testApp.app.inject(request);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
    }
  });

  it('paints with one language: the entry holds no catalog, English (the default) is preloaded beside it, Spanish is not', async () => {
    const index = readFileSync(`${webDistDir}/index.html`, 'utf8');
    const loaded = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
    const englishPreload = loaded.filter((path) => /\/catalog-en-[\w-]+\.js$/.test(path));
    expect(englishPreload).toHaveLength(1);
    const code = (paths: string[]) =>
      paths.map((path) => readFileSync(`${webDistDir}/${path}`, 'utf8')).join('\n');
    // Strings only a catalog holds: the English chunk is fetched in parallel, never bundled into the entry,
    // and nothing index.html loads holds Spanish.
    const scripts = loaded.filter((path) => !englishPreload.includes(path));
    expect(scripts.length).toBeGreaterThan(0);
    expect(code(scripts)).not.toContain('Course catalog');
    expect(code(loaded)).not.toContain('Catálogo de cursos');
    expect(code(englishPreload)).toContain('Course catalog');
    // Both catalogs once made the entry 658 kB; without them (and with every page but two lazy) it is far under.
    const bytes = (paths: string[]) =>
      paths.reduce((sum, path) => sum + readFileSync(`${webDistDir}/${path}`).length, 0);
    expect(bytes(scripts)).toBeLessThan(560_000);
    const assets = readdirSync(`${webDistDir}/assets`);
    for (const [language, text] of [
      ['en', 'Course catalog'],
      ['es', 'Catálogo de cursos'],
    ] as const) {
      const chunk = assets.find((name) => new RegExp(`^catalog-${language}-[\\w-]+\\.js$`).test(name));
      expect(chunk, language).toBeDefined();
      const response = await testApp.app.inject({
        url: `/assets/${chunk}`,
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(response.rawPayload).toString('utf8')).toContain(text);
    }
  });

  it('leaves the API routes to the API', async () => {
    const response = await testApp.app.inject({ url: '/health', headers: html });
    expect(response.json()).toEqual({ status: 'ok' });
  });
});
