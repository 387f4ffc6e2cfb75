import { describe, expect, it } from 'vitest';
import { signCredential } from '../proof/dataIntegrity.ts';
import { buildBadge, didKeyIssuer, NOW, resolverFor, type TestIssuer } from '../testing/fixtures.ts';
import type { CredentialStatusValue, VerifyOptions } from './types.ts';
import { verifyCredential } from './verifyCredential.ts';

const issuer = didKeyIssuer();
const LIST_URL = 'https://badges.example.org/status/1';
const entry = {
  id: `${LIST_URL}#94567`,
  type: 'BitstringStatusListEntry',
  statusPurpose: 'revocation',
  statusListIndex: '94567',
  statusListCredential: LIST_URL,
};

const sign = (document: object, by: TestIssuer) =>
  signCredential(document, {
    keyPair: by.keyPair,
    verificationMethod: by.verificationMethod,
    created: '2026-05-01T00:00:00Z',
  });

/** A BitstringStatusListCredential (https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistcredential). */
const statusList = async (by: TestIssuer, validUntil?: string): Promise<Record<string, unknown>> =>
  sign(
    {
      ...(validUntil && { validUntil }),
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: LIST_URL,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: by.id,
      validFrom: '2026-05-01T00:00:00Z',
      credentialSubject: {
        id: `${LIST_URL}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA',
      },
    },
    by,
  );

const withStatus = () => sign(buildBadge(issuer, { credentialStatus: entry }), issuer);

function options(
  list: object | Error,
  answer: CredentialStatusValue = 'active',
): VerifyOptions & { seen: object[] } {
  const seen: object[] = [];
  return {
    now: NOW,
    resolveDid: resolverFor(),
    seen,
    fetchStatusList: async (url) => {
      if (list instanceof Error) return { ok: false, reason: list.message };
      expect(url).toBe(LIST_URL);
      return { ok: true, credential: list as Record<string, unknown> };
    },
    checkStatus: (statusEntry, listCredential) => {
      seen.push(statusEntry, listCredential);
      return answer;
    },
  };
}

const statusCheck = async (credential: object, opts: VerifyOptions) => {
  const result = await verifyCredential(credential, opts);
  return { result, status: result.checks.find((item) => item.code === 'status')! };
};

describe('the status check', () => {
  it('passes when the issuer’s status list says the credential is active, handing the entry and list to checkStatus', async () => {
    const list = await statusList(issuer);
    const opts = options(list);
    const { result, status } = await statusCheck(await withStatus(), opts);
    expect(status).toMatchObject({ status: 'passed', message: 'Not revoked, per the issuer’s status list.' });
    expect(result.verified).toBe(true);
    expect(opts.seen).toEqual([entry, list]);
  });

  it.each(['revoked', 'suspended'] as const)(
    'fails when the status list says the credential is %s',
    async (answer) => {
      const { result, status } = await statusCheck(
        await withStatus(),
        options(await statusList(issuer), answer),
      );
      expect(status).toMatchObject({
        status: 'failed',
        message: `The issuer has ${answer} this credential.`,
      });
      expect(result.verified).toBe(false);
    },
  );

  it('is unchecked, never passed, when the status list cannot be fetched', async () => {
    const { result, status } = await statusCheck(await withStatus(), options(new Error('HTTP 503')));
    expect(status.status).toBe('unchecked');
    expect(status.message).toMatch(/could not be fetched \(HTTP 503\)/);
    expect(result.verified).toBe(false);
  });

  it('is unchecked when the caller gave no status list fetcher', async () => {
    const { result, status } = await statusCheck(await withStatus(), { now: NOW, resolveDid: resolverFor() });
    expect(status.status).toBe('unchecked');
    expect(result.verified).toBe(false);
  });

  it('is unchecked when the fetched list was issued by someone else', async () => {
    const { status } = await statusCheck(await withStatus(), options(await statusList(didKeyIssuer())));
    expect(status).toMatchObject({
      status: 'unchecked',
      message: expect.stringMatching(/not issued by the credential’s issuer/),
    });
  });

  it('is unchecked when the fetched list’s signature does not hold', async () => {
    const list = await statusList(issuer);
    const forged = {
      ...list,
      credentialSubject: { ...(list.credentialSubject as object), encodedList: 'uH4sIAAAAAAAAA-forged' },
    };
    const { status } = await statusCheck(await withStatus(), options(forged));
    expect(status).toMatchObject({
      status: 'unchecked',
      message: expect.stringMatching(/signature could not be confirmed/),
    });
  });

  it('is unchecked when the fetched list has expired, since it may predate a revocation', async () => {
    const { status } = await statusCheck(
      await withStatus(),
      options(await statusList(issuer, '2026-05-15T00:00:00Z')),
    );
    expect(status).toMatchObject({
      status: 'unchecked',
      message: expect.stringMatching(/not current: The credential expired/),
    });
  });

  it('is unchecked for status types Tessera does not read', async () => {
    const entry = { id: 'https://example.edu/status/1#9', type: 'https://example.edu/vocab#PaperRegister' };
    const credential = await sign(buildBadge(issuer, { credentialStatus: entry }), issuer);
    const { status } = await statusCheck(credential, options(await statusList(issuer)));
    expect(status).toMatchObject({
      status: 'unchecked',
      message: expect.stringMatching(/PaperRegister/),
    });
  });

  it('fails, as one check with a plain message, when credentialStatus is an empty list', async () => {
    const credential = await sign({ ...buildBadge(issuer), credentialStatus: [] }, issuer);
    const { result, status } = await statusCheck(credential, options(new Error('must not be fetched')));
    expect(status).toEqual({
      code: 'status',
      status: 'failed',
      message: 'The credential’s credentialStatus is an empty list: it names no status entry.',
    });
    expect(result.checks.every((item) => typeof item?.message === 'string')).toBe(true);
  });

  it('is unchecked, saying so in words, when a status entry names no type', async () => {
    const credential = await sign({ ...buildBadge(issuer), credentialStatus: { id: LIST_URL } }, issuer);
    const { status } = await statusCheck(credential, options(await statusList(issuer)));
    expect(status).toMatchObject({
      status: 'unchecked',
      message: expect.stringMatching(/does not say its type/),
    });
    expect(status.message).not.toMatch(/undefined/);
  });

  it('is unchecked when the fetched list is larger than any list Tessera reads', async () => {
    const list = await statusList(issuer);
    const padded = { ...list, evidence: Array(2000).fill('x') };
    const { status } = await statusCheck(await withStatus(), options(padded));
    expect(status).toMatchObject({
      status: 'unchecked',
      message: expect.stringMatching(
        /^The status list is not one Tessera reads: The document has a list of 2,000 items/,
      ),
    });
  });

  it('passes with "no status to check" when the credential has no credentialStatus', async () => {
    const credential = await sign(buildBadge(issuer), issuer);
    const { status } = await statusCheck(credential, options(new Error('must not be fetched')));
    expect(status).toMatchObject({
      status: 'passed',
      message: 'The credential has no status to check: it cannot be revoked.',
    });
  });
});
