// Authoring (issuer members, /orgs/{orgId}/courses…) and the public catalog (/catalog/courses…, and
// /catalog/badges… from badge-page-routes.ts). Mounted under /api/v1.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import { problem, sendProblem } from '../http/problem.ts';
import {
  type AuthoredCourse,
  archiveCourse,
  coursesOfIssuer,
  createCourse,
  editCourse,
  authoredCourse as loadAuthoredCourse,
  previewCourse,
  publishCourse,
} from './authoring.ts';
import { badgePageRoutes } from './badge-page-routes.ts';
import { badgesCountingToward } from './course-badges.ts';
import { addLessonImage, MAX_IMAGE_BYTES, mayAddImage } from './images.ts';
import { unitOutline } from './model.ts';
import { publishedCourse, searchCatalog } from './queries.ts';
import {
  authoredCourse,
  catalogEntry,
  catalogQuery,
  coursePage,
  createCourseBody,
  updateCourseBody,
} from './schema.ts';
import { publicUnitSchema } from './unit-schema.ts';

const orgParams = z.object({ orgId: z.uuid() });
const courseParams = orgParams.extend({ courseId: z.uuid() });
const present = (a: AuthoredCourse) => authoredCourse.present(a.course, a.latestRevision);

export async function catalogRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // Scoped to this plugin: only the lesson-image route reads multipart bodies. One file, no fields.
  await app.register(multipart, { limits: { files: 1, fields: 0, parts: 1, fileSize: MAX_IMAGE_BYTES } });
  // A badge's public page and the learner's holdings (badge-page-routes.ts).
  await app.register(badgePageRoutes, { deps });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalog'];
  const authored = { 200: authoredCourse.schema };

  r.post(
    '/orgs/:orgId/courses/:courseId/images',
    {
      config: { scope: 'catalog:write' },
      schema: {
        tags,
        summary:
          'Upload a lesson image (PNG or JPEG, at most 2 MB; multipart field "file"); use its url in Markdown',
        consumes: ['multipart/form-data'],
        params: courseParams,
        response: { 201: z.object({ url: z.string() }) },
      },
    },
    async (request, reply) => {
      const { orgId, courseId } = request.params;
      await mayAddImage(deps, request.actor, orgId, courseId);
      if (!request.isMultipart()) {
        throw new InvalidError('Send the image as multipart/form-data in a field named "file".', [
          { path: 'file', message: 'is required', code: 'required' },
        ]);
      }
      const part = await request.file({ throwFileSizeLimit: false });
      if (!part)
        throw new InvalidError('No image was sent.', [
          { path: 'file', message: 'is required', code: 'required' },
        ]);
      const bytes = await part.toBuffer();
      if (part.file.truncated) {
        const detail = `The image is larger than the limit of ${MAX_IMAGE_BYTES / 1024 / 1024} MB; nothing was saved.`;
        return sendProblem(reply, problem('payload-too-large', 413, detail, request));
      }
      return reply.code(201).send(await addLessonImage(deps, request.actor, orgId, courseId, bytes));
    },
  );

  r.post(
    '/orgs/:orgId/courses',
    {
      config: { scope: 'catalog:write' },
      schema: {
        tags,
        summary: 'Draft a new course',
        params: orgParams,
        body: createCourseBody,
        response: { 201: authoredCourse.schema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(present(await createCourse(deps, request.actor, request.params.orgId, request.body))),
  );

  r.get(
    '/orgs/:orgId/courses',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: "The issuer's courses (drafts included), newest first",
        params: orgParams,
        response: { 200: z.object({ items: z.array(authoredCourse.schema) }) },
      },
    },
    async (request) => ({
      items: (await coursesOfIssuer(deps, request.actor, request.params.orgId)).map(present),
    }),
  );

  r.get(
    '/orgs/:orgId/courses/:courseId',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'A course draft with its answers (authors only)',
        params: courseParams,
        response: authored,
      },
    },
    async (request) =>
      present(await loadAuthoredCourse(deps, request.actor, request.params.orgId, request.params.courseId)),
  );

  r.get(
    '/orgs/:orgId/courses/:courseId/preview',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'Preview the draft as learners will see it (no answers)',
        params: courseParams,
        response: {
          200: z.object({
            title: z.string(),
            summary: z.string(),
            units: z.array(publicUnitSchema),
          }),
        },
      },
    },
    async (request) => {
      const { course, units } = await previewCourse(
        deps,
        request.actor,
        request.params.orgId,
        request.params.courseId,
      );
      return {
        title: course.title,
        summary: course.summary,
        units,
      };
    },
  );

  r.patch(
    '/orgs/:orgId/courses/:courseId',
    {
      config: { scope: 'catalog:write' },
      schema: {
        tags,
        summary: 'Edit the draft (details and/or the whole ordered list of units)',
        params: courseParams,
        body: updateCourseBody,
        response: authored,
      },
    },
    async (request) =>
      present(
        await editCourse(deps, request.actor, request.params.orgId, request.params.courseId, request.body),
      ),
  );

  r.post(
    '/orgs/:orgId/courses/:courseId/publish',
    {
      config: { scope: 'catalog:write' },
      schema: {
        tags,
        summary: 'Publish the draft as the next immutable revision',
        params: courseParams,
        response: authored,
      },
    },
    async (request) =>
      present(await publishCourse(deps, request.actor, request.params.orgId, request.params.courseId)),
  );

  r.post(
    '/orgs/:orgId/courses/:courseId/archive',
    {
      config: { scope: 'catalog:write' },
      schema: {
        tags,
        summary: 'Hide the course from the catalog and from new enrolments',
        params: courseParams,
        response: authored,
      },
    },
    async (request) =>
      present(await archiveCourse(deps, request.actor, request.params.orgId, request.params.courseId)),
  );

  r.get(
    '/catalog/courses',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Published courses: search title and summary, filter by skill, issuer, duration, free',
        querystring: catalogQuery,
        response: { 200: z.object({ items: z.array(catalogEntry.schema) }) },
      },
    },
    async (request) => {
      const { free, ...rest } = request.query;
      const rows = await searchCatalog(deps, { ...rest, ...(free ? { free: free === 'true' } : {}) });
      return { items: rows.map(catalogEntry.present) };
    },
  );

  r.get(
    '/catalog/courses/:courseId',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'A published course page: details, the outline of its units (never their answers) and the badges it counts toward',
        params: z.object({ courseId: z.uuid() }),
        response: { 200: coursePage.schema },
      },
    },
    async (request) => {
      const row = await publishedCourse(deps.db, request.params.courseId);
      const badges = await badgesCountingToward(deps, row.courseId);
      return { ...catalogEntry.present(row), units: row.units.map(unitOutline), badges };
    },
  );
}
