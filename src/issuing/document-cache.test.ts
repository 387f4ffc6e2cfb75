import { describe, expect, it } from 'vitest';
import type { Deps } from '../deps.ts';
import { cachedDocument, forgetDocuments, statusListKey } from './document-cache.ts';

const depsA = {} as Deps;
const depsB = {} as Deps;

describe('the cache of public documents', () => {
  it('loads a document once while it is fresh, separately per process (Deps)', async () => {
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cachedDocument(depsA, 'k', load)).toEqual({ n: 1 });
    expect(await cachedDocument(depsA, 'k', load)).toEqual({ n: 1 });
    expect(await cachedDocument(depsB, 'k', load)).toEqual({ n: 2 });
  });

  it('forgets an issuer’s documents the moment this process changes them', async () => {
    let version = 1;
    const key = statusListKey('acme', 'revocation', 1);
    const load = async () => version;
    expect(await cachedDocument(depsA, key, load)).toBe(1);
    version = 2;
    expect(await cachedDocument(depsA, key, load)).toBe(1);
    forgetDocuments(depsA, 'issuer:acme:');
    expect(await cachedDocument(depsA, key, load)).toBe(2);
  });
});
