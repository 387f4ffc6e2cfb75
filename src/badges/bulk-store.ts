// SQL of bulk award runs and their rows, and the multi-row writes a batch of bulk awards makes. Batches
// INSERT their rows as one JSON parameter (`jsonb_to_recordset`) and UPDATE through `unnest`: a few
// statements per batch, never one per row.
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { BulkRow } from './bulk-csv.ts';
import type { BulkAwardRowsTable, BulkAwardRunsTable, BulkRunState } from './tables.ts';

export type BulkRunRow = Selectable<BulkAwardRunsTable>;
export type BulkRowRow = Selectable<BulkAwardRowsTable>;
export type BulkRowStatus = BulkRowRow['status'];

/** File rows per INSERT (one JSON parameter each). */
const ROW_INSERT_CHUNK = 1000;

export async function insertRun(
  db: Executor,
  run: Pick<Insertable<BulkAwardRunsTable>, 'orgId' | 'badgeId' | 'createdBy' | 'fileName'>,
): Promise<BulkRunRow> {
  return db
    .insertInto('bulkAwardRuns')
    .values({ ...run, state: 'validating' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteRun(db: Executor, runId: string): Promise<void> {
  await db.deleteFrom('bulkAwardRuns').where('id', '=', runId).execute();
}

/** Dry runs still 'validating' since before `before`: their upload died with its process. Deleted, rows too. */
export async function deleteAbandonedValidations(db: Executor, before: Date): Promise<number> {
  const deleted = await db
    .deleteFrom('bulkAwardRuns')
    .where('state', '=', 'validating')
    .where('createdAt', '<', before)
    .returning('id')
    .execute();
  return deleted.length;
}

export async function insertRows(db: Executor, runId: string, rows: readonly BulkRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROW_INSERT_CHUNK) {
    const records = rows.slice(start, start + ROW_INSERT_CHUNK).map((row) => ({
      row_number: row.rowNumber,
      email: row.email,
      name: row.name,
      evidence_url: row.evidenceUrl,
      evidence_narrative: row.evidenceNarrative,
      narrative: row.narrative,
      issue_date: row.issueDate,
      status: row.problems.length > 0 ? 'invalid' : 'pending',
      problems: row.problems,
    }));
    await sql`insert into bulk_award_rows (run_id, row_number, email, name, evidence_url, evidence_narrative,
        narrative, issue_date, status, problems)
      select ${runId}::uuid, row_number, email, name, evidence_url, evidence_narrative, narrative, issue_date,
        status, problems
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(row_number integer, email text, name text,
        evidence_url text, evidence_narrative text, narrative text, issue_date timestamptz, status text,
        problems jsonb)`.execute(db);
  }
}

/** Pending rows whose address already holds this badge (any cycle) are skipped before the run. */
export async function skipHeldRows(db: Executor, runId: string, badgeId: string): Promise<void> {
  await sql`update bulk_award_rows r set status = 'skipped'
    where r.run_id = ${runId} and r.status = 'pending'
      and exists (select 1 from awards a where a.badge_id = ${badgeId} and a.recipient_email = r.email)`.execute(
    db,
  );
}

export async function countRowsByStatus(db: Executor, runId: string): Promise<Record<BulkRowStatus, number>> {
  const rows = await db
    .selectFrom('bulkAwardRows')
    .select(['status', sql<number>`count(*)::int`.as('count')])
    .where('runId', '=', runId)
    .groupBy('status')
    .execute();
  const counts = { invalid: 0, pending: 0, awarded: 0, skipped: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

export async function updateRun(
  db: Executor,
  runId: string,
  changes: Partial<Omit<Insertable<BulkAwardRunsTable>, 'id' | 'orgId' | 'badgeId' | 'createdAt'>>,
  onlyFrom?: readonly BulkRunState[],
): Promise<BulkRunRow | undefined> {
  let query = db.updateTable('bulkAwardRuns').set(changes).where('id', '=', runId);
  if (onlyFrom) query = query.where('state', 'in', [...onlyFrom]);
  return query.returningAll().executeTakeFirst();
}

export async function findRun(
  db: Executor,
  orgId: string | null,
  runId: string,
): Promise<BulkRunRow | undefined> {
  let query = db.selectFrom('bulkAwardRuns').selectAll().where('id', '=', runId);
  if (orgId !== null) query = query.where('orgId', '=', orgId);
  return query.executeTakeFirst();
}

export async function lockRun(db: Executor, runId: string): Promise<BulkRunRow | undefined> {
  return db.selectFrom('bulkAwardRuns').selectAll().where('id', '=', runId).forUpdate().executeTakeFirst();
}

export async function listRuns(
  db: Executor,
  orgId: string,
  filter: { badgeId?: string; limit: number; offset: number },
): Promise<BulkRunRow[]> {
  let query = db
    .selectFrom('bulkAwardRuns')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset);
  if (filter.badgeId) query = query.where('badgeId', '=', filter.badgeId);
  return query.execute();
}

export async function rowsOf(
  db: Executor,
  runId: string,
  filter: { status?: BulkRowStatus; limit: number; offset: number },
): Promise<{ items: BulkRowRow[]; total: number }> {
  let query = db.selectFrom('bulkAwardRows').where('runId', '=', runId);
  if (filter.status) query = query.where('status', '=', filter.status);
  const items = await query
    .selectAll()
    .orderBy('rowNumber')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}

/**
 * Takes the lease of a running run when it is free, expired or already ours, or (`from`) when it is
 * still held by that owner, whose process is known to be gone.
 */
export async function takeLease(
  db: Executor,
  runId: string,
  lease: { owner: string; host: string; pid: number; now: Date; until: Date; from?: string },
): Promise<BulkRunRow | undefined> {
  return db
    .updateTable('bulkAwardRuns')
    .set({ leaseOwner: lease.owner, leaseExpiresAt: lease.until, leaseHost: lease.host, leasePid: lease.pid })
    .where('id', '=', runId)
    .where('state', '=', 'running')
    .where((eb) =>
      eb.or([
        eb('leaseOwner', 'is', null),
        eb('leaseOwner', '=', lease.owner),
        eb('leaseExpiresAt', '<', lease.now),
        ...(lease.from ? [eb('leaseOwner', '=', lease.from)] : []),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function releaseLease(db: Executor, runId: string, owner: string): Promise<void> {
  await db
    .updateTable('bulkAwardRuns')
    .set({ leaseOwner: null, leaseExpiresAt: null, leaseHost: null, leasePid: null })
    .where('id', '=', runId)
    .where('leaseOwner', '=', owner)
    .execute();
}

/** Running runs nobody works on: the lease expired, or no worker took them within `startedBefore`. */
export async function stalledRuns(db: Executor, now: Date, startedBefore: Date): Promise<BulkRunRow[]> {
  return db
    .selectFrom('bulkAwardRuns')
    .selectAll()
    .where('state', '=', 'running')
    .where((eb) =>
      eb.or([
        eb('leaseExpiresAt', '<', now),
        eb.and([eb('leaseOwner', 'is', null), eb('startedAt', '<', startedBefore)]),
      ]),
    )
    .limit(100)
    .execute();
}

/** Running runs whose lease is still valid, for a check of whether their holders are alive. */
export async function leasedRuns(db: Executor, now: Date): Promise<BulkRunRow[]> {
  return db
    .selectFrom('bulkAwardRuns')
    .selectAll()
    .where('state', '=', 'running')
    .where('leaseExpiresAt', '>=', now)
    .limit(100)
    .execute();
}

/** The next pending rows of a run, locked; rows another worker holds are passed over. */
export async function lockPendingRows(db: Executor, runId: string, limit: number): Promise<BulkRowRow[]> {
  return db
    .selectFrom('bulkAwardRows')
    .selectAll()
    .where('runId', '=', runId)
    .where('status', '=', 'pending')
    .orderBy('rowNumber')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** What differs between the awards of one bulk batch; the rest is the run's (see insertAwardsOnce). */
export interface BulkAwardInsert {
  recipientEmail: string;
  recipientName: string | null;
  credentialId: string;
  awardedDate: Date;
  issuedAt: Date;
  validUntil: Date | null;
  evidenceUrl: string | null;
  evidenceNarrative: string | null;
  narrative: string | null;
}

/**
 * Inserts the run's awards (cycle 1, offered) that do not exist yet (badge × email × cycle); returns
 * those created. The rows travel as one JSON parameter (jsonb_to_recordset), like every batch INSERT
 * here: cheaper in Node and in the database than a VALUES list of thousands of bound parameters.
 */
export async function insertAwardsOnce(
  db: Executor,
  run: { orgId: string; badgeId: string; badgeVersionId: string; bulkRunId: string },
  awards: readonly BulkAwardInsert[],
): Promise<{ id: string; recipientEmail: string }[]> {
  if (awards.length === 0) return [];
  const records = awards.map((a) => ({
    recipient_email: a.recipientEmail,
    recipient_name: a.recipientName,
    credential_id: a.credentialId,
    awarded_date: a.awardedDate,
    issued_at: a.issuedAt,
    valid_until: a.validUntil,
    evidence_url: a.evidenceUrl,
    evidence_narrative: a.evidenceNarrative,
    narrative: a.narrative,
  }));
  const { rows } = await sql<{ id: string; recipientEmail: string }>`insert into awards (org_id, badge_id,
      badge_version_id, recipient_email, recipient_name, user_id, cycle, source, state, credential_id,
      awarded_date, issued_at, valid_until, evidence_url, evidence_narrative, narrative, bulk_run_id)
    select ${run.orgId}::uuid, ${run.badgeId}::uuid, ${run.badgeVersionId}::uuid, r.recipient_email,
      r.recipient_name, null, 1, 'bulk', 'offered', r.credential_id, r.awarded_date, r.issued_at,
      r.valid_until, r.evidence_url, r.evidence_narrative, r.narrative, ${run.bulkRunId}::uuid
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(recipient_email text, recipient_name text,
      credential_id uuid, awarded_date timestamptz, issued_at timestamptz, valid_until timestamptz,
      evidence_url text, evidence_narrative text, narrative text)
    on conflict (badge_id, recipient_email, cycle) do nothing
    returning id, recipient_email as "recipientEmail"`.execute(db);
  return rows;
}

export async function insertClaims(
  db: Executor,
  claims: readonly { awardId: string; tokenHash: string; expiresAt: Date }[],
): Promise<void> {
  if (claims.length === 0) return;
  const records = claims.map((c) => ({
    award_id: c.awardId,
    token_hash: c.tokenHash,
    expires_at: c.expiresAt,
  }));
  await sql`insert into award_claims (award_id, token_hash, expires_at)
    select award_id, token_hash, expires_at
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(award_id uuid, token_hash text,
      expires_at timestamptz)`.execute(db);
}

export async function settleRows(
  db: Executor,
  runId: string,
  rows: readonly { rowNumber: number; status: 'awarded' | 'skipped'; awardId: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`update bulk_award_rows r set status = v.status, award_id = v.award_id
    from unnest(${rows.map((r) => r.rowNumber)}::int[], ${rows.map((r) => r.status)}::text[],
      ${rows.map((r) => r.awardId)}::uuid[]) as v(row_number, status, award_id)
    where r.run_id = ${runId} and r.row_number = v.row_number`.execute(db);
}

export async function addProgress(
  db: Executor,
  runId: string,
  progress: { awarded: number; skipped: number; leaseExpiresAt: Date },
): Promise<BulkRunRow> {
  return db
    .updateTable('bulkAwardRuns')
    .set((eb) => ({
      processedRows: eb('processedRows', '+', progress.awarded + progress.skipped),
      awardedRows: eb('awardedRows', '+', progress.awarded),
      skippedRows: eb('skippedRows', '+', progress.skipped),
      leaseExpiresAt: progress.leaseExpiresAt,
    }))
    .where('id', '=', runId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Name and language of the accounts that verified these addresses (for the award mail). Read here in
 * one query per batch rather than one call per recipient to identity's accountContact.
 */
export async function contactsByVerifiedEmail(
  db: Executor,
  emails: readonly string[],
): Promise<Map<string, { name: string; locale: string }>> {
  if (emails.length === 0) return new Map();
  const rows = await db
    .selectFrom('userEmails as e')
    .innerJoin('users as u', 'u.id', 'e.userId')
    .select(['e.email', 'u.name', 'u.locale'])
    .where('e.email', 'in', [...emails])
    .where('e.verifiedAt', 'is not', null)
    .execute();
  return new Map(rows.map((row) => [row.email, { name: row.name, locale: row.locale }]));
}
