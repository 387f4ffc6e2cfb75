// Use-cases of bulk awards for issuers (owner, admin, staff): upload for a dry run, look at the rows,
// start (a background job does the work), cancel. The CLI calls bulk-runs.ts directly, as the system.
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError, RuleError } from '../errors.ts';
import { type Actor, requireScope } from '../identity/index.ts';
import { type MembershipRole, requireMembership } from '../orgs/index.ts';
import { BulkFileRefusedError, type CsvSource } from './bulk-csv.ts';
import { bulkAwardJob } from './bulk-job.ts';
import { markRunning, previewBulkRun, versionToAward } from './bulk-runs.ts';
import {
  type BulkRowRow,
  type BulkRowStatus,
  type BulkRunRow,
  findRun,
  listRuns,
  lockRun,
  rowsOf,
  updateRun,
} from './bulk-store.ts';
import { badgesByIds, findBadge } from './definition-store.ts';

const BULK_AWARDERS: readonly MembershipRole[] = ['owner', 'admin', 'staff'];
export const SAMPLE_PROBLEMS = 100;

/** Owners, admins and staff; other organizations' members get 404. Checked before an upload is read. */
export function requireBulkAwarder(actor: Actor | null, orgId: string): void {
  authorize(actor, orgId, true);
}

function authorize(actor: Actor | null, orgId: string, write: boolean): void {
  requireMembership(actor, orgId, BULK_AWARDERS);
  requireScope(actor, write ? 'awards:write' : 'read');
}

export interface PreviewResult {
  run: BulkRunRow;
  sampleProblems: BulkRowRow[];
}

/** The dry run: every row checked and stored with its problems; nothing is awarded yet. */
export async function previewBulkAward(
  deps: Deps,
  actor: Actor | null,
  input: {
    orgId: string;
    badgeId: string;
    fileName: string;
    source: CsvSource;
    maxRows?: number;
  },
): Promise<PreviewResult> {
  authorize(actor, input.orgId, true);
  if (!(await findBadge(deps.db, input.orgId, input.badgeId))) throw new NotFoundError('badge');
  await versionToAward(deps.db, input.badgeId);
  try {
    const run = await previewBulkRun(deps, { ...input, createdBy: actor?.user.id ?? null });
    const sample = await rowsOf(deps.db, run.id, { status: 'invalid', limit: SAMPLE_PROBLEMS, offset: 0 });
    return { run, sampleProblems: sample.items };
  } catch (error) {
    if (error instanceof BulkFileRefusedError)
      throw new RuleError('bulk-file-refused', error.message, { reason: error.reason, params: error.params });
    throw error;
  }
}

async function runOf(deps: Deps, actor: Actor | null, orgId: string, runId: string, write: boolean) {
  authorize(actor, orgId, write);
  const run = await findRun(deps.db, orgId, runId);
  if (!run) throw new NotFoundError('bulk award run');
  return run;
}

export const getBulkRun = (deps: Deps, actor: Actor | null, orgId: string, runId: string) =>
  runOf(deps, actor, orgId, runId, false);

export async function listBulkRuns(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  filter: { badgeId?: string; limit: number; offset: number },
): Promise<BulkRunRow[]> {
  authorize(actor, orgId, false);
  return listRuns(deps.db, orgId, filter);
}

export async function bulkRunRows(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  runId: string,
  filter: { status?: BulkRowStatus; limit: number; offset: number },
): Promise<{ items: BulkRowRow[]; total: number }> {
  const run = await runOf(deps, actor, orgId, runId, false);
  return rowsOf(deps.db, run.id, filter);
}

/**
 * previewed (or failed) → running, and the job that does the work, in one transaction. Starting a
 * running or finished run again changes nothing: its rows are awarded once either way.
 */
export async function startBulkRun(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  runId: string,
): Promise<BulkRunRow> {
  await runOf(deps, actor, orgId, runId, true);
  return deps.db.transaction().execute(async (trx) => {
    const locked = await lockRun(trx, runId);
    if (!locked) throw new NotFoundError('bulk award run');
    const run = await markRunning(deps, trx, locked);
    if (locked.state !== run.state) {
      const key = locked.state === 'previewed' ? runId : `${runId}:restart:${deps.now().getTime()}`;
      await deps.jobs.enqueue(trx, bulkAwardJob, { runId }, { idempotencyKey: key });
    }
    return run;
  });
}

/** Stops a run between two batches; what was awarded stays awarded. */
export async function cancelBulkRun(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  runId: string,
): Promise<BulkRunRow> {
  const run = await runOf(deps, actor, orgId, runId, true);
  if (run.state === 'cancelled') return run;
  const cancelled = await updateRun(
    deps.db,
    runId,
    {
      state: 'cancelled',
      finishedAt: deps.now(),
      leaseOwner: null,
      leaseExpiresAt: null,
      leaseHost: null,
      leasePid: null,
    },
    ['previewed', 'running', 'failed'],
  );
  if (!cancelled) throw new ConflictError(`A ${run.state} run cannot be cancelled.`, 'bulk-run-finished');
  return cancelled;
}

// --- The CLI (`tessera award bulk`): an operator on the server acts as the system, not as a member.

/** Dry run of a file for a badge of any organization; BulkFileRefusedError when the file is refused. */
export async function previewBulkRunOfBadge(
  deps: Deps,
  input: { badgeId: string; fileName: string; source: CsvSource },
): Promise<PreviewResult> {
  const [badge] = await badgesByIds(deps.db, [input.badgeId]);
  if (!badge) throw new NotFoundError('badge');
  await versionToAward(deps.db, badge.id);
  const run = await previewBulkRun(deps, { ...input, orgId: badge.orgId, createdBy: null });
  const sample = await rowsOf(deps.db, run.id, { status: 'invalid', limit: SAMPLE_PROBLEMS, offset: 0 });
  return { run, sampleProblems: sample.items };
}

/** Marks a run running for processing in this process (no job: the ticker resumes it if we die). */
export async function startBulkRunHere(deps: Deps, runId: string): Promise<BulkRunRow> {
  return deps.db.transaction().execute(async (trx) => {
    const locked = await lockRun(trx, runId);
    if (!locked) throw new NotFoundError('bulk award run');
    return markRunning(deps, trx, locked);
  });
}

export const findBulkRun = (deps: Deps, runId: string) => findRun(deps.db, null, runId);
