import { gzipSync } from 'node:zlib';
import {
  checkStatus,
  createCredential,
  createList,
  decodeList as referenceDecodeList,
} from '@digitalbazaar/vc-bitstring-status-list';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { staticDocumentLoader, VC_V2_CONTEXT } from '../contexts/index.ts';
import {
  Bitstring,
  buildStatusEntry,
  buildStatusListCredential,
  decodeList,
  encodeList,
  MIN_LIST_BITS,
  readStatus,
  readStatusValue,
  StatusListError,
} from './index.ts';

const LIST_URL = 'https://issuer.example/status/revocation/1';
const ISSUER = 'did:web:issuer.example';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof StatusListError ? error.code : `not a StatusListError: ${String(error)}`;
  }
  return undefined;
}

function listWith(setIndexes: number[], purpose: 'revocation' | 'suspension' = 'revocation') {
  const bits = new Bitstring();
  for (const index of setIndexes) bits.set(index, true);
  return buildStatusListCredential({
    id: LIST_URL,
    issuer: ISSUER,
    statusPurpose: purpose,
    encodedList: encodeList(bits),
    validFrom: new Date('2026-01-01T00:00:00.000Z'),
  });
}

const gzipBase64url = (bytes: Uint8Array) => `u${gzipSync(bytes).toString('base64url')}`;

describe('Bitstring', () => {
  it('has 131,072 bits by default, the spec minimum', () => {
    expect(new Bitstring().length).toBe(MIN_LIST_BITS);
    expect(new Bitstring().bytes.length).toBe(16_384);
  });

  it('puts bit 0 in the left-most (most significant) bit of byte 0', () => {
    const bits = new Bitstring();
    bits.set(0, true);
    bits.set(9, true);
    expect(bits.bytes[0]).toBe(0x80);
    expect(bits.bytes[1]).toBe(0x40);
  });

  it('clears a bit that was set without touching its neighbours', () => {
    const bits = new Bitstring();
    bits.set(3, true);
    bits.set(4, true);
    bits.set(3, false);
    expect([bits.get(3), bits.get(4)]).toEqual([false, true]);
  });

  it('refuses an index past the end of the list', () => {
    expect(codeOf(() => new Bitstring().get(MIN_LIST_BITS))).toBe('STATUS_INDEX_OUT_OF_RANGE');
  });

  it('refuses to create a list shorter than 16 KiB', () => {
    expect(codeOf(() => new Bitstring({ lengthBits: 8 * 1024 }))).toBe('STATUS_LIST_TOO_SHORT');
  });
});

