// The review history (issue #19 item 7): evidence submissions already decided, newest first, read-only. An
// assessor sees the reviews they decided; admins and owners may see everyone's in the organization.
import { revisionContent } from '../catalog/index.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { userSummaries } from '../identity/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { REVIEWERS } from './evidence.ts';
import { decidedSubmissions } from './review-history-store.ts';
import { enrolmentsByIds, type SubmissionRow } from './store.ts';

export interface ReviewHistoryItem {
  submission: SubmissionRow;
  learnerName: string;
  courseTitle: string;
  taskTitle: string;
  reviewerName: string;
}

export interface ReviewHistoryPage {
  items: ReviewHistoryItem[];
  total: number;
  page: number;
  pageSize: number;
}

export async function reviewHistory(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  query: { assessor: 'me' | 'all'; page: number; pageSize: number },
): Promise<ReviewHistoryPage> {
  const role = requireMembership(actor, orgId, REVIEWERS);
  if (query.assessor === 'all' && role === 'assessor') {
    throw new ForbiddenError("Assessors see the reviews they decided; everyone's is for admins and owners.");
  }
  const { rows, total } = await decidedSubmissions(deps.db, orgId, {
    ...(query.assessor === 'me' ? { reviewerId: actor?.user.id } : {}),
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  const enrolments = new Map(
    (
      await enrolmentsByIds(
        deps.db,
        rows.map((s) => s.enrolmentId),
      )
    ).map((e) => [e.id, e]),
  );
  const people = new Map(
    (
      await userSummaries(deps, [...rows.map((s) => s.userId), ...rows.flatMap((s) => s.reviewerId ?? [])])
    ).map((u) => [u.id, u.name]),
  );
  const revisions = new Map<string, Awaited<ReturnType<typeof revisionContent>>>();
  const items: ReviewHistoryItem[] = [];
  for (const submission of rows) {
    const revisionId = enrolments.get(submission.enrolmentId)?.revisionId;
    if (revisionId && !revisions.has(revisionId))
      revisions.set(revisionId, await revisionContent(deps.db, revisionId));
    const revision = revisionId ? revisions.get(revisionId) : null;
    const unit = revision?.units.find((u) => u.id === submission.unitId);
    items.push({
      submission,
      learnerName: people.get(submission.userId) ?? '',
      courseTitle: revision?.title ?? '',
      taskTitle: unit?.title ?? '',
      reviewerName: submission.reviewerId ? (people.get(submission.reviewerId) ?? '') : '',
    });
  }
  return { items, total, page: query.page, pageSize: query.pageSize };
}
