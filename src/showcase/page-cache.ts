// Rendered public badge pages, kept a few seconds so a busy page costs neither a database query nor a
// rendering. An entry lives PAGE_TTL_MS at most and never past its verification report's expiry, so a
// revocation shows as soon as it did without this cache (within REPORT_TTL_MS); a learner's own change of
// sharing choices forgets the award's pages at once. Per process: another instance follows within
// PAGE_TTL_MS, well inside the pages' own `Cache-Control: max-age=30`.
import type { Deps } from '../deps.ts';

export const PAGE_TTL_MS = 10_000;
const MAX_AWARDS = 5_000;

export interface PageCache {
  get(awardId: string, variant: string, now: Date): string | undefined;
  set(awardId: string, variant: string, html: string, expiresAt: Date): void;
  forget(awardId: string): void;
}

export function createPageCache(): PageCache {
  // awardId → variant (the locale) → page; insertion order lets the oldest award go first when full.
  const awards = new Map<string, Map<string, { html: string; expiresAt: number }>>();
  return {
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
    forget(awardId) {
      awards.delete(awardId);
    },
  };
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
