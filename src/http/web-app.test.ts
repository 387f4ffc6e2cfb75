// The built web app is served beside the API: files, the client-side routes' fallback, caching.
import { readdirSync } from 'node:fs';
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

describe('the web app', () => {
  it('answers a browser asking for a client-side route with the app, never cached', async () => {
    const response = await testApp.app.inject({ url: '/verify-email?token=abc', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<div id="root"></div>');
  });

  it('serves the hashed assets with a long cache lifetime', async () => {
    const script = readdirSync(`${webDistDir}/assets`).find((name) => name.endsWith('.js'));
    const response = await testApp.app.inject({ url: `/assets/${script}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps unknown API paths and non-HTML requests as problem+json 404s', async () => {
    for (const request of [{ url: '/api/v1/nothing-here', headers: html }, { url: '/nothing-here' }]) {
      const response = await testApp.app.inject(request);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
    }
  });

  it('leaves the API routes to the API', async () => {
    const response = await testApp.app.inject({ url: '/health', headers: html });
    expect(response.json()).toEqual({ status: 'ok' });
  });
});
