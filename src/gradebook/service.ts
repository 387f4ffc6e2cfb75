// Use-cases of the gradebook. The LTI context (src/lti) reports line items and grades as the platform's
// Assignment and Grade Services give them; a changed grade appends a 'grade.recorded' learning event so
// the award engine (src/badges/engine.ts) re-checks the badges that require that line item.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { type FieldProblem, InvalidError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireMembership } from '../orgs/index.ts';
import {
  appendGradeEvent,
  type LineItemView,
  lineItemsByIds,
  lineItemsOf,
  lockGrade,
  type StoredGrade,
  saveGrade,
  upsertLineItemRow,
} from './store.ts';

export interface LineItemInput {
  orgId: string;
  platformId: string;
  lineItemUrl: string;
  label: string;
  scoreMaximum: number;
  resourceLinkId?: string | null;
  /** The platform's name and the course (LTI context) the line item belongs to, when known. */
  platformName?: string | null;
  contextTitle?: string | null;
}

export interface GradeInput {
  orgId: string;
  lineItemId: string;
  userId: string;
  scoreGiven: number | null;
  scoreMaximum: number;
  letterGrade?: string | null;
  gradedAt: Date;
}

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

function refuse(message: string, problems: FieldProblem[]): never {
  throw new InvalidError(message, problems);
}

/** Creates the line item, or updates the one with this URL in the organization. */
export async function upsertLineItem(db: Executor, input: LineItemInput): Promise<{ id: string }> {
  const problems: FieldProblem[] = [];
  if (!input.lineItemUrl.trim()) problems.push({ path: 'lineItemUrl', message: 'is empty', code: 'empty' });
  if (!input.label.trim()) problems.push({ path: 'label', message: 'is empty', code: 'empty' });
  if (!finite(input.scoreMaximum) || input.scoreMaximum <= 0)
    problems.push({ path: 'scoreMaximum', message: 'must be a number above 0', code: 'not-positive' });
  if (problems.length > 0) refuse('The line item is refused.', problems);
  return upsertLineItemRow(db, {
    orgId: input.orgId,
    platformId: input.platformId,
    lineItemUrl: input.lineItemUrl.trim(),
    label: input.label.trim().slice(0, 500),
    scoreMaximum: input.scoreMaximum,
    resourceLinkId: input.resourceLinkId ?? null,
    platformName: input.platformName?.trim().slice(0, 200) || null,
    contextTitle: input.contextTitle?.trim().slice(0, 500) || null,
    now: new Date(),
  });
}

export function listLineItems(db: Executor, orgId: string): Promise<LineItemView[]> {
  return lineItemsOf(db, orgId);
}

/** For the badge editor: any member of the organization reads its line items. */
export async function lineItemsForMembers(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
): Promise<LineItemView[]> {
  requireMembership(actor, orgId, 'any-member');
  return lineItemsOf(deps.db, orgId);
}

function gradeProblems(input: GradeInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!finite(input.scoreMaximum) || input.scoreMaximum <= 0)
    problems.push({ path: 'scoreMaximum', message: 'must be a number above 0', code: 'not-positive' });
  if (input.scoreGiven !== null && (!finite(input.scoreGiven) || input.scoreGiven < 0))
    problems.push({ path: 'scoreGiven', message: 'must be a number of 0 or more', code: 'negative' });
  if (Number.isNaN(input.gradedAt.getTime()))
    problems.push({ path: 'gradedAt', message: 'is not a date', code: 'not-a-date' });
  return problems;
}

const sameGrade = (a: StoredGrade, b: StoredGrade) =>
  a.scoreGiven === b.scoreGiven && a.scoreMaximum === b.scoreMaximum && a.letterGrade === b.letterGrade;

/** Stores the grade; when it changed, appends a learning event so the award engine re-checks the badges. */
export async function recordGrade(
  deps: Deps,
  trx: Executor,
  input: GradeInput,
): Promise<{ changed: boolean }> {
  const problems = gradeProblems(input);
  if (problems.length > 0) refuse('The grade is refused.', problems);
  const [lineItem] = await lineItemsByIds(trx, [input.lineItemId]);
  if (!lineItem || lineItem.orgId !== input.orgId) throw new NotFoundError('line item');
  const grade: StoredGrade = {
    lineItemId: input.lineItemId,
    userId: input.userId,
    scoreGiven: input.scoreGiven,
    scoreMaximum: input.scoreMaximum,
    letterGrade: input.letterGrade?.trim() || null,
    gradedAt: input.gradedAt,
  };
  const previous = await lockGrade(trx, input.lineItemId, input.userId);
  if (previous && sameGrade(previous, grade)) return { changed: false };
  await saveGrade(trx, { ...grade, orgId: input.orgId, now: deps.now() });
  await appendGradeEvent(trx, {
    subjectId: randomUUID(),
    orgId: input.orgId,
    userId: input.userId,
    lineItemId: input.lineItemId,
  });
  return { changed: true };
}
