// Images for lessons: authors upload PNG or JPEG (recognised by content, at most 2 MB); they are stored
// under DATA_DIR/course-images with a random name and served publicly (lessons of published courses
// link to them as /course-images/<name>, which the Markdown renderer allows).
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Deps } from '../deps.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { ActorOrSystem } from '../orgs/index.ts';
import { authoredCourse } from './authoring.ts';
import { sniffFileType, UPLOAD_CONTENT_TYPES } from './model.ts';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const IMAGE_NAME = /^[0-9a-f-]{36}\.(png|jpeg)$/;
const directory = (deps: Deps) => join(deps.config.dataDir, 'course-images');

/** Checks the author may edit the course, before the body is read. */
export async function mayAddImage(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  courseId: string,
): Promise<void> {
  await authoredCourse(deps, actor, orgId, courseId);
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
    throw new InvalidError('The image is empty.', [{ path: 'file', message: 'is empty' }]);
  const type = sniffFileType(bytes, '');
  if (type !== 'png' && type !== 'jpeg') {
    throw new InvalidError('Lesson images must be PNG or JPEG.', [
      { path: 'file', message: 'must be a PNG or JPEG image' },
    ]);
  }
  await mkdir(directory(deps), { recursive: true });
  const name = `${randomUUID()}.${type}`;
  const temporary = join(directory(deps), `.upload-${name}`);
  // Written under a temporary name first: a reader never sees half an image.
  await writeFile(temporary, bytes, { mode: 0o644 });
  try {
    await rename(temporary, join(directory(deps), name));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { url: `/course-images/${name}` };
}

export async function lessonImage(deps: Deps, name: string): Promise<{ bytes: Buffer; contentType: string }> {
  const match = IMAGE_NAME.exec(name);
  if (!match) throw new NotFoundError('image');
  const bytes = await readFile(join(directory(deps), name)).catch(() => {
    throw new NotFoundError('image');
  });
  return { bytes, contentType: UPLOAD_CONTENT_TYPES[match[1] as 'png' | 'jpeg'] };
}
