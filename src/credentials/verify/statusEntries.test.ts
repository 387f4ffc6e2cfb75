// A credential with two Bitstring Status List entries (revocation and suspension): both are read, with the
// status-list module's own reader, from lists signed by the issuer; the worse answer decides.
import { describe, expect, it } from 'vitest';
import { signCredential } from '../proof/dataIntegrity.ts';
import { Bitstring, encodeList } from '../status-list/bitstring.ts';
import { buildStatusEntry, buildStatusListCredential, readStatusValue } from '../status-list/credential.ts';
import { didKeyIssuer, NOW, resolverFor } from '../testing/fixtures.ts';
import { plainCredential, referenceSign } from './testing.ts';
import type { VerifyOptions } from './types.ts';
import { verifyCredential } from './verifyCredential.ts';

type Json = Record<string, unknown>;
const issuer = didKeyIssuer();
const BASE = 'https://issuer.example/status';
const INDEX = 41;

async function signedList(purpose: 'revocation' | 'suspension', set: boolean): Promise<Json> {
  const bits = new Bitstring();
  if (set) bits.set(INDEX, true);
  const list = buildStatusListCredential({
    id: `${BASE}/${purpose}`,
    issuer: issuer.id,
    statusPurpose: purpose,
    encodedList: encodeList(bits),
    validFrom: '2026-01-01T00:00:00Z',
  });
  return (await signCredential(list, {
    keyPair: issuer.keyPair,
    verificationMethod: issuer.verificationMethod,
    created: '2026-01-01T00:00:00Z',
  })) as unknown as Json;
}

const withTwoEntries = () =>
  referenceSign(
    plainCredential(issuer.id, {
      credentialStatus: [
        buildStatusEntry({ listCredentialUrl: `${BASE}/revocation`, index: INDEX, purpose: 'revocation' }),
        buildStatusEntry({ listCredentialUrl: `${BASE}/suspension`, index: INDEX, purpose: 'suspension' }),
      ],
    }),
    issuer,
  );

function options(lists: Record<string, Json>): VerifyOptions & { fetched: string[] } {
  const fetched: string[] = [];
  return {
    now: NOW,
    resolveDid: resolverFor(),
    fetched,
    fetchStatusList: async (url) => {
      fetched.push(url);
      const list = lists[url];
      return list ? { ok: true, credential: list } : { ok: false, reason: 'HTTP 404' };
    },
    checkStatus: (entry, list) => readStatusValue(entry, list, { now: NOW }),
  };
}

describe('a credential with a revocation and a suspension entry', () => {
  it('checks both lists and passes, saying neither revoked nor suspended, when no bit is set', async () => {
    const opts = options({
      [`${BASE}/revocation`]: await signedList('revocation', false),
      [`${BASE}/suspension`]: await signedList('suspension', false),
    });
    const result = await verifyCredential(await withTwoEntries(), opts);
    expect(opts.fetched.sort()).toEqual([`${BASE}/revocation`, `${BASE}/suspension`]);
    expect(result.checks.find((c) => c.code === 'status')).toMatchObject({
      status: 'passed',
      message: expect.stringMatching(/Not revoked.*Not suspended/),
    });
  });

  it('fails as suspended when only the suspension bit is set', async () => {
    const opts = options({
      [`${BASE}/revocation`]: await signedList('revocation', false),
      [`${BASE}/suspension`]: await signedList('suspension', true),
    });
    const result = await verifyCredential(await withTwoEntries(), opts);
    expect(result.verified).toBe(false);
    expect(result.checks.find((c) => c.code === 'status')?.message).toMatch(/suspended/);
  });

  it('could not check when one of the two lists is out of reach', async () => {
    const opts = options({ [`${BASE}/revocation`]: await signedList('revocation', false) });
    const result = await verifyCredential(await withTwoEntries(), opts);
    expect(result.checks.find((c) => c.code === 'status')?.status).toBe('unchecked');
  });
});
