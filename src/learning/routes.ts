// The learner's routes (/me/enrolments…, /me/completions…) and the assessor's review queue
// (/orgs/{orgId}/reviews…). Mounted under /api/v1.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_UPLOAD_MEGABYTES } from '../catalog/index.ts';
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import { problem, sendProblem } from '../http/problem.ts';
import { certificatePdf } from './certificate.ts';
import { myCertificateFacts, myCompletions } from './completion.ts';
import { enrol, myEnrolment, myLearning } from './enrolment.ts';
import { editEvidence, reviewQueue, reviewSubmission, submitEvidence } from './evidence.ts';
import { answerQuestion, openUnit } from './player.ts';
import { reviewHistory } from './review-history.ts';
import { reviewHistoryQuery, reviewHistoryReply } from './review-history-schema.ts';
import {
  answerBody,
  completion,
  enrolBody,
  enrolment,
  evidenceBody,
  playerUnit,
  queueItem,
  queueQuery,
  reviewBody,
  submission,
} from './schema.ts';
import { submitFile, submittedFile, uploadRules } from './uploads.ts';

const enrolmentParams = z.object({ enrolmentId: z.uuid() });
const MAX_UPLOAD_BYTES = MAX_UPLOAD_MEGABYTES * 1024 * 1024;

export async function learningRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // Scoped to this plugin: only the evidence upload route reads multipart bodies. One file, no fields.
  await app.register(multipart, { limits: { files: 1, fields: 0, parts: 1, fileSize: MAX_UPLOAD_BYTES } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['learning'];

  r.post(
    '/me/enrolments/:enrolmentId/evidence/:unitId/file',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary:
          'Upload the file of a file-upload task (multipart/form-data, one field "file"; the task names types and size)',
        consumes: ['multipart/form-data'],
        params: enrolmentParams.extend({ unitId: z.string().min(1).max(40) }),
        response: { 201: submission.schema },
      },
    },
    async (request, reply) => {
      const { enrolmentId, unitId } = request.params;
      const rules = await uploadRules(deps, request.actor, enrolmentId, unitId);
      if (!request.isMultipart()) {
        throw new InvalidError('Send the file as multipart/form-data in a field named "file".', [
          { path: 'file', message: 'is required', code: 'required' },
        ]);
      }
      const part = await request.file({
        limits: { fileSize: rules.maxMegabytes * 1024 * 1024 },
        throwFileSizeLimit: false,
      });
      if (!part)
        throw new InvalidError('No file was sent.', [
          { path: 'file', message: 'is required', code: 'required' },
        ]);
      const bytes = await part.toBuffer();
      if (part.file.truncated) {
        const detail = `The file is larger than this task's limit of ${rules.maxMegabytes} MB; nothing was saved.`;
        return sendProblem(reply, problem('payload-too-large', 413, detail, request));
      }
      const saved = await submitFile(deps, request.actor, enrolmentId, unitId, {
        filename: part.filename,
        bytes,
      });
      return reply.code(201).send(submission.present(saved));
    },
  );

  r.post(
    '/me/enrolments',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Enrol in a free published course (paid courses answer payment-required)',
        body: enrolBody,
        response: { 201: enrolment.schema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(enrolment.present(await enrol(deps, request.actor, request.body.courseId))),
  );

  r.get(
    '/me/enrolments',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'My learning: my enrolments with progress',
        response: { 200: z.object({ items: z.array(enrolment.schema) }) },
      },
    },
    async (request) => ({ items: (await myLearning(deps, request.actor)).map(enrolment.present) }),
  );

  r.get(
    '/me/enrolments/:enrolmentId',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The player: units with their status and the position to resume at',
        params: enrolmentParams,
        response: { 200: enrolment.schema },
      },
    },
    async (request) => enrolment.present(await myEnrolment(deps, request.actor, request.params.enrolmentId)),
  );

  r.get(
    '/me/enrolments/:enrolmentId/units/:unitId',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary:
          'Open a unit (records the first open and the position when the caller may learn: a session or learning:write); questions come without answers',
        params: enrolmentParams.extend({ unitId: z.string().min(1).max(40) }),
        response: { 200: playerUnit.schema },
      },
    },
    async (request) =>
      playerUnit.present(
        await openUnit(deps, request.actor, request.params.enrolmentId, request.params.unitId),
      ),
  );

  r.post(
    '/me/enrolments/:enrolmentId/answers',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary:
          "Answer a question: saved at once; returns right or wrong and the author's feedback on the choice",
        params: enrolmentParams,
        body: answerBody,
        response: {
          200: z.object({
            correct: z.boolean(),
            feedback: z.array(z.string()),
            unitDone: z.boolean(),
            completion: completion.schema.nullable(),
          }),
        },
      },
    },
    async (request) => {
      const outcome = await answerQuestion(deps, request.actor, request.params.enrolmentId, request.body);
      return { ...outcome, completion: outcome.completion ? completion.present(outcome.completion) : null };
    },
  );

  r.post(
    '/me/enrolments/:enrolmentId/evidence',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Hand in evidence: an essay {text}, a {url} or an attendance {code}',
        params: enrolmentParams,
        body: evidenceBody,
        response: { 201: submission.schema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          submission.present(
            await submitEvidence(deps, request.actor, request.params.enrolmentId, request.body),
          ),
        ),
  );

  r.put(
    '/me/enrolments/:enrolmentId/evidence/:unitId',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary:
          'Change an essay {text} or a {url} still waiting for review (it keeps its place in the queue); 409 evidence-not-editable once reviewed',
        params: enrolmentParams.extend({ unitId: z.string().min(1).max(40) }),
        body: z.strictObject({ response: evidenceBody.shape.response }).meta({
          examples: [{ response: { text: 'We run payroll twice a month, on the 15th and the last day.' } }],
        }),
        response: { 200: submission.schema },
      },
    },
    async (request) =>
      submission.present(
        await editEvidence(deps, request.actor, request.params.enrolmentId, {
          unitId: request.params.unitId,
          response: request.body.response,
        }),
      ),
  );

  r.get(
    '/me/completions',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'My completed courses with their activity codes',
        response: { 200: z.object({ items: z.array(completion.schema) }) },
      },
    },
    async (request) => ({ items: (await myCompletions(deps, request.actor)).map(completion.present) }),
  );

  r.get(
    '/me/completions/:completionId/certificate.pdf',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The PDF certificate of completion (with a QR code to check it online)',
        params: z.object({ completionId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const facts = await myCertificateFacts(deps, request.actor, request.params.completionId);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="certificate-${facts.completion.activityCode}.pdf"`,
        )
        .send(Buffer.from(await certificatePdf(facts)));
    },
  );

  r.get(
    '/orgs/:orgId/reviews',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The review queue of evidence submissions (assessors, admins, owners)',
        params: z.object({ orgId: z.uuid() }),
        querystring: queueQuery,
        response: { 200: z.object({ items: z.array(queueItem.schema) }) },
      },
    },
    async (request) => ({
      items: (await reviewQueue(deps, request.actor, request.params.orgId, request.query)).map(
        queueItem.present,
      ),
    }),
  );

  r.get(
    '/orgs/:orgId/reviews/history',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary:
          "Reviews already decided, newest first: the caller's own (assessor=me), or everyone's in the organization (assessor=all: admins, owners)",
        params: z.object({ orgId: z.uuid() }),
        querystring: reviewHistoryQuery,
        response: { 200: reviewHistoryReply.schema },
      },
    },
    async (request) =>
      reviewHistoryReply.present(
        await reviewHistory(deps, request.actor, request.params.orgId, request.query),
      ),
  );

  r.get(
    '/orgs/:orgId/reviews/:submissionId/file',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The uploaded file of a file-upload submission (reviewers)',
        params: z.object({ orgId: z.uuid(), submissionId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const file = await submittedFile(
        deps,
        request.actor,
        request.params.orgId,
        request.params.submissionId,
      );
      return reply
        .type(file.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${file.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .send(file.bytes);
    },
  );

  r.post(
    '/orgs/:orgId/reviews/:submissionId',
    {
      config: { scope: 'awards:write' },
      schema: {
        tags,
        summary: 'Review a submission: rubric scores, feedback, accept or return for resubmission',
        params: z.object({ orgId: z.uuid(), submissionId: z.uuid() }),
        body: reviewBody,
        response: { 200: submission.schema },
      },
    },
    async (request) =>
      submission.present(
        await reviewSubmission(
          deps,
          request.actor,
          request.params.orgId,
          request.params.submissionId,
          request.body,
        ),
      ),
  );
}
