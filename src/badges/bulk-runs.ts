// Bulk awards from a CSV file: the dry run (every row checked and stored, nothing awarded), then the run
// itself in batches. Each batch is one transaction — awards, credentials, claim links, mails and the
// rows' outcome commit together — so a run killed at any point resumes with no duplicate and no gap.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { type IssueRequest, issueCredentialsBatch, signingIdentity } from '../issuing/index.ts';
import { type MailRequest, queueMails } from '../mail/index.ts';
import { organizationById } from '../orgs/index.ts';
import { achievementOf } from './achievement.ts';
import { awardMailImages, CLAIM_DAYS, claimLink, walletLink } from './award-mail.ts';
import { BulkFileRefusedError, type BulkRow, bulkRowBatches, type CsvSource } from './bulk-csv.ts';
import { describeLease, leaseHolderIsGone, thisProcess } from './bulk-lease.ts';
import {
  addProgress,
  type BulkRowRow,
  type BulkRunRow,
  contactsByVerifiedEmail,
  countRowsByStatus,
  deleteRun,
  findRun,
  insertAwardsOnce,
  insertClaims,
  insertRows,
  insertRun,
  lockPendingRows,
  releaseLease,
  settleRows,
  skipHeldRows,
  takeLease,
  updateRun,
} from './bulk-store.ts';
import { type BadgeVersionRow, latestPublishedVersion } from './definition-store.ts';
import { validUntilOf } from './model.ts';
import { awardEvidence } from './results.ts';

/** File rows stored per transaction during the dry run. */
const PREVIEW_BATCH = 1000;
export const DEFAULT_BATCH_SIZE = 500;
export const LEASE_SECONDS = 120;
const DAY_MS = 86_400_000;

export interface PreviewInput {
  orgId: string;
  badgeId: string;
  createdBy: string | null;
  fileName: string;
  source: CsvSource;
  /** Tests lower the 1,000,000-row limit. */
  maxRows?: number;
}

/** The published version a run awards; refuses a badge that was never published or is archived. */
export async function versionToAward(db: Executor, badgeId: string): Promise<BadgeVersionRow> {
  const version = await latestPublishedVersion(db, badgeId);
  if (!version) throw new ConflictError('Publish the badge before awarding it.', 'badge-not-published');
  return version;
}

/**
 * Reads and checks the whole file, storing its rows in batches (the run is 'validating' meanwhile);
 * a refused file leaves nothing behind. Rows whose address already holds the badge are 'skipped'.
 */
