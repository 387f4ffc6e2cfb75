// The award engine: consumes the learning outbox (learning_events) in order of arrival and awards the
// published badges a learner's new completion, accepted evidence or changed LMS grade now satisfies (or
// renews them). A grade that falls below the bar later revokes nothing: awards stand once made.
// Several processes may run it at once: each event is taken FOR UPDATE SKIP LOCKED, and awards are
// unique per badge × email × cycle in the database, so nothing is awarded twice.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { failureReason, isRetryableDatabaseError } from '../db/errors.ts';
import type { Deps } from '../deps.ts';
import { evaluateBadgeFor } from './award.ts';
import { type BadgeVersionRow, publishedVersionsRequiring } from './definition-store.ts';
import {
  lockPendingEvents,
  markEventsConsumed,
  type PendingLearningEvent,
  recordEventFailure,
  recordEventRetry,
} from './engine-store.ts';
import { learnerOfUser } from './learner-record.ts';

/** Badges a course counts toward: as a course requirement, or through its evidence tasks. */
async function badgesTouchedBy(trx: Executor, courseId: string): Promise<BadgeVersionRow[]> {
  const byCourse = await publishedVersionsRequiring(trx, 'course', courseId);
  const byEvidence = await publishedVersionsRequiring(trx, 'evidence', courseId);
  const seen = new Set<string>();
  return [...byCourse, ...byEvidence].filter((v) => !seen.has(v.id) && seen.add(v.id));
}

/** The learning event's learner and the published badges it may complete; undefined: not for badges. */
async function touchedBy(
  trx: Executor,
  event: PendingLearningEvent,
): Promise<{ userId: string; versions: BadgeVersionRow[] } | undefined> {
  const { userId, courseId, lineItemId } = event.payload as Record<string, string | undefined>;
  if (!userId) return undefined;
  if (event.type === 'grade.recorded') {
    if (!lineItemId) return undefined;
    return { userId, versions: await publishedVersionsRequiring(trx, 'grade', lineItemId) };
  }
  if (event.type !== 'course.completed' && event.type !== 'evidence.accepted') return undefined;
  if (!courseId) return undefined;
  return { userId, versions: await badgesTouchedBy(trx, courseId) };
}

async function handleEvent(deps: Deps, trx: Executor, event: PendingLearningEvent): Promise<void> {
  const touched = await touchedBy(trx, event);
  if (!touched) return;
  const { userId, versions } = touched;
  if (versions.length === 0) return;
  const learner = await learnerOfUser(trx, userId);
  if (!learner) return;
  for (const version of versions) await evaluateBadgeFor(deps, trx, learner, version, 'completion');
}

/** Attempts after which an event that keeps failing "for now" is recorded as failed (about a minute of ticks). */
export const MAX_EVENT_ATTEMPTS = 60;

type EventOutcome = 'consumed' | 'retry' | 'failed';

/**
 * Processes up to `limit` pending events in one transaction; returns how many were taken. Each event is
 * handled under its own savepoint, so one failing event cannot block or undo the others. An event whose
 * award failed for a passing reason (a race with another process, a serialization failure) stays pending
 * and is tried again on the next run; one that cannot succeed (bad data) is recorded as failed with its
 * reason and consumed, so it does not come back forever.
 */
export async function processLearningEvents(deps: Deps, limit = 100): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const events = await lockPendingEvents(trx, limit);
    const consumed: string[] = [];
    for (const event of events) {
      if ((await handleInSavepoint(deps, trx, event)) === 'consumed') consumed.push(event.id);
    }
    await markEventsConsumed(trx, consumed, deps.now());
    return events.length;
  });
}

async function handleInSavepoint(
  deps: Deps,
  trx: Executor,
  event: PendingLearningEvent,
): Promise<EventOutcome> {
  await sql`savepoint learning_event`.execute(trx);
  try {
    await handleEvent(deps, trx, event);
    await sql`release savepoint learning_event`.execute(trx);
    return 'consumed';
  } catch (error) {
    // A lost connection fails here too, ending the whole run: every event then stays pending.
    await sql`rollback to savepoint learning_event`.execute(trx);
    const attempts = event.attempts + 1;
    const reason = failureReason(error);
    const context = { err: error, eventId: event.id, type: event.type, attempts };
    if (isRetryableDatabaseError(error) && attempts < MAX_EVENT_ATTEMPTS) {
      await recordEventRetry(trx, event.id, { attempts, error: reason });
      deps.log.warn(context, 'badge award for an event failed for now; it is retried on the next run');
      return 'retry';
    }
    await recordEventFailure(trx, event.id, { attempts, error: reason, at: deps.now() });
    deps.log.error(context, 'badge award for an event failed; the event is recorded as failed');
    return 'failed';
  }
}
