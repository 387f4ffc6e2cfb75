// Bulk awards from CSV: upload (dry run), look at the run and its rows, start, cancel. Mounted under /api/v1.
import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { InvalidError, RuleError } from '../errors.ts';
import { problem, sendProblem } from '../http/problem.ts';
import { MAX_BULK_ROWS } from './bulk-csv.ts';
import {
  bulkRunRows,
  cancelBulkRun,
  getBulkRun,
  listBulkRuns,
  previewBulkAward,
  requireBulkAwarder,
  SAMPLE_PROBLEMS,
  startBulkRun,
} from './bulk-service.ts';
import type { BulkRowRow, BulkRunRow } from './bulk-store.ts';

/** 1,000,000 rows of about 100 bytes, with room to spare. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

const runSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  badgeId: z.uuid(),
  fileName: z.string(),
  state: z.enum(['validating', 'previewed', 'running', 'done', 'failed', 'cancelled']),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  /** Valid rows whose address already held the badge (at the dry run or when processed). */
  skippedRows: z.number().int(),
  awardedRows: z.number().int(),
  pendingRows: z.number().int(),
  /** 0 … 1 of the valid rows processed. */
  progress: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const bulkRun = {
  schema: runSchema,
  present: (run: BulkRunRow): z.infer<typeof runSchema> => {
    const done = run.awardedRows + run.skippedRows;
    return {
      id: run.id,
      orgId: run.orgId,
      badgeId: run.badgeId,
      fileName: run.fileName,
      state: run.state,
      totalRows: run.totalRows,
      validRows: run.validRows,
      invalidRows: run.totalRows - run.validRows,
      skippedRows: run.skippedRows,
      awardedRows: run.awardedRows,
      pendingRows: Math.max(0, run.validRows - done),
      progress: run.validRows === 0 ? 1 : Math.min(1, done / run.validRows),
      error: run.error,
      createdAt: run.createdAt.toISOString(),
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: run.finishedAt?.toISOString() ?? null,
    };
  },
};

