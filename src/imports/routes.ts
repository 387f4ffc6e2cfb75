// The learner's imported badges (mounted under /api/v1): import (JSON or a baked image upload), list,
// read with the last report, verify again, share, remove. Multipart is registered inside this plugin.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import { problem, sendProblem } from '../http/problem.ts';
import { NotABadgeError } from '../verification/index.ts';
import { MAX_FILE_BYTES } from './model.ts';
import {
  type ImportBody,
  importBody,
  importedDetail,
  importedItem,
  importedParams,
  importProblems,
  presentImported,
  presentImportedDetail,
  sharingBody,
} from './schema.ts';
import {
  type ImportInput,
  importBadge,
  myImportedBadge,
  myImportedBadges,
  removeImportedBadge,
  reverifyMyImportedBadge,
  shareImportedBadge,
} from './service.ts';

const filled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Exactly one badge per request: a url, a credential, or a file. */
function importInputOf(body: ImportBody | null | undefined, file?: Buffer): ImportInput {
  const inputs: ImportInput[] = [];
  if (file) inputs.push({ file });
  if (filled(body?.url)) inputs.push({ url: body.url });
  if (typeof body?.credential === 'object' || filled(body?.credential))
    inputs.push({ credential: body.credential });
  if (inputs.length !== 1) {
    const message =
      inputs.length === 0
        ? 'Send a url, a credential (JSON or JWT), or a baked image as multipart field "file".'
        : 'Send one badge at a time: url, credential or file.';
    throw new InvalidError(message, [
      { path: 'body', message, code: inputs.length === 0 ? 'import-input-missing' : 'import-input-several' },
    ]);
  }
  return inputs[0]!;
}

/** The uploaded file, or a problem reply when it is over the cap. */
async function readUpload(request: FastifyRequest, reply: FastifyReply): Promise<Buffer | FastifyReply> {
  const part = await request.file({ throwFileSizeLimit: false });
  if (part?.fieldname !== 'file')
    throw new InvalidError('No badge image was sent.', [
      { path: 'file', message: 'is required', code: 'required' },
    ]);
  const bytes = await part.toBuffer();
  if (part.file.truncated) {
    const detail = `The image is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`;
    return sendProblem(reply, {
      ...problem('not-a-badge', 413, detail, request),
      reason: 'BAKE_TOO_LARGE',
    } as never);
  }
  if (bytes.length === 0)
    throw new InvalidError('The file is empty.', [{ path: 'file', message: 'is empty', code: 'empty' }]);
  return bytes;
}

function sendNotABadge(reply: FastifyReply, request: FastifyRequest, error: NotABadgeError) {
  return sendProblem(reply, {
    ...problem('not-a-badge', error.tooLarge ? 413 : 422, error.message, request),
    reason: error.reason,
  } as never);
}

export async function importRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  await app.register(multipart, { limits: { files: 1, fields: 0, parts: 1, fileSize: MAX_FILE_BYTES } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['backpack import'];
  const notFound = 'Someone else’s imported badge answers 404.';

  r.post(
    '/me/imported-badges',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary:
          'Import a badge earned elsewhere: an OB 2.0 assertion URL, OB 3.0 JSON or JWT, or a baked PNG/SVG',
        description:
          'JSON `{url}` or `{credential}`, or `multipart/form-data` with a baked image in `file` (PNG or SVG, up to 5 MiB). ' +
          'The badge is verified now and kept with the result even when a check fails. Input that is not a badge, or of ' +
          'which nothing can be read, is refused with 413/422 problem+json whose `reason` names why; the same badge twice ' +
          'is 409 `already-imported`; at most 500 per learner (`import-limit`).',
        body: importBody.nullish(),
        response: { 201: importedDetail, ...importProblems },
      },
    },
    async (request, reply) => {
      let file: Buffer | undefined;
      if (request.isMultipart()) {
        const read = await readUpload(request, reply);
        if (!Buffer.isBuffer(read)) return read;
        file = read;
      }
      const input = importInputOf(file ? undefined : request.body, file);
      try {
        const imported = await importBadge(deps, request.actor, input);
        return reply.code(201).send(presentImportedDetail(deps, imported));
      } catch (error) {
        if (error instanceof NotABadgeError) return sendNotABadge(reply, request, error);
        throw error;
      }
    },
  );

  r.get(
    '/me/imported-badges',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'My imported badges, newest first, each with its last verdict',
        response: { 200: z.object({ items: z.array(importedItem) }) },
      },
    },
    async (request) => ({
      items: (await myImportedBadges(deps, request.actor)).map((row) => presentImported(deps, row)),
    }),
  );

  r.get(
    '/me/imported-badges/:id',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'One of my imported badges with its last verification report',
        description: notFound,
        params: importedParams,
        response: { 200: importedDetail },
      },
    },
    async (request) =>
      presentImportedDetail(deps, await myImportedBadge(deps, request.actor, request.params.id)),
  );

  r.delete(
    '/me/imported-badges/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Remove an imported badge from my backpack',
        description: notFound,
        params: importedParams,
      },
    },
    async (request, reply) => {
      await removeImportedBadge(deps, request.actor, request.params.id);
      return reply.code(204).send();
    },
  );

  r.post(
    '/me/imported-badges/:id/verify',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Verify an imported badge again now (it is also re-verified daily)',
        description: notFound,
        params: importedParams,
        response: { 200: importedDetail },
      },
    },
    async (request) =>
      presentImportedDetail(deps, await reverifyMyImportedBadge(deps, request.actor, request.params.id)),
  );

  r.put(
    '/me/imported-badges/:id/sharing',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Make an imported badge’s page (/imported/{id}) public, or private again (the default)',
        description: notFound,
        params: importedParams,
        body: sharingBody,
        response: { 200: importedItem },
      },
    },
    async (request) =>
      presentImported(
        deps,
        await shareImportedBadge(deps, request.actor, request.params.id, request.body.visibility),
      ),
  );
}
