// A course's picture over HTTP: upload, describe and remove under /api/v1/orgs/{orgId}/courses/{courseId}/image
// (owner, admin, staff), and the public file at /course-covers/{name} that the catalog, course page and cart show.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import { problem, sendProblem } from '../http/problem.ts';
import {
  courseImageFile,
  describeCourseImage,
  MAX_ALT_LENGTH,
  mayChangeCourseImage,
  removeCourseImage,
  uploadCourseImage,
} from './course-image.ts';
import { MAX_COURSE_IMAGE_BYTES } from './course-image-encode.ts';
import { authoredCourse } from './schema.ts';
import type { CourseRow } from './store.ts';
import { revisionNumbers } from './store.ts';

const tags = ['catalog'];
const params = z.object({ orgId: z.uuid(), courseId: z.uuid() });

async function present(deps: Deps, row: CourseRow) {
  const ids = row.latestRevisionId ? [row.latestRevisionId] : [];
  const numbers = await revisionNumbers(deps.db, ids);
  return authoredCourse.present(
    row,
    row.latestRevisionId ? (numbers.get(row.latestRevisionId) ?? null) : null,
  );
}

export async function courseImageRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // Scoped to this plugin: one file and one field (the description).
  await app.register(multipart, {
    limits: {
      files: 1,
      fields: 1,
      parts: 2,
      fileSize: MAX_COURSE_IMAGE_BYTES,
      fieldSize: 4 * MAX_ALT_LENGTH,
    },
  });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put(
    '/orgs/:orgId/courses/:courseId/image',
    {
      config: { scope: 'catalog:write' },
      schema: {
        tags,
        summary: 'Set the course picture (owner, admin, staff; multipart: field "alt", then file "file")',
        description:
          'PNG, JPEG or WebP recognised by content, at most 5 MB (413 above) and 40 megapixels. The picture is ' +
          'decoded and drawn again as a WebP of at most 1600×900 without its metadata (EXIF, XMP, comments); ' +
          'a damaged file or one that is not what its first bytes say is refused with 400 at `file`. `alt`, the ' +
          'text that stands for the picture, is required (at most 300 characters; 400 at `alt`). The picture ' +
          'shows in the catalog at once, without publishing. Replies with the course, `image` set.',
        consumes: ['multipart/form-data'],
        params,
        response: { 200: authoredCourse.schema },
      },
    },
    async (request, reply) => {
      const { orgId, courseId } = request.params;
      await mayChangeCourseImage(deps, request.actor, orgId, courseId);
      if (!request.isMultipart()) {
        throw new InvalidError('Send the picture as multipart/form-data in a field named "file".', [
          { path: 'file', message: 'is required', code: 'required' },
        ]);
      }
      // The description comes first in the form, so it is read by the time the file part arrives.
      const part = await request.file({ throwFileSizeLimit: false });
      if (!part)
        throw new InvalidError('No picture was sent.', [
          { path: 'file', message: 'is required', code: 'required' },
        ]);
      const bytes = await part.toBuffer();
      if (part.file.truncated) {
        const detail = 'The picture is larger than the limit of 5 MB; nothing was saved.';
        return sendProblem(reply, problem('payload-too-large', 413, detail, request));
      }
      const field = part.fields.alt;
      const alt = field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : undefined;
      const row = await uploadCourseImage(deps, request.actor, orgId, courseId, { bytes, alt });
      return present(deps, row);
    },
  );

  r.patch(
    '/orgs/:orgId/courses/:courseId/image',
    {
      config: { scope: 'catalog:write' },
      schema: {
        tags,
        summary: 'Change what the course picture is described as (owner, admin, staff)',
        description: '404 when the course has no picture. Replies with the course.',
        params,
        body: z.strictObject({ alt: z.string().max(4 * MAX_ALT_LENGTH) }),
        response: { 200: authoredCourse.schema },
      },
    },
    async (request) => {
      const { orgId, courseId } = request.params;
      return present(deps, await describeCourseImage(deps, request.actor, orgId, courseId, request.body.alt));
    },
  );

  r.delete(
    '/orgs/:orgId/courses/:courseId/image',
    {
      config: { scope: 'catalog:write' },
      schema: {
        tags,
        summary: 'Remove the course picture (owner, admin, staff)',
        description: 'Pages show the designed fallback again. Replies with the course.',
        params,
        response: { 200: authoredCourse.schema },
      },
    },
    async (request) => {
      const { orgId, courseId } = request.params;
      return present(deps, await removeCourseImage(deps, request.actor, orgId, courseId));
    },
  );
}

/** Mounted at the root. */
export async function courseImagePublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/course-covers/:name',
    {
      config: { auth: 'public', embeddable: true },
      schema: {
        tags,
        summary: "A course's picture (WebP; a name never changes, so cached a year)",
        params: z.object({ name: z.string().max(60) }),
      },
    },
    async (request, reply) => {
      const image = await courseImageFile(deps, request.params.name);
      return reply
        .type(image.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .header('access-control-allow-origin', '*')
        .send(image.bytes);
    },
  );
}
