// Grade reading in the background: a job per platform (queued on each launch) and a ticker that reads every
// registered platform's grades periodically, so that grade changes in the LMS re-check badges.
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { JobDefinition } from '../jobs/queue.ts';
import type { Ticker } from '../jobs/ticker.ts';
import { allPlatformIds, deleteExpiredLtiRequests } from './store.ts';
import { syncPlatformGrades } from './sync.ts';

const payload = z.object({ platformId: z.uuid() });

export const syncGradesJob: JobDefinition<z.infer<typeof payload>> = {
  name: 'lti.sync-grades',
  payload,
  retryLimit: 3,
  retryDelaySeconds: 60,
  expireInSeconds: 600,
  handle: async (deps, job) => {
    await syncPlatformGrades(deps, job.platformId);
  },
};

export const ltiGradesTicker: Ticker = {
  name: 'lti.grades',
  everySeconds: 15 * 60,
  async run(deps) {
    for (const { id } of await allPlatformIds(deps.db)) {
      try {
        await syncPlatformGrades(deps, id);
      } catch (error) {
        deps.log.warn({ err: error, platformId: id }, 'LTI grade sync failed');
      }
    }
  },
};

/** Single-use requests (logins, deep links, sign-in agreements) are refused once expired and deleted here. */
export const ltiSweepTicker: Ticker = {
  name: 'lti.sweep',
  everySeconds: 60 * 60,
  async run(deps) {
    const deleted = await deleteExpiredLtiRequests(deps.db, deps.now());
    if (deleted > 0) deps.log.info({ deleted }, 'Expired LTI requests deleted');
  },
};

/** After a launch: read the grades again soon (at most one queued read per platform and minute). */
export async function queueGradeSync(deps: Deps, platformId: string): Promise<void> {
  const minute = Math.floor(deps.now().getTime() / 60_000);
  await deps.jobs.enqueue(
    deps.db,
    syncGradesJob,
    { platformId },
    { idempotencyKey: `lti-sync:${platformId}:${minute}` },
  );
}