describe('encodeList / decodeList', () => {
  it('writes multibase base64url without padding', () => {
    const encoded = encodeList(new Bitstring());
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
  });

  it('round-trips the bits that were set', () => {
    const bits = new Bitstring();
    bits.set(42, true);
    bits.set(MIN_LIST_BITS - 1, true);
    const decoded = decodeList(encodeList(bits));
    expect([decoded.get(41), decoded.get(42), decoded.get(MIN_LIST_BITS - 1)]).toEqual([false, true, true]);
  });

  it('refuses a multibase prefix other than u', () => {
    expect(codeOf(() => decodeList(`z${encodeList(new Bitstring()).slice(1)}`))).toBe('STATUS_LIST_ENCODING');
  });

  it('refuses characters outside the base64url alphabet', () => {
    expect(codeOf(() => decodeList(`${encodeList(new Bitstring())}+/=`))).toBe('STATUS_LIST_ENCODING');
  });

  it('refuses data that is not GZIP', () => {
    expect(codeOf(() => decodeList(`u${Buffer.from('not gzip at all').toString('base64url')}`))).toBe(
      'STATUS_LIST_ENCODING',
    );
  });

  it('refuses a list shorter than 16 KiB once decompressed', () => {
    expect(codeOf(() => decodeList(gzipBase64url(new Uint8Array(1024))))).toBe('STATUS_LIST_TOO_SHORT');
  });

  it('stops decompressing a GZIP bomb at maxBytes', () => {
    const bomb = gzipBase64url(new Uint8Array(8 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(20_000);
    expect(codeOf(() => decodeList(bomb, { maxBytes: 1024 * 1024 }))).toBe('STATUS_LIST_TOO_LARGE');
  });
});

describe('interoperability with @digitalbazaar/vc-bitstring-status-list', () => {
  it('reads a list we encode at the same indexes', async () => {
    const bits = new Bitstring();
    bits.set(7, true);
    bits.set(100_000, true);
    const theirs = await referenceDecodeList({ encodedList: encodeList(bits) });
    expect([theirs.getStatus(6), theirs.getStatus(7), theirs.getStatus(100_000)]).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('writes lists we read at the same indexes', async () => {
    const theirs = await createList({ length: MIN_LIST_BITS });
    theirs.setStatus(1, true);
    theirs.setStatus(65_537, true);
    const ours = decodeList(await theirs.encode());
    expect([ours.get(0), ours.get(1), ours.get(65_537)]).toEqual([false, true, true]);
  });

  it('finds the bit of an entry we built in a list credential we built (checkStatus)', async () => {
    const listCredential = listWith([5]);
    const credentialFor = (index: number) => ({
      '@context': [VC_V2_CONTEXT],
      type: ['VerifiableCredential'],
      issuer: ISSUER,
      credentialSubject: { id: 'did:example:learner' },
      credentialStatus: buildStatusEntry({ listCredentialUrl: LIST_URL, index, purpose: 'revocation' }),
    });
    const documentLoader = async (url: string) => {
      if (url !== LIST_URL) throw new Error(`unexpected fetch of ${url}`);
      return { document: listCredential };
    };
    const check = (index: number) =>
      checkStatus({
        credential: credentialFor(index),
        documentLoader,
        verifyBitstringStatusListCredential: false,
      });
    const [revoked, valid] = await Promise.all([check(5), check(6)]);
    expect(revoked.verified).toBe(true);
    expect(revoked.results?.[0]?.status).toBe(true);
    expect(valid.results?.[0]?.status).toBe(false);
  });
});

describe('interoperability: reading the reference library credential', () => {
  it('reads the bit of a list credential the reference library built', async () => {
    const list = await createList({ length: MIN_LIST_BITS });
    list.setStatus(77, true);
    const theirs = await createCredential({ id: LIST_URL, list, statusPurpose: 'suspension' });
    const entry = (index: number) =>
      buildStatusEntry({ listCredentialUrl: LIST_URL, index, purpose: 'suspension' });
    expect([readStatus(entry(76), theirs).status, readStatus(entry(77), theirs).status]).toEqual([
      'unset',
      'set',
    ]);
  });
});

describe('buildStatusListCredential', () => {
  it('builds an unsigned BitstringStatusListCredential with the VC 2.0 context only', () => {
    const credential = listWith([]);
    expect(credential['@context']).toEqual([VC_V2_CONTEXT]);
    expect(credential.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(credential.validFrom).toBe('2026-01-01T00:00:00Z');
    expect(credential.credentialSubject).toMatchObject({
      id: `${LIST_URL}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
    });
    expect(credential).not.toHaveProperty('proof');
  });

  it('includes validUntil only when given', () => {
    const bits = encodeList(new Bitstring());
    const base = { id: LIST_URL, issuer: ISSUER, statusPurpose: 'suspension', encodedList: bits } as const;
    expect(buildStatusListCredential({ ...base, validFrom: '2026-01-01T00:00:00Z' })).not.toHaveProperty(
      'validUntil',
    );
    expect(
      buildStatusListCredential({
        ...base,
        validFrom: '2026-01-01T00:00:00Z',
        validUntil: '2026-01-02T00:00:00Z',
      }).validUntil,
    ).toBe('2026-01-02T00:00:00Z');
  });

  it('defines every term in JSON-LD safe mode', async () => {
    const expanded = await jsonld.expand(
      listWith([1]) as unknown as jsonld.JsonLdDocument,
      {
        documentLoader: staticDocumentLoader as never,
        safe: true,
      } as jsonld.Options.Expand,
    );
    expect(JSON.stringify(expanded)).toContain('https://www.w3.org/ns/credentials/status#encodedList');
  });

  it('refuses an encodedList that does not decode', () => {
    expect(
      codeOf(() =>
        buildStatusListCredential({
          id: LIST_URL,
          issuer: ISSUER,
          statusPurpose: 'revocation',
          encodedList: 'uAAAA',
          validFrom: '2026-01-01T00:00:00Z',
        }),
      ),
    ).toBe('STATUS_LIST_ENCODING');
  });
});

describe('buildStatusEntry', () => {
  it('builds a BitstringStatusListEntry with the index as a decimal string', () => {
    expect(buildStatusEntry({ listCredentialUrl: LIST_URL, index: 94_567, purpose: 'suspension' })).toEqual({
      id: `${LIST_URL}#94567`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'suspension',
      statusListIndex: '94567',
      statusListCredential: LIST_URL,
    });
  });

  it('refuses a negative index', () => {
    expect(
      codeOf(() => buildStatusEntry({ listCredentialUrl: LIST_URL, index: -1, purpose: 'revocation' })),
    ).toBe('STATUS_INDEX_OUT_OF_RANGE');
  });
});

describe('readStatus', () => {
  const entry = (index: number, purpose: 'revocation' | 'suspension' = 'revocation') =>
    buildStatusEntry({ listCredentialUrl: LIST_URL, index, purpose });

  it('reports set for an index whose bit is 1', () => {
    expect(readStatus(entry(12), listWith([12]))).toEqual({
      status: 'set',
      purpose: 'revocation',
      index: 12,
    });
  });

  it('reports unset for an index whose bit is 0', () => {
    expect(readStatus(entry(13), listWith([12])).status).toBe('unset');
  });

  it('refuses an entry whose purpose is not the list purpose', () => {
    expect(codeOf(() => readStatus(entry(12, 'suspension'), listWith([12])))).toBe('STATUS_PURPOSE_MISMATCH');
  });

  it('refuses an index beyond the end of the list', () => {
    expect(codeOf(() => readStatus(entry(MIN_LIST_BITS), listWith([])))).toBe('STATUS_INDEX_OUT_OF_RANGE');
  });

  it('refuses an entry of another type', () => {
    expect(codeOf(() => readStatus({ ...entry(1), type: 'StatusList2021Entry' }, listWith([])))).toBe(
      'STATUS_ENTRY_INVALID',
    );
  });

  it('refuses a statusListIndex that is not a plain decimal integer', () => {
    expect(codeOf(() => readStatus({ ...entry(1), statusListIndex: '1e3' }, listWith([])))).toBe(
      'STATUS_ENTRY_INVALID',
    );
  });

  it('refuses a list credential that is not a BitstringStatusListCredential', () => {
    const list = { ...listWith([]), type: ['VerifiableCredential'] };
    expect(codeOf(() => readStatus(entry(1), list))).toBe('STATUS_LIST_CREDENTIAL_INVALID');
  });

  it('refuses a list credential other than the one the entry names', () => {
    const list = { ...listWith([]), id: 'https://issuer.example/status/revocation/2' };
    expect(codeOf(() => readStatus(entry(1), list))).toBe('STATUS_LIST_MISMATCH');
  });

  it('refuses a list past its validUntil when given now', () => {
    const list = { ...listWith([]), validUntil: '2026-02-01T00:00:00Z' };
    expect(readStatus(entry(1), list, { now: new Date('2026-01-15T00:00:00Z') }).status).toBe('unset');
    expect(codeOf(() => readStatus(entry(1), list, { now: new Date('2026-03-01T00:00:00Z') }))).toBe(
      'STATUS_LIST_EXPIRED',
    );
  });
});

describe('readStatusValue', () => {
  const entry = (index: number, purpose: 'revocation' | 'suspension') =>
    buildStatusEntry({ listCredentialUrl: LIST_URL, index, purpose });

  it('answers active for an unset bit', () => {
    expect(readStatusValue(entry(1, 'revocation'), listWith([2]))).toBe('active');
  });

  it('answers revoked for a set bit in a revocation list', () => {
    expect(readStatusValue(entry(2, 'revocation'), listWith([2]))).toBe('revoked');
  });

  it('answers suspended for a set bit in a suspension list', () => {
    expect(readStatusValue(entry(2, 'suspension'), listWith([2], 'suspension'))).toBe('suspended');
  });
});
