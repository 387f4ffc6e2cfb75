// Background work of bulk awards: the job that processes a started run, and a ticker that re-enqueues
// runs whose worker died (their lease expired, or its holder is provably gone) or that no worker picked up,
// and drops dry runs a crash cut off.
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { JobDefinition } from '../jobs/queue.ts';
import type { Ticker } from '../jobs/ticker.ts';
import { leaseHolderIsGone, thisProcess } from './bulk-lease.ts';
import { LEASE_SECONDS, processBulkRun } from './bulk-runs.ts';
import { deleteAbandonedValidations, leasedRuns, stalledRuns, updateRun } from './bulk-store.ts';

export const bulkAwardJob: JobDefinition<{ runId: string }> = {
  name: 'badges.bulk-award',
  payload: z.object({ runId: z.uuid() }),
  retryLimit: 5,
  retryDelaySeconds: 15,
  async handle(deps, { runId }) {
    // 'busy': another live worker holds the lease and finishes the run; nothing to do here.
    await processBulkRun(deps, runId);
  },
  async onFailed(deps, { runId }, error) {
    const message = error instanceof Error ? error.message : String(error);
    await updateRun(deps.db, runId, { state: 'failed', error: message.slice(0, 1000) }, ['running']);
  },
};

/**
 * Enqueues a resume job for every stalled run: its lease expired, no worker took it, or its lease holder
 * is provably gone (see bulk-lease.ts). Returns how many. Safe in several processes at once.
 */
export async function resumeStalledBulkRuns(deps: Deps): Promise<number> {
  const now = deps.now();
  const stalled = await stalledRuns(deps.db, now, new Date(now.getTime() - LEASE_SECONDS * 1000));
  const here = thisProcess();
  const orphaned = (await leasedRuns(deps.db, now)).filter((run) =>
    leaseHolderIsGone(run, here, deps.config.database.kind),
  );
  for (const run of stalled) {
    // One resume job per lapsed lease: a key made of the lease's end dedupes across tickers.
    const key = `${run.id}:resume:${run.leaseExpiresAt?.getTime() ?? 'never-leased'}`;
    await deps.jobs.enqueue(deps.db, bulkAwardJob, { runId: run.id }, { idempotencyKey: key });
  }
  for (const run of orphaned) {
    const key = `${run.id}:resume:gone:${run.leaseOwner}`;
    await deps.jobs.enqueue(deps.db, bulkAwardJob, { runId: run.id }, { idempotencyKey: key });
  }
  return stalled.length + orphaned.length;
}

/** A dry run reads its file in minutes; one still 'validating' after this long was cut off by a crash. */
export const ABANDONED_DRY_RUN_MINUTES = 60;

/**
 * Removes dry runs a crash cut off while reading their file (nothing was awarded from them; the issuer
 * uploads the file again), so they do not linger half-read. Returns how many.
 */
export async function dropAbandonedDryRuns(deps: Deps): Promise<number> {
  const before = new Date(deps.now().getTime() - ABANDONED_DRY_RUN_MINUTES * 60_000);
  return deleteAbandonedValidations(deps.db, before);
}

export const bulkRunsTicker: Ticker = {
  name: 'badges.bulk-runs',
  everySeconds: 30,
  run: async (deps) => {
    await dropAbandonedDryRuns(deps);
    return resumeStalledBulkRuns(deps);
  },
};
