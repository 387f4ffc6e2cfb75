// A short-lived cache of the public documents every verification of our own credentials reads (issuers'
// DID documents, published status lists): one per Deps (per process), entries kept DOCUMENT_TTL_MS and
// dropped at once when this process changes them (revocation, key rotation). Another process sees a change
// within DOCUMENT_TTL_MS, well inside the minute badge pages promise for a revocation.
import type { Deps } from '../deps.ts';

export const DOCUMENT_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

type Entry = { value: unknown; expiresAt: number };
const caches = new WeakMap<Deps, Map<string, Entry>>();

function cacheOf(deps: Deps): Map<string, Entry> {
  let cache = caches.get(deps);
  if (!cache) {
    cache = new Map();
    caches.set(deps, cache);
  }
  return cache;
}

export async function cachedDocument<T>(deps: Deps, key: string, load: () => Promise<T>): Promise<T> {
  const cache = cacheOf(deps);
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expiresAt > now) return hit.value as T;
  const value = await load();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { value, expiresAt: now + DOCUMENT_TTL_MS });
  return value;
}

/** Drops every cached document whose key starts with `prefix` (e.g. all of one issuer's). */
export function forgetDocuments(deps: Deps, prefix: string): void {
  const cache = caches.get(deps);
  if (!cache) return;
  for (const key of cache.keys()) if (key.startsWith(prefix)) cache.delete(key);
}

export const didDocumentKey = (slug: string) => `issuer:${slug}:did`;
export const statusListKey = (slug: string, purpose: string, listNumber: number) =>
  `issuer:${slug}:status:${purpose}:${listNumber}`;
/** Prefix of the DID documents of issuers' own domains (domain.ts), keyed by domain. */
export const DOMAIN_DOCUMENTS = 'domain:';
export const domainDocumentKey = (domain: string) => `${DOMAIN_DOCUMENTS}${domain}`;
