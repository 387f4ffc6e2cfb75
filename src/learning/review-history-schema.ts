// Request and reply of GET /orgs/{orgId}/reviews/history; the presenter picks fields explicitly.
import { z } from 'zod';
import { type EvidenceTaskKind, evidenceTaskSchema } from '../catalog/index.ts';
import type { ReviewHistoryItem, ReviewHistoryPage } from './review-history.ts';

export const reviewHistoryQuery = z.strictObject({
  /** me: the reviews the caller decided; all: everyone's (admins and owners). */
  assessor: z.enum(['me', 'all']).default('me'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const itemSchema = z.object({
  submissionId: z.uuid(),
  learnerName: z.string(),
  courseTitle: z.string(),
  taskTitle: z.string(),
  task: evidenceTaskSchema,
  /** What the learner handed in (essay text, URL, code or statement), as submitted: read-only here. */
  response: z.string(),
  decision: z.enum(['accepted', 'returned']),
  reviewedAt: z.string(),
  submittedAt: z.string(),
  feedback: z.string().nullable(),
  scores: z.array(z.object({ criterion: z.string(), level: z.string(), points: z.number() })).nullable(),
  reviewerName: z.string(),
});

const presentItem = ({ submission, ...names }: ReviewHistoryItem): z.infer<typeof itemSchema> => ({
  submissionId: submission.id,
  learnerName: names.learnerName,
  courseTitle: names.courseTitle,
  taskTitle: names.taskTitle,
  // Written from the unit's task when handed in, so always one of the tasks.
  task: submission.task as EvidenceTaskKind,
  response: submission.response,
  decision: submission.status === 'accepted' ? 'accepted' : 'returned',
  reviewedAt: (submission.reviewedAt ?? submission.submittedAt).toISOString(),
  submittedAt: submission.submittedAt.toISOString(),
  feedback: submission.feedback,
  scores: submission.scores,
  reviewerName: names.reviewerName,
});

const pageSchema = z.object({
  items: z.array(itemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const reviewHistoryReply = {
  schema: pageSchema,
  present: (page: ReviewHistoryPage): z.infer<typeof pageSchema> => ({
    items: page.items.map(presentItem),
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
  }),
};
