// SQL of a course's picture: set or clear it (with the key it replaces, so the old file can go) and find the
// course a public picture name belongs to.
import type { Executor } from '../db/database.ts';
import type { CourseRow } from './store.ts';

export interface CourseImageChange {
  before: { imageKey: string | null };
  after: CourseRow;
}

/** Sets (or clears, with nulls) the picture of an organization's course; undefined when there is no such course. */
export async function setCourseImage(
  db: Executor,
  orgId: string,
  courseId: string,
  image: { key: string | null; alt: string | null },
  now: Date,
): Promise<CourseImageChange | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('courses')
      .select('imageKey')
      .where('orgId', '=', orgId)
      .where('id', '=', courseId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return undefined;
    const after = await trx
      .updateTable('courses')
      .set({ imageKey: image.key, imageAlt: image.alt, updatedAt: now })
      .where('orgId', '=', orgId)
      .where('id', '=', courseId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { before, after };
  });
}

/** Changes only the text that stands for the picture; undefined when the course has no picture. */
export async function setCourseImageAlt(
  db: Executor,
  orgId: string,
  courseId: string,
  alt: string,
  now: Date,
): Promise<CourseRow | undefined> {
  return db
    .updateTable('courses')
    .set({ imageAlt: alt, updatedAt: now })
    .where('orgId', '=', orgId)
    .where('id', '=', courseId)
    .where('imageKey', 'is not', null)
    .returningAll()
    .executeTakeFirst();
}

export async function courseWithImageKey(
  db: Executor,
  imageKey: string,
): Promise<{ id: string } | undefined> {
  return db.selectFrom('courses').select('id').where('imageKey', '=', imageKey).executeTakeFirst();
}
