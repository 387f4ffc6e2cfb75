import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { verifyCredential } from '../../test/support/awards.ts';
import { issueCredentialsBatch } from './issue-batch.ts';
import { signingWorkerIsRunning } from './signing-pool.ts';
import { anIssuerWithOwner, sampleIssueRequest, type TestIssuer } from './testing.ts';

describe('issuing credentials in a batch', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
  });
  afterAll(() => t?.close());

  const request = (email: string) => {
    const { validUntil: _omit, ...sample } = sampleIssueRequest(email);
    return sample;
  };

  it('takes the last indexes of a full list, opens the next list, and every credential verifies', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/credentials`,
      headers: issuer.owner.headers,
      payload: sampleIssueRequest(),
    });
    expect(first.statusCode, first.body).toBe(201);
    const [list] = await t.deps.db
      .selectFrom('statusLists')
      .selectAll()
      .where('orgId', '=', issuer.orgId)
      .execute();
    if (!list) throw new Error('no status list');
    await t.deps.db
      .updateTable('statusLists')
      .set({ nextIndex: list.size - 3 })
      .where('id', '=', list.id)
      .execute();

    const rows = await t.deps.db.transaction().execute((trx) =>
      issueCredentialsBatch(
        t.deps,
        trx,
        issuer.orgId,
        ['a', 'b', 'c', 'd', 'e'].map((n) => request(`${n}@example.org`)),
      ),
    );
    const lists = await t.deps.db
      .selectFrom('statusLists')
      .select(['id', 'listNumber', 'nextIndex', 'size'])
      .where('orgId', '=', issuer.orgId)
      .orderBy('listNumber')
      .execute();
    expect(lists.map((l) => [l.listNumber, l.nextIndex])).toEqual([
      [1, list.size],
      [2, 2],
    ]);
    expect(rows.map((r) => [r.statusListId === list.id ? 1 : 2, r.statusIndex])).toEqual([
      [1, list.size - 3],
      [1, list.size - 2],
      [1, list.size - 1],
      [2, 0],
      [2, 1],
    ]);
    const stored = await t.deps.db
      .selectFrom('issuedCredentials')
      .select(['id', 'credential'])
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    expect(stored).toHaveLength(5);
    for (const { credential } of stored)
      expect((await verifyCredential(t.app, credential)).verified).toBe(true);
  });

  it('signs a batch in the signing worker thread, with ids chosen by the caller, and every credential verifies', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const rows = await t.deps.db.transaction().execute((trx) =>
      issueCredentialsBatch(
        t.deps,
        trx,
        issuer.orgId,
        ['w1', 'w2', 'w3'].map((n) => request(`${n}@example.org`)),
        { ids, signInWorker: true },
      ),
    );
    expect(signingWorkerIsRunning()).toBe(true);
    expect(rows.map((r) => r.id)).toEqual(ids);
    const stored = await t.deps.db
      .selectFrom('issuedCredentials')
      .select(['id', 'credential', 'recipientEmail'])
      .where('id', 'in', ids)
      .execute();
    expect(stored.map((s) => s.recipientEmail).sort()).toEqual([
      'w1@example.org',
      'w2@example.org',
      'w3@example.org',
    ]);
    for (const { credential } of stored)
      expect((await verifyCredential(t.app, credential)).verified).toBe(true);
  });

  it('issues nothing for an empty batch', async () => {
    expect(
      await t.deps.db.transaction().execute((trx) => issueCredentialsBatch(t.deps, trx, issuer.orgId, [])),
    ).toEqual([]);
  });
});
