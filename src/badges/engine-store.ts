// SQL of the award engine over the learning outbox (learning_events): pending events are taken in order
// of arrival, each locked so that several engines share them out, and settled one by one.
import type { Executor } from '../db/database.ts';

export interface PendingLearningEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** The oldest unconsumed events, locked; events another engine holds are passed over. */
export async function lockPendingEvents(db: Executor, limit: number): Promise<PendingLearningEvent[]> {
  return db
    .selectFrom('learningEvents')
    .select(['id', 'type', 'payload', 'attempts'])
    .where('consumedAt', 'is', null)
    .orderBy('createdAt')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markEventsConsumed(db: Executor, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('learningEvents')
    .set({ consumedAt: at })
    .where('id', 'in', [...ids])
    .execute();
}

/** A failed attempt that may succeed later: the event stays pending for the next run. */
export async function recordEventRetry(
  db: Executor,
  id: string,
  attempt: { attempts: number; error: string },
): Promise<void> {
  await db
    .updateTable('learningEvents')
    .set({ attempts: attempt.attempts, lastError: attempt.error })
    .where('id', '=', id)
    .execute();
}

/** An event that will never be awarded: consumed, and marked failed with the reason. */
export async function recordEventFailure(
  db: Executor,
  id: string,
  failure: { attempts: number; error: string; at: Date },
): Promise<void> {
  await db
    .updateTable('learningEvents')
    .set({
      attempts: failure.attempts,
      lastError: failure.error,
      failedAt: failure.at,
      consumedAt: failure.at,
    })
    .where('id', '=', id)
    .execute();
}
