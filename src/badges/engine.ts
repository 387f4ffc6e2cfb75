// The award engine: consumes the learning outbox (learning_events) in order of arrival and awards the
// published badges a learner's new completion or accepted evidence now satisfies (or renews them).
// Several processes may run it at once: each event is taken FOR UPDATE SKIP LOCKED, and awards are
// unique per badge × email × cycle in the database, so nothing is awarded twice.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { evaluateBadgeFor } from './award.ts';
import { type BadgeVersionRow, publishedVersionsRequiring } from './definition-store.ts';
import { learnerOfUser } from './learner-record.ts';

interface LearningEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

/** Badges a course counts toward: as a course requirement, or through its evidence tasks. */
async function badgesTouchedBy(trx: Executor, courseId: string): Promise<BadgeVersionRow[]> {
  const byCourse = await publishedVersionsRequiring(trx, 'course', courseId);
  const byEvidence = await publishedVersionsRequiring(trx, 'evidence', courseId);
  const seen = new Set<string>();
  return [...byCourse, ...byEvidence].filter((v) => !seen.has(v.id) && seen.add(v.id));
}

async function handleEvent(deps: Deps, trx: Executor, event: LearningEvent): Promise<void> {
  if (event.type !== 'course.completed' && event.type !== 'evidence.accepted') return;
  const { userId, courseId } = event.payload as { userId?: string; courseId?: string };
  if (!userId || !courseId) return;
  const versions = await badgesTouchedBy(trx, courseId);
  if (versions.length === 0) return;
  const learner = await learnerOfUser(trx, userId);
  if (!learner) return;
  for (const version of versions) await evaluateBadgeFor(deps, trx, learner, version, 'completion');
}

/**
 * Processes up to `limit` unconsumed events in one transaction; returns how many were consumed.
 * An event whose handling fails is rolled back to its savepoint, logged and consumed, so one bad
 * event cannot block the outbox (its learner can still be awarded by hand).
 */
export async function processLearningEvents(deps: Deps, limit = 100): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const events = await trx
      .selectFrom('learningEvents')
      .select(['id', 'type', 'payload'])
      .where('consumedAt', 'is', null)
      .orderBy('createdAt')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const event of events) {
      await sql`savepoint learning_event`.execute(trx);
      try {
        await handleEvent(deps, trx, event);
        await sql`release savepoint learning_event`.execute(trx);
      } catch (error) {
        await sql`rollback to savepoint learning_event`.execute(trx);
        deps.log.error(
          { err: error, eventId: event.id, type: event.type },
          'badge award for an event failed',
        );
      }
    }
    if (events.length > 0) {
      await trx
        .updateTable('learningEvents')
        .set({ consumedAt: deps.now() })
        .where(
          'id',
          'in',
          events.map((e) => e.id),
        )
        .execute();
    }
    return events.length;
  });
}
