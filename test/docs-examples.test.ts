// docs/examples/ holds one real example of every format we emit (made by scripts/credential-examples.ts):
// each must still verify, so the documentation can never drift from the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DidDocument, readStatusValue, unbake, verifyCredential } from '../src/credentials/index.ts';

const example = (name: string) => readFileSync(new URL(`../docs/examples/${name}`, import.meta.url));
const didDocument = JSON.parse(example('did.json').toString()) as DidDocument;
const statusList = JSON.parse(example('status-list.json').toString());

const options = {
  now: new Date('2027-01-01T00:00:00Z'),
  resolveDid: async (id: string) => (id === didDocument.id ? didDocument : undefined),
  fetchStatusList: async (url: string) =>
    url === statusList.id
      ? { ok: true as const, credential: statusList }
      : { ok: false as const, reason: 'unknown list' },
  checkStatus: readStatusValue,
};

describe('the documented examples', () => {
  it.each([
    ['credential.json', () => JSON.parse(example('credential.json').toString())],
    ['credential.jwt', () => example('credential.jwt').toString().trim()],
    ['badge.png', () => JSON.parse(unbake(example('badge.png')).payload)],
    ['badge.svg', () => JSON.parse(unbake(example('badge.svg')).payload)],
    ['badge-jwt.svg', () => unbake(example('badge-jwt.svg')).payload],
  ])('%s verifies with every check passed', async (_name, load) => {
    const result = await verifyCredential(load(), options);
    expect(result.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('show a status list that is itself a valid signed credential of the issuer', async () => {
    const result = await verifyCredential(statusList, options);
    expect(result.checks.find((c) => c.code === 'proof')?.status).toBe('passed');
    expect(result.checks.find((c) => c.code === 'issuer-key')?.status).toBe('passed');
  });
});
