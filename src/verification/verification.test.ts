// What verification reports when it cannot reach what it needs: "could not check", never "passed".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import {
  buildOpenBadgeCredential,
  buildStatusEntry,
  didKeyVerificationMethodId,
  didWebId,
  Ed25519KeyPair,
  signCredential,
} from '../credentials/index.ts';
import { verifyPresentedCredential } from './index.ts';

const keyPair = Ed25519KeyPair.generate();
const didKey = `did:key:${keyPair.publicKeyMultibase}`;

function badge(issuerId: string, extra: { credentialStatus?: ReturnType<typeof buildStatusEntry> } = {}) {
  return buildOpenBadgeCredential({
    id: 'urn:uuid:6a1f0c7e-0b7e-4a43-9b3f-4a8e0e1c2d3f',
    issuer: { id: issuerId, name: 'Remote Academy' },
    name: 'Remote badge',
    recipient: { email: 'someone@example.org', salt: 'abc123' },
    achievement: {
      id: 'https://remote.example/achievements/1',
      name: 'Remote badge',
      description: 'Issued elsewhere.',
      criteria: { narrative: 'Done.' },
    },
    validFrom: '2026-01-01T00:00:00Z',
    ...extra,
  });
}

describe('verifying credentials of other issuers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: () => new Date('2026-06-01T00:00:00Z') });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports the signature as could-not-check when the issuer DID document is on a private address', async () => {
    const did = didWebId('127.0.0.1:9', ['issuers', 'remote']);
    const credential = await signCredential(badge(did), {
      keyPair,
      verificationMethod: `${did}#key-1`,
      created: '2026-01-01T00:00:00Z',
    });
    const result = await verifyPresentedCredential(t.deps, credential);
    expect(result.verified).toBe(false);
    const proof = result.checks.find((c) => c.code === 'proof' || c.code === 'issuer-key');
    expect(proof?.status).toBe('unchecked');
    expect(result.checks.some((c) => c.status === 'failed')).toBe(false);
  });

  it('never says "not revoked" when the status list cannot be fetched', async () => {
    const status = buildStatusEntry({
      listCredentialUrl: 'https://127.0.0.1:9/status/1',
      index: 7,
      purpose: 'revocation',
    });
    const credential = await signCredential(badge(didKey, { credentialStatus: status }), {
      keyPair,
      verificationMethod: didKeyVerificationMethodId(keyPair.publicKeyMultibase),
      created: '2026-01-01T00:00:00Z',
    });
    const result = await verifyPresentedCredential(t.deps, credential);
    expect(result.checks.find((c) => c.code === 'proof')?.status).toBe('passed');
    const statusCheck = result.checks.find((c) => c.code === 'status');
    expect(statusCheck?.status).toBe('unchecked');
    expect(statusCheck?.message).toMatch(/could not be fetched/);
    expect(result.verified).toBe(false);
  });
});

describe('the verification allow-list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { VERIFY_ALLOW_HOSTS: 'trusted.example' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses to fetch from hosts outside VERIFY_ALLOW_HOSTS, reporting could-not-check', async () => {
    const status = buildStatusEntry({
      listCredentialUrl: 'https://elsewhere.example/status/1',
      index: 7,
      purpose: 'revocation',
    });
    const credential = await signCredential(badge(didKey, { credentialStatus: status }), {
      keyPair,
      verificationMethod: didKeyVerificationMethodId(keyPair.publicKeyMultibase),
      created: '2026-01-01T00:00:00Z',
    });
    const statusCheck = (await verifyPresentedCredential(t.deps, credential)).checks.find(
      (c) => c.code === 'status',
    );
    expect(statusCheck?.status).toBe('unchecked');
    expect(statusCheck?.message).toMatch(/not (allowed|in the allow)|allow/i);
  });
});
