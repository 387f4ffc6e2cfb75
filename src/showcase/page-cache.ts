// Rendered public badge pages, kept a few seconds so a busy page costs neither a database query nor a
// rendering. An entry lives PAGE_TTL_MS at most and never past its verification report's expiry, so a
// revocation shows as soon as it did without this cache (within REPORT_TTL_MS); a learner's own change of
// sharing choices forgets the award's pages at once. Per process: another instance follows within
// PAGE_TTL_MS, well inside the pages' own `Cache-Control: max-age=30`.
// A missing page is rendered once however many requests ask for it meanwhile: without that, each request
// arriving while an expired page of a busy badge is being rendered would render it too (a stampede every
// PAGE_TTL_MS that held a page at 1,000 requests/s up for 100–300 ms).
import type { Deps } from '../deps.ts';

export const PAGE_TTL_MS = 10_000;
const MAX_AWARDS = 5_000;

export interface RenderedPage {
  html: string;
  expiresAt: Date;
}

export interface PageCache {
  get(awardId: string, variant: string, now: Date): string | undefined;
  set(awardId: string, variant: string, html: string, expiresAt: Date): void;
  /** The cached page, or the one `render` makes, shared by every request that asks before it is done. */
  load(awardId: string, variant: string, now: Date, render: () => Promise<RenderedPage>): Promise<string>;
  /** Drops the award's pages and any rendering of them under way: the next request renders anew. */
  forget(awardId: string): void;
}

export function createPageCache(): PageCache {
  // awardId → variant (the locale) → page; insertion order lets the oldest award go first when full.
  const awards = new Map<string, Map<string, { html: string; expiresAt: number }>>();
  // awardId → variant → the rendering under way. `forget` removes an award's, so a rendering that began
  // before a change of sharing choices is neither joined nor stored after it.
  const rendering = new Map<string, Map<string, Promise<string>>>();
  const cache: PageCache = {
    get(awardId, variant, now) {
      const hit = awards.get(awardId)?.get(variant);
      if (!hit) return undefined;
      if (now.getTime() >= hit.expiresAt) {
        awards.get(awardId)?.delete(variant);
        return undefined;
      }
      return hit.html;
    },
    set(awardId, variant, html, expiresAt) {
      let pages = awards.get(awardId);
      if (!pages) {
        if (awards.size >= MAX_AWARDS) {
          const oldest = awards.keys().next().value;
          if (oldest !== undefined) awards.delete(oldest);
        }
        pages = new Map();
        awards.set(awardId, pages);
      }
      pages.set(variant, { html, expiresAt: expiresAt.getTime() });
    },
    load(awardId, variant, now, render) {
      const hit = cache.get(awardId, variant, now);
      if (hit !== undefined) return Promise.resolve(hit);
      const underway = rendering.get(awardId)?.get(variant);
      if (underway) return underway;
      let variants = rendering.get(awardId);
      if (!variants) {
        variants = new Map();
        rendering.set(awardId, variants);
      }
      const mine = variants;
      const page = render()
        .then(({ html, expiresAt }) => {
          if (rendering.get(awardId) === mine) cache.set(awardId, variant, html, expiresAt);
          return html;
        })
        .finally(() => {
          if (mine.get(variant) !== page) return;
          mine.delete(variant);
          if (mine.size === 0 && rendering.get(awardId) === mine) rendering.delete(awardId);
        });
      mine.set(variant, page);
      return page;
    },
    forget(awardId) {
      awards.delete(awardId);
      rendering.delete(awardId);
    },
  };
  return cache;
}

// One cache per running app (its deps), shared by the page route and the sharing service that empties it.
const caches = new WeakMap<Deps, PageCache>();

export function pageCacheOf(deps: Deps): PageCache {
  let cache = caches.get(deps);
  if (!cache) {
    cache = createPageCache();
    caches.set(deps, cache);
  }
  return cache;
}

/** When a page rendered now from a report checked at `checkedAt` must be rendered again. */
export function pageExpiry(now: Date, checkedAt: Date, reportTtlMs: number): Date {
  return new Date(Math.min(now.getTime() + PAGE_TTL_MS, checkedAt.getTime() + reportTtlMs));
}
