// SQL of the review history: decided evidence submissions of one organization, newest decision first.
import type { Executor } from '../db/database.ts';
import type { SubmissionRow } from './store.ts';

export async function decidedSubmissions(
  db: Executor,
  orgId: string,
  filter: { reviewerId?: string; offset: number; limit: number },
): Promise<{ rows: SubmissionRow[]; total: number }> {
  let query = db
    .selectFrom('evidenceSubmissions')
    .where('orgId', '=', orgId)
    .where('status', 'in', ['accepted', 'returned'])
    .where('reviewedAt', 'is not', null);
  if (filter.reviewerId) query = query.where('reviewerId', '=', filter.reviewerId);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('reviewedAt', 'desc')
      .orderBy('id')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}
