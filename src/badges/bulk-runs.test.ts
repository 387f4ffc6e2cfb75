import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import {
  aOneLessonCourse,
  claimTokenIn,
  issuedCredentialOf,
  verifyCredential,
} from '../../test/support/awards.ts';
import { validateOpenBadgeCredential } from '../credentials/index.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { dropAbandonedDryRuns, resumeStalledBulkRuns } from './bulk-job.ts';
import { previewBulkRun, processBulkRun } from './bulk-runs.ts';
import { aPublishedBadge } from './testing.ts';

describe('bulk awards from a CSV file', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
  });
  afterAll(() => t?.close());

  const aBadge = async () =>
    (await aPublishedBadge(t.app, issuer, { courseIds: [await aOneLessonCourse(t.app, issuer)] })).id;
  const base = () => `/api/v1/orgs/${issuer.orgId}`;
  const upload = (badgeId: string, csv: string, headers: Record<string, string> = issuer.owner.headers) =>
    t.app.inject({
      method: 'POST',
      url: `${base()}/badges/${badgeId}/bulk-awards?fileName=cohort.csv`,
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: csv,
    });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: issuer.owner.headers });
  const post = (url: string) => t.app.inject({ method: 'POST', url, headers: issuer.owner.headers });
  const recipients = (n: number, prefix = 'p') =>
    `email,name\n${Array.from({ length: n }, (_, i) => `${prefix}${i}@example.org,Person ${i}`).join('\n')}\n`;

  /** Awards, credentials, claims and mails of a badge: each must equal the number of recipients. */
  async function countsOf(badgeId: string) {
    const awards = await t.deps.db.selectFrom('awards').selectAll().where('badgeId', '=', badgeId).execute();
    const ids = awards.map((a) => a.id);
    const credentialIds = awards.flatMap((a) => (a.credentialId ? [a.credentialId] : []));
    const count = async (query: Promise<{ n: number | string }>) => Number((await query).n);
    return {
      awards: awards.length,
      distinctEmails: new Set(awards.map((a) => a.recipientEmail)).size,
      credentials: ids.length
        ? await count(
            t.deps.db
              .selectFrom('issuedCredentials')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('id', 'in', credentialIds.length ? credentialIds : [randomUUID()])
              .executeTakeFirstOrThrow(),
          )
        : 0,
      claims: ids.length
        ? await count(
            t.deps.db
              .selectFrom('awardClaims')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('awardId', 'in', ids)
              .executeTakeFirstOrThrow(),
          )
        : 0,
      mails: ids.length
        ? await count(
            t.deps.db
              .selectFrom('mailMessages')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where(
                'idempotencyKey',
                'in',
                ids.map((id) => `badge-awarded:${id}`),
              )
              .executeTakeFirstOrThrow(),
          )
        : 0,
    };
  }

  it('previews a file: counts, the first problems, rows by status, and nothing awarded yet', async () => {
    const badgeId = await aBadge();
    const csv = [
      '\uFEFFEmail,Name,Evidence_URL,Issue_Date',
      'ana@example.org,Ana,https://portfolio.example.org/ana,2025-06-30',
      'not-an-email,Bad,,',
      '"bo@example.org","Bo, Jr.",,',
      'ANA@example.org,Ana again,,',
      'cy@example.org,Cy,http://plain.example.org,2999-01-01',
      '',
    ].join('\r\n');
    const response = await upload(badgeId, csv);
    expect(response.statusCode, response.body).toBe(201);
    const run = response.json();
    expect(run).toMatchObject({
      state: 'previewed',
      fileName: 'cohort.csv',
      totalRows: 5,
      validRows: 2,
      invalidRows: 3,
      skippedRows: 0,
      awardedRows: 0,
      pendingRows: 2,
    });
    expect(run.sampleProblems.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([2, 4, 5]);
    expect(run.sampleProblems[1].problems).toEqual([
      { column: 'email', message: 'repeats row 1', code: 'repeats-row', params: { row: 1 } },
    ]);
    expect(run.sampleProblems[2].problems.map((p: { column: string }) => p.column)).toEqual([
      'evidence_url',
      'issue_date',
    ]);
    const pending = await get(`${base()}/bulk-awards/${run.id}/rows?status=pending`);
    expect(pending.json()).toMatchObject({
      total: 2,
      items: [{ email: 'ana@example.org' }, { name: 'Bo, Jr.' }],
    });
    expect((await countsOf(badgeId)).awards).toBe(0);
  });

  it('accepts the file as a multipart upload in a field named "file"', async () => {
    const badgeId = await aBadge();
    const boundary = 'tessera-boundary';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="team.csv"',
      'Content-Type: text/csv',
      '',
      recipients(3).trim(),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const response = await t.app.inject({
      method: 'POST',
      url: `${base()}/badges/${badgeId}/bulk-awards`,
      headers: { ...issuer.owner.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ fileName: 'team.csv', totalRows: 3, validRows: 3 });
  });

  it('refuses files with unknown columns, no rows, or no content, keeping nothing', async () => {
    const badgeId = await aBadge();
    const unknown = await upload(badgeId, 'email,grade\nana@example.org,A\n');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ type: '/problems/bulk-file-refused' });
    expect(unknown.json().detail).toContain('"grade"');
    expect((await upload(badgeId, 'email,name\n')).json().detail).toMatch(/no recipients/);
    expect((await upload(badgeId, '')).statusCode).toBe(422);
    const runs = await get(`${base()}/bulk-awards?badgeId=${badgeId}`);
    expect(runs.json().items).toEqual([]);
  });

  it('refuses a file over the row limit after reading it, and deletes the rows it had stored', async () => {
    const badgeId = await aBadge();
    const preview = previewBulkRun(t.deps, {
      orgId: issuer.orgId,
      badgeId,
      createdBy: null,
      fileName: 'big.csv',
      source: [recipients(2500)],
      maxRows: 2400,
    });
    await expect(preview).rejects.toThrow(/more than 2,400 rows/);
    const left = await t.deps.db
      .selectFrom('bulkAwardRuns')
      .select('id')
      .where('badgeId', '=', badgeId)
      .execute();
    expect(left).toEqual([]);
  });

  it('answers 404 to a member of another organization, before reading the file', async () => {
    const badgeId = await aBadge();
    const stranger = await aLoggedInUser(t.app, t.deps);
    const response = await upload(badgeId, recipients(1), stranger.headers);
    expect(response.statusCode).toBe(404);
  });

  it('awards every valid row once, even when started twice, with a verifiable credential and a claim link', async () => {
    const badgeId = await aBadge();
    const run = (await upload(badgeId, recipients(7))).json();
    const first = await post(`${base()}/bulk-awards/${run.id}/start`);
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json().state).toBe('running');
    expect((await post(`${base()}/bulk-awards/${run.id}/start`)).statusCode).toBe(202);
    const outcomes = await Promise.all([
      processBulkRun(t.deps, run.id, { batchSize: 3 }),
      processBulkRun(t.deps, run.id, { batchSize: 3 }),
    ]);
    expect(outcomes.sort()).toEqual(['busy', 'done']);
    expect(await processBulkRun(t.deps, run.id)).toBe('not-running');
    const done = (await get(`${base()}/bulk-awards/${run.id}`)).json();
    expect(done).toMatchObject({
      state: 'done',
      awardedRows: 7,
      skippedRows: 0,
      pendingRows: 0,
      progress: 1,
    });
    expect(await countsOf(badgeId)).toEqual({
      awards: 7,
      distinctEmails: 7,
      credentials: 7,
      claims: 7,
      mails: 7,
    });

    const award = await t.deps.db
      .selectFrom('awards')
      .selectAll()
      .where('badgeId', '=', badgeId)
      .where('recipientEmail', '=', 'p3@example.org')
      .executeTakeFirstOrThrow();
    expect(award).toMatchObject({
      source: 'bulk',
      state: 'offered',
      bulkRunId: run.id,
      recipientName: 'Person 3',
    });
    const credential = await issuedCredentialOf(t.deps, award.credentialId);
    expect((await verifyCredential(t.app, credential.credential)).verified).toBe(true);
    const mail = await t.deps.db
      .selectFrom('mailMessages')
      .selectAll()
      .where('idempotencyKey', '=', `badge-awarded:${award.id}`)
      .executeTakeFirstOrThrow();
    const claim = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claimTokenIn(mail.textBody)}` });
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json().state).toBe('open');
  });

  it('puts the narrative and evidence columns of each row into its credential as evidence entries', async () => {
    const badgeId = await aBadge();
    const csv =
      'email,evidence_url,evidence_narrative,narrative\n' +
      'ann@example.org,https://example.org/ann,Her migration plan.,Led the payroll migration.\n' +
      'bob@example.org,,,\n';
    const run = (await upload(badgeId, csv)).json();
    expect((await post(`${base()}/bulk-awards/${run.id}/start`)).statusCode).toBe(202);
    expect(await processBulkRun(t.deps, run.id)).toBe('done');
    const credentialOf = async (email: string) => {
      const award = await t.deps.db
        .selectFrom('awards')
        .selectAll()
        .where('badgeId', '=', badgeId)
        .where('recipientEmail', '=', email)
        .executeTakeFirstOrThrow();
      expect(award.narrative).toBe(email === 'ann@example.org' ? 'Led the payroll migration.' : null);
      return (await issuedCredentialOf(t.deps, award.credentialId)).credential;
    };
    const ann = await credentialOf('ann@example.org');
    expect(ann.evidence).toEqual([
      {
        id: 'https://example.org/ann',
        type: ['Evidence'],
        name: 'Evidence',
        narrative: 'Her migration plan.',
      },
      { type: ['Evidence'], name: 'Why this badge was awarded', narrative: 'Led the payroll migration.' },
    ]);
    expect(validateOpenBadgeCredential(ann)).toEqual({ valid: true, errors: [] });
    expect((await verifyCredential(t.app, ann)).verified).toBe(true);
    expect((await credentialOf('bob@example.org')).evidence).toBeUndefined();
  });

  it('skips recipients who already hold the badge, at the preview and when a later run gets there first', async () => {
    const badgeId = await aBadge();
    const earlier = (await upload(badgeId, recipients(2, 'held'))).json();
    const later = (await upload(badgeId, recipients(3, 'held'))).json();
    expect(later.skippedRows).toBe(0);
    await post(`${base()}/bulk-awards/${earlier.id}/start`);
    await processBulkRun(t.deps, earlier.id);
    const third = (await upload(badgeId, recipients(3, 'held'))).json();
    expect(third).toMatchObject({ validRows: 3, skippedRows: 2, pendingRows: 1 });
    await post(`${base()}/bulk-awards/${later.id}/start`);
    await processBulkRun(t.deps, later.id);
    expect((await get(`${base()}/bulk-awards/${later.id}`)).json()).toMatchObject({
      state: 'done',
      awardedRows: 1,
      skippedRows: 2,
    });
    expect((await countsOf(badgeId)).awards).toBe(3);
  });

  it('resumes a run killed mid-way with no duplicate and no missing award, credential, claim or mail', async () => {
    const badgeId = await aBadge();
    const run = (await upload(badgeId, recipients(9))).json();
    await post(`${base()}/bulk-awards/${run.id}/start`);
    const crash = processBulkRun(t.deps, run.id, {
      batchSize: 4,
      lanes: 1,
      beforeCommit: (batch) => {
        if (batch === 2) throw new Error('killed');
      },
    });
    await expect(crash).rejects.toThrow('killed');
    expect(await countsOf(badgeId)).toMatchObject({ awards: 4, credentials: 4, claims: 4, mails: 4 });
    expect((await get(`${base()}/bulk-awards/${run.id}`)).json()).toMatchObject({
      state: 'running',
      awardedRows: 4,
    });

    expect(await processBulkRun(t.deps, run.id, { batchSize: 4 })).toBe('done');
    expect(await countsOf(badgeId)).toEqual({
      awards: 9,
      distinctEmails: 9,
      credentials: 9,
      claims: 9,
      mails: 9,
    });
    const rows = (await get(`${base()}/bulk-awards/${run.id}/rows?status=awarded`)).json();
    expect(rows.total).toBe(9);
  });

  it('lets another worker take over a run whose worker died, once its lease has expired', async () => {
    const badgeId = await aBadge();
    const run = (await upload(badgeId, recipients(3))).json();
    await post(`${base()}/bulk-awards/${run.id}/start`);
    const leaseOf = (expiresAt: Date) =>
      t.deps.db
        .updateTable('bulkAwardRuns')
        .set({ leaseOwner: randomUUID(), leaseExpiresAt: expiresAt })
        .where('id', '=', run.id)
        .execute();
    await leaseOf(new Date(Date.now() + 60_000));
    expect(await processBulkRun(t.deps, run.id)).toBe('busy');
    await leaseOf(new Date(Date.now() - 1000));
    expect(await resumeStalledBulkRuns(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await processBulkRun(t.deps, run.id)).toBe('done');
    expect((await countsOf(badgeId)).awards).toBe(3);
  });

  it('stops a cancelled run between batches and keeps what was awarded', async () => {
    const badgeId = await aBadge();
    const run = (await upload(badgeId, recipients(6))).json();
    await post(`${base()}/bulk-awards/${run.id}/start`);
    const outcome = await processBulkRun(t.deps, run.id, {
      batchSize: 2,
      lanes: 1,
      onProgress: async () => {
        await post(`${base()}/bulk-awards/${run.id}/cancel`);
      },
    });
    expect(outcome).toBe('cancelled');
    const after = (await get(`${base()}/bulk-awards/${run.id}`)).json();
    expect(after.state).toBe('cancelled');
    expect(after.awardedRows).toBe(2);
    expect((await countsOf(badgeId)).awards).toBe(after.awardedRows);
    expect((await post(`${base()}/bulk-awards/${run.id}/start`)).statusCode).toBe(409);
  });

  it('drops dry runs a crash cut off while reading their file, and keeps the ones still being read', async () => {
    const badgeId = await aBadge();
    const insertValidating = (createdAt: Date) =>
      t.deps.db
        .insertInto('bulkAwardRuns')
        .values({ orgId: issuer.orgId, badgeId, fileName: 'cut-off.csv', state: 'validating', createdAt })
        .returning('id')
        .executeTakeFirstOrThrow();
    const abandoned = await insertValidating(new Date(Date.now() - 2 * 60 * 60_000));
    const reading = await insertValidating(new Date());
    await t.deps.db
      .insertInto('bulkAwardRows')
      .values({
        runId: abandoned.id,
        rowNumber: 1,
        email: 'a@example.org',
        status: 'pending',
        problems: '[]',
      })
      .execute();
    expect(await dropAbandonedDryRuns(t.deps)).toBe(1);
    const left = await t.deps.db
      .selectFrom('bulkAwardRuns')
      .select('id')
      .where('id', 'in', [abandoned.id, reading.id])
      .execute();
    expect(left.map((r) => r.id)).toEqual([reading.id]);
    const rows = await t.deps.db
      .selectFrom('bulkAwardRows')
      .select('runId')
      .where('runId', '=', abandoned.id)
      .execute();
    expect(rows).toEqual([]);
  });
});