export async function previewBulkRun(deps: Deps, input: PreviewInput): Promise<BulkRunRow> {
  let run: BulkRunRow | undefined;
  let batch: BulkRow[] = [];
  const flush = async () => {
    const rows = batch;
    batch = [];
    await deps.db.transaction().execute(async (trx) => {
      run ??= await insertRun(trx, {
        orgId: input.orgId,
        badgeId: input.badgeId,
        createdBy: input.createdBy,
        fileName: input.fileName,
      });
      await insertRows(trx, run.id, rows);
    });
  };
  try {
    for await (const rows of bulkRowBatches(input.source, { now: deps.now(), maxRows: input.maxRows })) {
      batch.push(...rows);
      if (batch.length >= PREVIEW_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    if (!run) throw new BulkFileRefusedError('The file has a header but no recipients.', 'no-recipients');
  } catch (error) {
    if (run) await deleteRun(deps.db, run.id);
    throw error;
  }
  const runId = run.id;
  return deps.db.transaction().execute(async (trx) => {
    await skipHeldRows(trx, runId, input.badgeId);
    const counts = await countRowsByStatus(trx, runId);
    const saved = await updateRun(trx, runId, {
      state: 'previewed',
      totalRows: counts.invalid + counts.pending + counts.skipped,
      validRows: counts.pending + counts.skipped,
      skippedRows: counts.skipped,
    });
    if (!saved) throw new NotFoundError('bulk award run');
    return saved;
  });
}

/** previewed → running; the job (or the CLI) processes it. Starting a started run changes nothing. */
export async function markRunning(deps: Deps, trx: Executor, run: BulkRunRow): Promise<BulkRunRow> {
  if (run.state === 'running' || run.state === 'done') return run;
  if (run.state !== 'previewed' && run.state !== 'failed') {
    throw new ConflictError(`A ${run.state} run cannot be started.`, 'bulk-run-not-startable');
  }
  await versionToAward(trx, run.badgeId);
  const started = await updateRun(
    trx,
    run.id,
    { state: 'running', startedAt: run.startedAt ?? deps.now(), error: null },
    ['previewed', 'failed'],
  );
  if (!started) throw new ConflictError('The run changed meanwhile; reload it.', 'bulk-run-not-startable');
  return started;
}

export interface ProcessOptions {
  batchSize?: number;
  /** After each committed batch (CLI progress bar). */
  onProgress?: (run: BulkRunRow) => void | Promise<void>;
  /** Benchmarks: milliseconds spent per stage of each batch. */
  onStage?: (stage: BulkStage, ms: number) => void;
  /** Batches in flight at once on PostgreSQL (default 2); PGlite has one connection, so always 1. */
  lanes?: number;
  /** Tests: runs inside each batch's transaction just before it commits (throw to simulate a crash). */
  beforeCommit?: (batchNumber: number) => void | Promise<void>;
}

export type BulkStage = 'award rows' | 'sign' | 'claims and mails';

export type ProcessOutcome = 'done' | 'cancelled' | 'busy' | 'not-running';

/**
 * Takes the run's lease when it is free, expired, or held by a process that is provably gone (see
 * bulk-lease.ts); undefined when a live holder has it or the run is not running.
 */
async function leaseRun(
  deps: Deps,
  runId: string,
  owner: string,
  until: Date,
): Promise<BulkRunRow | undefined> {
  const here = thisProcess();
  const lease = { owner, ...here, now: deps.now(), until };
  const leased = await takeLease(deps.db, runId, lease);
  if (leased) return leased;
  const run = await findRun(deps.db, null, runId);
  if (run?.state !== 'running' || !leaseHolderIsGone(run, here, deps.config.database.kind)) return undefined;
  deps.log.warn(
    { runId, holder: describeLease(run) },
    'bulk award run: its lease holder is gone, taking the run over',
  );
  return takeLease(deps.db, runId, { ...lease, from: run.leaseOwner ?? undefined });
}

/**
 * Processes a running run to its end under a lease: 'busy' when another live worker holds it. Any
 * error leaves the committed batches in place and frees the lease, so a retry continues from there.
 */
export async function processBulkRun(
  deps: Deps,
  runId: string,
  options: ProcessOptions = {},
): Promise<ProcessOutcome> {
  const owner = randomUUID();
  const leaseUntil = () => new Date(deps.now().getTime() + LEASE_SECONDS * 1000);
  const leased = await leaseRun(deps, runId, owner, leaseUntil());
  if (!leased) {
    const run = await findRun(deps.db, null, runId);
    return run?.state === 'running' ? 'busy' : 'not-running';
  }
  const version = await versionToAward(deps.db, leased.badgeId);
  const org = await organizationById(deps.db, leased.orgId);
  // Creates the issuer's first key now, committed: lanes creating it inside their batches would wait on each other.
  await signingIdentity(deps, deps.db, leased.orgId);
  // PostgreSQL: two batches in flight, so one is signed (in the signing worker) while the database stores the other.
  const lanes = deps.config.database.kind === 'postgres' ? (options.lanes ?? 2) : 1;
  const context: BatchContext = {
    lanes,
    version,
    issuerName: org?.name ?? '',
    mailImages: awardMailImages(deps, version, org),
    owner,
    leaseUntil,
    timed: async (stage, work) => {
      const start = performance.now();
      const result = await work();
      options.onStage?.(stage, performance.now() - start);
      return result;
    },
  };
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let batchNumber = 0;
  const lane = async (): Promise<ProcessOutcome> => {
    for (;;) {
      const outcome = await deps.db.transaction().execute(async (trx) => {
        const result = await processBatch(deps, trx, runId, context, batchSize);
        if (typeof result !== 'string') await options.beforeCommit?.(++batchNumber);
        return result;
      });
      if (typeof outcome === 'string') return outcome;
      await options.onProgress?.(outcome);
    }
  };
  try {
    const settled = await Promise.allSettled(Array.from({ length: lanes }, lane));
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const outcomes = settled.map((s) => (s as PromiseFulfilledResult<ProcessOutcome>).value);
    return outcomes.find((o) => o === 'done' || o === 'cancelled') ?? 'busy';
  } finally {
    await releaseLease(deps.db, runId, owner);
  }
}

interface BatchContext {
  version: BadgeVersionRow;
  issuerName: string;
  /** The badge's picture and the issuer's logo in the "Accept your badge" mail. */
  mailImages: ReturnType<typeof awardMailImages>;
  owner: string;
  leaseUntil: () => Date;
  /** Batches in flight at once: with more than one, credentials are signed in the signing worker. */
  lanes: number;
  timed: <T>(stage: BulkStage, work: () => Promise<T>) => Promise<T>;
}

/** One batch: returns the run's new counters, or how the run ended. */
async function processBatch(
  deps: Deps,
  trx: Executor,
  runId: string,
  context: BatchContext,
  batchSize: number,
): Promise<BulkRunRow | 'done' | 'cancelled' | 'busy'> {
  // Not locked: two lanes work on one run; cancelling is seen at the next batch.
  const run = await findRun(trx, null, runId);
  if (!run || run.state === 'cancelled') return 'cancelled';
  if (run.state !== 'running' || run.leaseOwner !== context.owner) return 'busy';
  const rows = await lockPendingRows(trx, runId, batchSize);
  if (rows.length === 0) {
    const { pending } = await countRowsByStatus(trx, runId);
    // Rows still pending are locked by a worker whose lease lapsed; they are taken on the next pass.
    if (pending > 0) return 'busy';
    await updateRun(trx, runId, {
      state: 'done',
      finishedAt: deps.now(),
      leaseOwner: null,
      leaseExpiresAt: null,
      leaseHost: null,
      leasePid: null,
    });
    return 'done';
  }
  const awarded = await awardRows(deps, trx, run, rows, context);
  await context.timed('award rows', () =>
    settleRows(
      trx,
      runId,
      rows.map((row) => {
        const awardId = awarded.get(row.email ?? '');
        return {
          rowNumber: row.rowNumber,
          status: awardId ? 'awarded' : 'skipped',
          awardId: awardId ?? null,
        };
      }),
    ),
  );
  return addProgress(trx, runId, {
    awarded: awarded.size,
    skipped: rows.length - awarded.size,
    leaseExpiresAt: context.leaseUntil(),
  });
}

/** Awards, credentials, claim links and mails for a batch of rows; returns email → new award id. */
async function awardRows(
  deps: Deps,
  trx: Executor,
  run: BulkRunRow,
  rows: readonly BulkRowRow[],
  context: BatchContext,
): Promise<Map<string, string>> {
  const { version } = context;
  const now = deps.now();
  const byEmail = new Map(rows.map((row) => [row.email ?? '', row]));
  // Each award names its credential from the start (the reference is checked at commit): storing the
  // credentials after the insert, for the awards it created, needs no second write of the award rows.
  const credentialIds = new Map(rows.map((row) => [row.email ?? '', randomUUID()]));
  const created = await context.timed('award rows', () =>
    insertAwardsOnce(
      trx,
      { orgId: run.orgId, badgeId: run.badgeId, badgeVersionId: version.id, bulkRunId: run.id },
      rows.map((row) => {
        const issuedAt = row.issueDate ?? now;
        return {
          recipientEmail: row.email ?? '',
          recipientName: row.name,
          credentialId: credentialIds.get(row.email ?? '')!,
          awardedDate: issuedAt,
          issuedAt,
          validUntil: validUntilOf(issuedAt, version.validityDays),
          evidenceUrl: row.evidenceUrl,
          evidenceNarrative: row.evidenceNarrative,
          narrative: row.narrative,
        };
      }),
    ),
  );
  if (created.length === 0) return new Map();
  const achievement = achievementOf(deps, version);
  const requests: IssueRequest[] = created.map(({ recipientEmail }) => {
    const row = byEmail.get(recipientEmail)!;
    const issuedAt = row.issueDate ?? now;
    const validUntil = validUntilOf(issuedAt, version.validityDays);
    const evidence = awardEvidence(row);
    return {
      achievement,
      recipient: row.name ? { email: recipientEmail, name: row.name } : { email: recipientEmail },
      validFrom: issuedAt,
      validUntil: validUntil ?? undefined,
      awardedDate: issuedAt,
      evidence: evidence.length > 0 ? evidence : undefined,
    };
  });
  await context.timed('sign', async () => {
    await issueCredentialsBatch(deps, trx, run.orgId, requests, {
      allocateSeparately: deps.config.database.kind === 'postgres',
      ids: created.map((award) => credentialIds.get(award.recipientEmail)!),
      signInWorker: context.lanes > 1,
    });
  });
  await context.timed('claims and mails', () => claimAndMail(deps, trx, created, byEmail, context));
  return new Map(created.map((award) => [award.recipientEmail, award.id]));
}

/** Claim links (same token format as claims.ts createClaim) and the "Accept your badge" mails. */
async function claimAndMail(
  deps: Deps,
  trx: Executor,
  awards: readonly { id: string; recipientEmail: string }[],
  byEmail: Map<string, BulkRowRow>,
  context: BatchContext,
): Promise<void> {
  const expiresAt = new Date(deps.now().getTime() + CLAIM_DAYS * DAY_MS);
  const tokens = awards.map(() => randomBytes(32).toString('base64url'));
  await insertClaims(
    trx,
    awards.map((award, i) => ({
      awardId: award.id,
      tokenHash: createHash('sha256').update(tokens[i]!).digest('hex'),
      expiresAt,
    })),
  );
  const contacts = await contactsByVerifiedEmail(
    trx,
    awards.map((award) => award.recipientEmail),
  );
  const mails: MailRequest[] = awards.map((award, i) => {
    const contact = contacts.get(award.recipientEmail);
    return {
      to: award.recipientEmail,
      locale: contact?.locale ?? 'en',
      template: {
        kind: 'badge-awarded',
        name: byEmail.get(award.recipientEmail)?.name ?? contact?.name ?? award.recipientEmail,
        issuerName: context.issuerName,
        badgeName: context.version.name,
        ...context.mailImages,
        link: claimLink(deps, tokens[i]!),
        walletLink: walletLink(deps, award.id),
        days: CLAIM_DAYS,
      },
      idempotencyKey: `badge-awarded:${award.id}`,
    };
  });
  await queueMails(deps, trx, mails);
}
