// An organization's first credential issued by several transactions at once (two servers, two engines):
// every one succeeds, under one signing key and one status list. On PostgreSQL the transactions really
// overlap (they wait for each other before issuing); PGlite's one connection runs them one after another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { verifyCredential } from '../../test/support/awards.ts';
import { issueCredentialIn } from './issue.ts';
import { signingIdentity } from './issuer-keys.ts';
import { anIssuerWithOwner, sampleIssueRequest } from './testing.ts';

const CONCURRENT = 8;

/** Resolves once `count` callers are waiting: every transaction holds its connection before any goes on. */
function meetingPoint(count: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived === count) open();
    return opened;
  };
}

describe("an organization's first signing key", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  /** CONCURRENT transactions that each issue a credential of the organization, overlapping on PostgreSQL. */
  function issueAtOnce(orgId: string, recipientPrefix: string) {
    const together = t.deps.config.database.kind === 'postgres' ? meetingPoint(CONCURRENT) : async () => {};
    const { validUntil: _omit, ...request } = sampleIssueRequest();
    return Promise.allSettled(
      Array.from({ length: CONCURRENT }, (_, i) =>
        t.deps.db.transaction().execute(async (trx) => {
          await trx.selectFrom('organizations').select('id').where('id', '=', orgId).execute();
          await together();
          return issueCredentialIn(t.deps, trx, orgId, {
            ...request,
            recipient: { email: `${recipientPrefix}${i}@example.org` },
          });
        }),
      ),
    );
  }

  it('is created once when many transactions issue its first credential at the same time', async () => {
    const issuer = await anIssuerWithOwner(t.app, t.deps);
    const results = await issueAtOnce(issuer.orgId, 'learner');

    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const keys = await t.deps.db
      .selectFrom('issuerKeys')
      .selectAll()
      .where('orgId', '=', issuer.orgId)
      .execute();
    expect(keys).toHaveLength(1);
    const lists = await t.deps.db
      .selectFrom('statusLists')
      .select('id')
      .where('orgId', '=', issuer.orgId)
      .execute();
    expect(lists).toHaveLength(1);
    for (const result of results) {
      if (result.status !== 'fulfilled') continue;
      expect((await verifyCredential(t.app, result.value.credential)).verified).toBe(true);
    }
  });

  it('opens one status list when many transactions issue at once for an issuer that has a key but no list', async () => {
    const issuer = await anIssuerWithOwner(t.app, t.deps);
    await signingIdentity(t.deps, t.deps.db, issuer.orgId);
    const results = await issueAtOnce(issuer.orgId, 'holder');

    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const lists = await t.deps.db
      .selectFrom('statusLists')
      .select('nextIndex')
      .where('orgId', '=', issuer.orgId)
      .execute();
    expect(lists).toEqual([{ nextIndex: CONCURRENT }]);
  });

  it('is the same key for every transaction that asks for the signing identity at once', async () => {
    const issuer = await anIssuerWithOwner(t.app, t.deps);
    const together = t.deps.config.database.kind === 'postgres' ? meetingPoint(CONCURRENT) : async () => {};

    const identities = await Promise.all(
      Array.from({ length: CONCURRENT }, () =>
        t.deps.db.transaction().execute(async (trx) => {
          await trx.selectFrom('organizations').select('id').where('id', '=', issuer.orgId).execute();
          await together();
          return signingIdentity(t.deps, trx, issuer.orgId);
        }),
      ),
    );

    expect(new Set(identities.map((identity) => identity.keyId)).size).toBe(1);
  });
});
