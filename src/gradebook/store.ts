// SQL of the gradebook: line items upserted by their AGS URL, grades one row per line item × learner.
import type { Executor } from '../db/database.ts';

export interface LineItemView {
  id: string;
  orgId: string;
  platformId: string;
  lineItemUrl: string;
  label: string;
  scoreMaximum: number;
  resourceLinkId: string | null;
  /** Where it lives: the LMS platform's name and the course title (null until a sync reports them). */
  platformName: string | null;
  contextTitle: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredGrade {
  lineItemId: string;
  userId: string;
  scoreGiven: number | null;
  scoreMaximum: number;
  letterGrade: string | null;
  gradedAt: Date;
}

const num = (value: string | number): number => Number(value);

const lineItemColumns = [
  'id',
  'orgId',
  'platformId',
  'lineItemUrl',
  'label',
  'scoreMaximum',
  'resourceLinkId',
  'platformName',
  'contextTitle',
  'createdAt',
  'updatedAt',
] as const;

type LineItemRow = Omit<LineItemView, 'scoreMaximum'> & { scoreMaximum: string };
const lineItemOf = (row: LineItemRow): LineItemView => ({ ...row, scoreMaximum: num(row.scoreMaximum) });

export async function upsertLineItemRow(
  db: Executor,
  row: {
    orgId: string;
    platformId: string;
    lineItemUrl: string;
    label: string;
    scoreMaximum: number;
    resourceLinkId: string | null;
    platformName: string | null;
    contextTitle: string | null;
    now: Date;
  },
): Promise<{ id: string }> {
  const { now, ...values } = row;
  return db
    .insertInto('lmsLineItems')
    .values({ ...values, createdAt: now, updatedAt: now })
    .onConflict((oc) =>
      oc.columns(['orgId', 'lineItemUrl']).doUpdateSet({
        platformId: values.platformId,
        label: values.label,
        scoreMaximum: values.scoreMaximum,
        resourceLinkId: values.resourceLinkId,
        platformName: values.platformName,
        contextTitle: values.contextTitle,
        updatedAt: now,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function lineItemsOf(db: Executor, orgId: string): Promise<LineItemView[]> {
  const rows = await db
    .selectFrom('lmsLineItems')
    .select(lineItemColumns)
    .where('orgId', '=', orgId)
    .orderBy('label')
    .orderBy('createdAt')
    .execute();
  return rows.map(lineItemOf);
}

export async function lineItemsByIds(db: Executor, ids: readonly string[]): Promise<LineItemView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('lmsLineItems')
    .select(lineItemColumns)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(lineItemOf);
}

/** The stored grade, locked until the transaction ends (so the comparison and the write agree). */
export async function lockGrade(
  db: Executor,
  lineItemId: string,
  userId: string,
): Promise<StoredGrade | undefined> {
  const row = await db
    .selectFrom('lmsGrades')
    .select(['lineItemId', 'userId', 'scoreGiven', 'scoreMaximum', 'letterGrade', 'gradedAt'])
    .where('lineItemId', '=', lineItemId)
    .where('userId', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  return row && gradeOf(row);
}

const gradeOf = (row: {
  lineItemId: string;
  userId: string;
  scoreGiven: string | null;
  scoreMaximum: string;
  letterGrade: string | null;
  gradedAt: Date;
}): StoredGrade => ({
  ...row,
  scoreGiven: row.scoreGiven === null ? null : num(row.scoreGiven),
  scoreMaximum: num(row.scoreMaximum),
});

export async function saveGrade(
  db: Executor,
  grade: StoredGrade & { orgId: string; now: Date },
): Promise<void> {
  const { now, ...values } = grade;
  await db
    .insertInto('lmsGrades')
    .values({ ...values, updatedAt: now })
    .onConflict((oc) =>
      oc.columns(['lineItemId', 'userId']).doUpdateSet({
        scoreGiven: values.scoreGiven,
        scoreMaximum: values.scoreMaximum,
        letterGrade: values.letterGrade,
        gradedAt: values.gradedAt,
        updatedAt: now,
      }),
    )
    .execute();
}

/** A learner's grades within an organization's line items, or on the given line items. */
export async function gradesOfUser(
  db: Executor,
  userId: string,
  lineItemIds?: readonly string[],
): Promise<StoredGrade[]> {
  if (lineItemIds?.length === 0) return [];
  let query = db
    .selectFrom('lmsGrades')
    .select(['lineItemId', 'userId', 'scoreGiven', 'scoreMaximum', 'letterGrade', 'gradedAt'])
    .where('userId', '=', userId);
  if (lineItemIds) query = query.where('lineItemId', 'in', [...lineItemIds]);
  return (await query.execute()).map(gradeOf);
}

export async function appendGradeEvent(
  db: Executor,
  event: { subjectId: string; orgId: string; userId: string; lineItemId: string },
): Promise<void> {
  const { subjectId, ...payload } = event;
  await db
    .insertInto('learningEvents')
    .values({ type: 'grade.recorded', subjectId, payload: JSON.stringify(payload) })
    .execute();
}
