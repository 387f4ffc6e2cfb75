// A course's picture (issue #18 item 10): uploaded by its authors with the text that stands for it, re-encoded
// as hostile input (course-image-encode.ts), kept in the file storage under a random name that a new upload
// replaces, and served publicly at /course-covers/{name} only while it is a course's current picture. It is
// part of the course, not of a revision: a new picture shows in the catalog at once, without publishing.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { ActorOrSystem } from '../orgs/index.ts';
import { authoredCourse } from './authoring.ts';
import { COURSE_IMAGE_CONTENT_TYPE, reencodeCourseImage } from './course-image-encode.ts';
import { courseWithImageKey, setCourseImage, setCourseImageAlt } from './course-image-store.ts';
import type { CourseRow } from './store.ts';

const PREFIX = 'course-covers/';
const NAME = /^[0-9a-f-]{36}\.webp$/;
export const MAX_ALT_LENGTH = 300;

/** The public address of a stored picture (its storage key is also its path), or null for none. */
export const courseImageUrl = (imageKey: string | null): string | null => (imageKey ? `/${imageKey}` : null);

/** The picture as replies carry it: its address and what it shows. */
export function courseImageOf(row: {
  imageKey: string | null;
  imageAlt: string | null;
}): { url: string; alt: string } | null {
  const url = courseImageUrl(row.imageKey);
  return url ? { url, alt: row.imageAlt ?? '' } : null;
}

/** The text that stands for the picture: required, one line, at most 300 characters. */
export function checkAlt(alt: string | undefined | null): string {
  const text = (alt ?? '').replace(/\s+/g, ' ').trim();
  if (!text) {
    throw new InvalidError('Describe the picture for those who cannot see it.', [
      { path: 'alt', message: 'is required with a picture', code: 'alt-required' },
    ]);
  }
  if (text.length > MAX_ALT_LENGTH) {
    throw new InvalidError(`The description is longer than ${MAX_ALT_LENGTH} characters.`, [
      {
        path: 'alt',
        message: `must be at most ${MAX_ALT_LENGTH} characters`,
        code: 'too-long',
        params: { maximum: MAX_ALT_LENGTH },
      },
    ]);
  }
  return text;
}

/** Checks the caller may change the course (owner, admin, staff; catalog:write), before the body is read. */
export async function mayChangeCourseImage(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  courseId: string,
): Promise<void> {
  await authoredCourse(deps, actor, orgId, courseId, true);
}

export async function uploadCourseImage(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  courseId: string,
  input: { bytes: Buffer; alt: string | undefined },
): Promise<CourseRow> {
  await mayChangeCourseImage(deps, actor, orgId, courseId);
  const alt = checkAlt(input.alt);
  const { bytes } = await reencodeCourseImage(input.bytes);
  const key = `${PREFIX}${randomUUID()}.webp`;
  // The storage writes whole files only: a reader never sees half a picture.
  await deps.storage.put(key, bytes, COURSE_IMAGE_CONTENT_TYPE);
  const changed = await setCourseImage(deps.db, orgId, courseId, { key, alt }, deps.now());
  if (!changed) {
    await deps.storage.delete(key);
    throw new NotFoundError('course');
  }
  if (changed.before.imageKey) await deps.storage.delete(changed.before.imageKey);
  return changed.after;
}

export async function describeCourseImage(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  courseId: string,
  alt: string,
): Promise<CourseRow> {
  await mayChangeCourseImage(deps, actor, orgId, courseId);
  const row = await setCourseImageAlt(deps.db, orgId, courseId, checkAlt(alt), deps.now());
  if (!row) throw new NotFoundError('image');
  return row;
}

export async function removeCourseImage(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  courseId: string,
): Promise<CourseRow> {
  await mayChangeCourseImage(deps, actor, orgId, courseId);
  const changed = await setCourseImage(deps.db, orgId, courseId, { key: null, alt: null }, deps.now());
  if (!changed) throw new NotFoundError('course');
  if (changed.before.imageKey) await deps.storage.delete(changed.before.imageKey);
  return changed.after;
}

/** Anyone may read a course's current picture (it is on public pages); an old or unknown name is not found. */
export async function courseImageFile(
  deps: Deps,
  name: string,
): Promise<{ bytes: Buffer; contentType: string }> {
  if (!NAME.test(name)) throw new NotFoundError('image');
  const key = `${PREFIX}${name}`;
  if (!(await courseWithImageKey(deps.db, key))) throw new NotFoundError('image');
  const stored = await deps.storage.get(key);
  if (!stored) throw new NotFoundError('image');
  return { bytes: stored.bytes, contentType: COURSE_IMAGE_CONTENT_TYPE };
}
