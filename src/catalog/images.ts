// Images for lessons: authors upload PNG or JPEG (recognised by content, at most 2 MB); they are kept in
// the file storage (deps.storage) as course-images/<random name> and served publicly (lessons of published
// courses link to them as /course-images/<name>, which the Markdown renderer allows).
import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { ActorOrSystem } from '../orgs/index.ts';
import { authoredCourse } from './authoring.ts';
import { sniffFileType, UPLOAD_CONTENT_TYPES } from './model.ts';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const IMAGE_NAME = /^[0-9a-f-]{36}\.(png|jpeg)$/;
const storageKey = (name: string) => `course-images/${name}`;

/** Checks the author may edit the course, before the body is read. */
export async function mayAddImage(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  courseId: string,
): Promise<void> {
  await authoredCourse(deps, actor, orgId, courseId, true);
}

export async function addLessonImage(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  courseId: string,
  bytes: Uint8Array,
): Promise<{ url: string }> {
  await mayAddImage(deps, actor, orgId, courseId);
  if (bytes.length === 0)
    throw new InvalidError('The image is empty.', [{ path: 'file', message: 'is empty', code: 'empty' }]);
  const type = sniffFileType(bytes, '');
  if (type !== 'png' && type !== 'jpeg') {
    throw new InvalidError('Lesson images must be PNG or JPEG.', [
      { path: 'file', message: 'must be a PNG or JPEG image', code: 'not-png-or-jpeg' },
    ]);
  }
  const name = `${randomUUID()}.${type}`;
  // The storage writes whole files only: a reader never sees half an image.
  await deps.storage.put(storageKey(name), bytes, UPLOAD_CONTENT_TYPES[type]);
  return { url: `/course-images/${name}` };
}

export async function lessonImage(deps: Deps, name: string): Promise<{ bytes: Buffer; contentType: string }> {
  const match = IMAGE_NAME.exec(name);
  if (!match) throw new NotFoundError('image');
  const stored = await deps.storage.get(storageKey(name));
  if (!stored) throw new NotFoundError('image');
  return { bytes: stored.bytes, contentType: UPLOAD_CONTENT_TYPES[match[1] as 'png' | 'jpeg'] };
}