const rowStatus = z.enum(['invalid', 'pending', 'awarded', 'skipped']);
const rowSchema = z.object({
  rowNumber: z.number().int(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  evidenceUrl: z.string().nullable(),
  evidenceNarrative: z.string().nullable(),
  narrative: z.string().nullable(),
  issueDate: z.string().nullable(),
  status: rowStatus,
  problems: z.array(
    z.object({
      column: z.string(),
      message: z.string(),
      /** Stable code of the rule (e.g. invalid-email, repeats-row) and the values it names, to translate. */
      code: z.string().optional(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  ),
  awardId: z.uuid().nullable(),
});

export const bulkRow = {
  schema: rowSchema,
  present: (row: BulkRowRow): z.infer<typeof rowSchema> => ({
    rowNumber: row.rowNumber,
    email: row.email,
    name: row.name,
    evidenceUrl: row.evidenceUrl,
    evidenceNarrative: row.evidenceNarrative,
    narrative: row.narrative,
    issueDate: row.issueDate?.toISOString() ?? null,
    status: row.status,
    problems: row.problems,
    awardId: row.awardId,
  }),
};

const orgParams = z.object({ orgId: z.uuid() });
const runParams = orgParams.extend({ runId: z.uuid() });

/** The file as a stream of chunks: a text/csv body, or the "file" field of a multipart form. */
async function uploadedFile(
  request: FastifyRequest,
): Promise<{ fileName: string; source: AsyncIterable<Uint8Array> } | null> {
  const named = (request.query as { fileName?: string }).fileName;
  if (request.isMultipart()) {
    const part = await request.file({ limits: { fileSize: MAX_FILE_BYTES } });
    if (part?.fieldname !== 'file') {
      throw new InvalidError('Send the CSV file in a field named "file".', [
        { path: 'file', message: 'is required', code: 'required' },
      ]);
    }
    return { fileName: named ?? part.filename ?? 'upload.csv', source: limited(part.file) };
  }
  const body = request.body as Readable | undefined;
  if (!body || typeof (body as Partial<Readable>).pipe !== 'function') return null;
  return { fileName: named ?? 'upload.csv', source: limited(body) };
}

const tooLarge = () =>
  new RuleError('bulk-file-refused', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`, {
    reason: 'too-large',
    params: { maxMegabytes: MAX_FILE_BYTES / 1024 / 1024 },
  });

async function* limited(stream: AsyncIterable<Uint8Array> & { truncated?: boolean }) {
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += chunk.length;
    if (bytes > MAX_FILE_BYTES || stream.truncated) {
      throw tooLarge();
    }
    yield chunk;
  }
  if (stream.truncated) throw tooLarge();
}

export async function bulkAwardRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // Scoped to this plugin: the CSV arrives as a stream, read row by row (never held whole in memory).
  app.addContentTypeParser(['text/csv', 'text/plain'], (_request, payload, done) => done(null, payload));
  await app.register(multipart, { limits: { files: 1, fields: 0, parts: 1, fileSize: MAX_FILE_BYTES } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['badges'];

  r.post(
    '/orgs/:orgId/badges/:badgeId/bulk-awards',
    {
      config: { scope: 'awards:write' },
      schema: {
        tags,
        summary: `Dry run of a bulk award: upload a CSV (text/csv body, or multipart field "file"; columns email, name, evidence_url, evidence_narrative, narrative, issue_date; at most ${MAX_BULK_ROWS.toLocaleString('en')} rows). Every row is checked and stored; nothing is awarded until the run is started.`,
        consumes: ['text/csv', 'multipart/form-data'],
        params: orgParams.extend({ badgeId: z.uuid() }),
        querystring: z.object({ fileName: z.string().trim().min(1).max(200).optional() }),
        response: {
          201: runSchema.extend({
            sampleProblems: z.array(rowSchema).describe(`The first ${SAMPLE_PROBLEMS} invalid rows`),
          }),
        },
      },
    },
    async (request, reply) => {
      const { orgId, badgeId } = request.params;
      // Authorize before reading a byte of the upload.
      requireBulkAwarder(request.actor, orgId);
      const file = await uploadedFile(request);
      if (!file) {
        const detail = 'Send the file as text/csv, or as multipart/form-data in a field named "file".';
        return sendProblem(reply, problem('unsupported-media-type', 415, detail, request));
      }
      const { run, sampleProblems } = await previewBulkAward(deps, request.actor, {
        orgId,
        badgeId,
        ...file,
      });
      return reply
        .code(201)
        .send({ ...bulkRun.present(run), sampleProblems: sampleProblems.map(bulkRow.present) });
    },
  );

  r.get(
    '/orgs/:orgId/bulk-awards',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'Bulk award runs of the organization, newest first',
        params: orgParams,
        querystring: z.object({
          badgeId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(runSchema) }) },
      },
    },
    async (request) => ({
      items: (await listBulkRuns(deps, request.actor, request.params.orgId, request.query)).map(
        bulkRun.present,
      ),
    }),
  );

  r.get(
    '/orgs/:orgId/bulk-awards/:runId',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'A bulk award run: state, counts and progress',
        params: runParams,
        response: { 200: runSchema },
      },
    },
    async (request) =>
      bulkRun.present(await getBulkRun(deps, request.actor, request.params.orgId, request.params.runId)),
  );

  r.get(
    '/orgs/:orgId/bulk-awards/:runId/rows',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: "A run's rows in file order, e.g. ?status=invalid for each row's problems",
        params: runParams,
        querystring: z.object({
          status: rowStatus.optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(rowSchema), total: z.number().int() }) },
      },
    },
    async (request) => {
      const { orgId, runId } = request.params;
      const { items, total } = await bulkRunRows(deps, request.actor, orgId, runId, request.query);
      return { items: items.map(bulkRow.present), total };
    },
  );

  r.post(
    '/orgs/:orgId/bulk-awards/:runId/start',
    {
      config: { scope: 'awards:write' },
      schema: {
        tags,
        summary:
          'Award the valid rows in the background (idempotent per row; resumable); poll the run for progress',
        params: runParams,
        response: { 202: runSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(
          bulkRun.present(
            await startBulkRun(deps, request.actor, request.params.orgId, request.params.runId),
          ),
        ),
  );

  r.post(
    '/orgs/:orgId/bulk-awards/:runId/cancel',
    {
      config: { scope: 'awards:write' },
      schema: {
        tags,
        summary: 'Stop a run between two batches; rows already awarded stay awarded',
        params: runParams,
        response: { 200: runSchema },
      },
    },
    async (request) =>
      bulkRun.present(await cancelBulkRun(deps, request.actor, request.params.orgId, request.params.runId)),
  );
}
