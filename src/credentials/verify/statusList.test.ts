// End to end with the status-list module: a real Bitstring Status List, signed by the issuer,
// read by readStatusValue as verifyCredential's checkStatus.
import { describe, expect, it } from 'vitest';
import { signCredential } from '../proof/dataIntegrity.ts';
import {
  Bitstring,
  buildStatusEntry,
  buildStatusListCredential,
  encodeList,
  readStatusValue,
  type StatusPurpose,
} from '../status-list/index.ts';
import { buildBadge, didKeyIssuer, NOW, resolverFor } from '../testing/fixtures.ts';
import { verifyCredential } from './verifyCredential.ts';

const issuer = didKeyIssuer();
const LIST_URL = 'https://badges.example.org/status/7';
const INDEX = 4242;

async function verifyWithList(purpose: StatusPurpose, setBit: boolean) {
  const bits = new Bitstring();
  if (setBit) bits.set(INDEX, true);
  const list = buildStatusListCredential({
    id: LIST_URL,
    issuer: issuer.id,
    statusPurpose: purpose,
    encodedList: encodeList(bits),
    validFrom: '2026-05-01T00:00:00Z',
  });
  const sign = (document: object) =>
    signCredential(document, {
      keyPair: issuer.keyPair,
      verificationMethod: issuer.verificationMethod,
      created: NOW,
    });
  const signedList = (await sign(list)) as Record<string, unknown>;
  const entry = buildStatusEntry({ listCredentialUrl: LIST_URL, index: INDEX, purpose });
  const credential = await sign(buildBadge(issuer, { credentialStatus: entry }));
  return verifyCredential(credential, {
    now: NOW,
    resolveDid: resolverFor(),
    fetchStatusList: async (url) =>
      url === LIST_URL ? { ok: true, credential: signedList } : { ok: false, reason: 'HTTP 404' },
    checkStatus: readStatusValue,
  });
}

const statusCheck = (result: Awaited<ReturnType<typeof verifyWithList>>) =>
  result.checks.find((item) => item.code === 'status');

describe('verifyCredential with a Bitstring Status List', () => {
  it('verifies a credential whose revocation bit is not set', async () => {
    const result = await verifyWithList('revocation', false);
    expect(statusCheck(result)?.status).toBe('passed');
    expect(result.verified).toBe(true);
  });

  it('fails a credential whose revocation bit is set', async () => {
    const result = await verifyWithList('revocation', true);
    expect(statusCheck(result)).toMatchObject({
      status: 'failed',
      message: 'The issuer has revoked this credential.',
    });
    expect(result.verified).toBe(false);
  });

  it('fails a credential whose suspension bit is set', async () => {
    const result = await verifyWithList('suspension', true);
    expect(statusCheck(result)).toMatchObject({
      status: 'failed',
      message: 'The issuer has suspended this credential.',
    });
  });
});
