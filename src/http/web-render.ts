// The front door (`/`) and the catalog, rendered by the server for visitors (issue #18 item 13): the page paints from
// its HTML instead of after the app's script has downloaded, compiled and run (web/src/entry-server.tsx,
// built into web/dist/server). The app's requests during the render are answered in process by this app
// (inject), through the whole HTTP stack as a visitor: the page shows what the API shows anyone.
// Bounded: only a visitor's GET of those pages, one page of the catalog API (50 courses at most), each (address,
// languages) rendered at most once per CACHE_MS, and at most RENDERS_PER_SECOND renders a second in all (a render
// costs several times the catalog API's answer: bench/catalog-render.ts); past that, and when anything fails,
// the app's index.html is served and the browser renders the page, as for everyone before.
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../identity/index.ts';

/** What web/dist/server/entry-server.js exports (web/src/entry-server.tsx). */
interface RendererModule {
  renderedPaths: readonly string[];
  setApiTransport(transport: typeof fetch): void;
  renderVisitorPage(
    url: URL,
    languages: readonly string[],
  ): Promise<{ html: string; state: unknown; language: string } | null>;
}

const CACHE_MS = 5_000;
const CACHE_ENTRIES = 200;
export const RENDERS_PER_SECOND = 10;
/** Where index.html holds the boot skeleton (replaced by the page) and where the page's state goes. */
const APP_MARKUP = /<!--app-->[\s\S]*<!--\/app-->/;
const STATE_MARK = '<!--state-->';

/** The app serving the render in progress: the transport is one per process, the apps may be several (tests). */
const renderingApp = new AsyncLocalStorage<FastifyInstance>();

async function injectTransport(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const app = renderingApp.getStore();
  if (!app) throw new Error('The page renderer asked the API outside a render');
  const headers = Object.fromEntries(new Headers(init?.headers).entries());
  const reply = await app.inject({
    method: (init?.method ?? 'GET') as 'GET',
    url: String(input),
    headers,
  });
  const replyHeaders = new Headers();
  for (const [name, value] of Object.entries(reply.headers)) {
    if (value !== undefined) replyHeaders.set(name, Array.isArray(value) ? value.join(', ') : String(value));
  }
  const empty = reply.statusCode === 204 || reply.statusCode === 304;
  return new Response(empty ? null : new Uint8Array(reply.rawPayload), {
    status: reply.statusCode,
    headers: replyHeaders,
  });
}

/** The request's languages, best first (Accept-Language; at most ten tags, quality 0 dropped). */
export function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? '')
    .slice(0, 256)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((l) => /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(l.tag) && l.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .slice(0, 10)
    .map((l) => l.tag);
}

export interface VisitorPages {
  /** The HTML of the page for this request, or null: serve the app's index.html. */
  render(request: FastifyRequest, template: string): Promise<string | null>;
}

/** Loads the renderer built beside the app; null when the build has none (the app then renders everything). */
export async function loadVisitorPages(app: FastifyInstance, distDir: string): Promise<VisitorPages | null> {
  const file = join(distDir, 'server', 'entry-server.js');
  if (!existsSync(file)) return null;
  const renderer = (await import(pathToFileURL(file).href)) as RendererModule;
  renderer.setApiTransport(injectTransport);
  const cache = new Map<string, { at: number; html: string }>();
  let second = 0;
  let rendersThisSecond = 0;

  return {
    async render(request, template) {
      const url = new URL(request.url, 'http://tessera.invalid');
      if (request.method !== 'GET' || !renderer.renderedPaths.includes(url.pathname)) return null;
      // A signed-in reader's pages depend on who they are: the browser app renders those.
      if (request.cookies?.[SESSION_COOKIE]) return null;
      const languages = acceptedLanguages(request.headers['accept-language']);
      const key = `${url.pathname}${url.search}\u0000${languages.join(',')}`;
      const now = Date.now();
      const cached = cache.get(key);
      if (cached && now - cached.at < CACHE_MS) return cached.html;
      if (Math.floor(now / 1000) !== second) {
        second = Math.floor(now / 1000);
        rendersThisSecond = 0;
      }
      if (rendersThisSecond >= RENDERS_PER_SECOND) return null;
      rendersThisSecond += 1;
      try {
        const page = await renderingApp.run(app, () => renderer.renderVisitorPage(url, languages));
        if (!page) return null;
        // `<` escaped: the state can never close its script element. A JSON data block runs nothing (CSP).
        const state = JSON.stringify(page.state).replace(/</g, '\\u003c');
        const html = template
          .replace('<html lang="en">', `<html lang="${page.language}">`)
          .replace(APP_MARKUP, () => page.html)
          .replace(STATE_MARK, () => `<script type="application/json" id="tessera-state">${state}</script>`);
        if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value ?? '');
        cache.set(key, { at: now, html });
        return html;
      } catch (error) {
        request.log.warn({ err: error }, 'rendering a visitor page failed; the app renders it');
        return null;
      }
    },
  };
}
