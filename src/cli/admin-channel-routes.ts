// The server's side of the local admin channel (the CLI's side is admin-channel.ts). The embedded
// database admits one process, so `tessera serve` on it listens on DATA_DIR/run/admin.sock as well, and
// does there what `user create`, `org create` and `award bulk` would do on a database they opened: the
// same functions, so the same messages and exit codes. Who may call: the data directory's owner only
// (the directory is 0700 and the socket 0600); they could stop the server and open the database, so the
// channel grants nothing more, and it acts as the system, as the CLI does. Not part of the HTTP API.
import { chmodSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { bulkAwardJob } from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import { createOrganizationFromCli, createUserFromCli } from './admin-actions.ts';
import { adminSocketPath, type ChannelRefusal } from './admin-channel.ts';
import {
  findBulkRunHere,
  previewBulkAwardHere,
  processBulkRunHere,
  startBulkRunInProcess,
} from './award-local.ts';
import { CliError } from './errors.ts';

/** A Unix socket's path must fit sun_path (108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH_BYTES = 103;

const newUser = z.object({
  email: z.string().min(1),
  name: z.string().min(1),
  password: z.string(),
  operator: z.boolean(),
});
const newOrganization = z.object({
  name: z.string().min(1),
  slug: z.string().min(1),
  kind: z.enum(['issuer', 'employer']),
  owner: z.string().min(1).optional(),
});
const uuid = z.uuid();
const bulkQuery = z.object({ badgeId: z.uuid(), fileName: z.string().trim().min(1).max(200) });

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `  ${i.path.join('.') || 'request'}: ${i.message}`);
    throw new CliError(`The request was refused:\n${fields.join('\n')}`, 2);
  }
  return result.data;
}

function runId(params: unknown): string {
  return parsed(uuid, (params as { runId?: string }).runId);
}

export interface AdminChannelHandle {
  path: string;
  close(): Promise<void>;
}

/**
 * Listens on DATA_DIR/run/admin.sock; null (with a warning in the log) when the path cannot hold a
 * socket. `processesJobs`: this process runs the job workers, so a started bulk run goes to them.
 */
export async function openAdminChannel(
  deps: Deps,
  options: { processesJobs: boolean },
): Promise<AdminChannelHandle | null> {
  const path = adminSocketPath(deps.config.dataDir);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES) {
    deps.log.warn({ path }, 'admin channel not opened: DATA_DIR is too long a path for a Unix socket');
    return null;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  chmodSync(dirname(path), 0o700);
  // This process holds the data directory's lock: a socket already there was left by one that died.
  const existing = lstatSync(path, { throwIfNoEntry: false });
  if (existing?.isSocket()) rmSync(path);
  else if (existing) {
    deps.log.warn({ path }, 'admin channel not opened: something that is not a socket has its name');
    return null;
  }
  const app = channelApp(deps, options);
  await app.listen({ path });
  chmodSync(path, 0o600);
  return {
    path,
    async close() {
      await app.close();
      rmSync(path, { force: true });
    },
  };
}

/** The channel's routes, without a listener (tests call it with inject()). */
export function channelApp(deps: Deps, options: { processesJobs: boolean }): FastifyInstance {
  // No request log: a password arrives in a body, and the channel is not the public API.
  const app = Fastify({ logger: false });
  app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof CliError) {
      const refusal: ChannelRefusal = { message: error.message, exitCode: error.exitCode };
      return reply.code(error.exitCode === 2 ? 400 : 422).send(refusal);
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send({ message: (error as Error).message, exitCode: 2 });
    }
    deps.log.error({ err: error }, 'admin channel: the request failed');
    const failed: ChannelRefusal = {
      message: 'The running Tessera server could not do this; its log says why.',
      exitCode: 1,
    };
    return reply.code(500).send(failed);
  });

  app.get('/ping', async () => ({ pid: process.pid }));

  app.post('/users', async (request, reply) => {
    const created = await createUserFromCli(deps, parsed(newUser, request.body));
    return reply.code(201).send(created);
  });

  app.post('/orgs', async (request, reply) => {
    const created = await createOrganizationFromCli(deps, parsed(newOrganization, request.body));
    return reply.code(201).send(created);
  });

  app.post('/bulk-awards', async (request, reply) => {
    const { badgeId, fileName } = parsed(bulkQuery, request.query);
    const source = request.body as AsyncIterable<Uint8Array> | undefined;
    if (!source || typeof (source as Partial<AsyncIterable<Uint8Array>>)[Symbol.asyncIterator] !== 'function')
      throw new CliError('Send the CSV file as text/csv.', 2);
    return reply.code(201).send(await previewBulkAwardHere(deps, { badgeId, fileName, source }));
  });

  app.get('/bulk-awards/:runId', async (request) => {
    const id = runId(request.params);
    const run = await findBulkRunHere(deps, id);
    if (!run) throw new CliError(`No bulk award run ${id}.`, 2);
    return run;
  });

  app.post('/bulk-awards/:runId/start', async (request, reply) => {
    const id = runId(request.params);
    const run = await startBulkRunInProcess(deps, id);
    if (run.state === 'running') awardInBackground(deps, run, options.processesJobs);
    return reply.code(202).send(run);
  });

  return app;
}

/**
 * The job workers award the run, as after the API's start; a process without workers awards it itself.
 * A run already held by a live worker stays with it (the job finds it busy and leaves it).
 */
function awardInBackground(
  deps: Deps,
  run: Awaited<ReturnType<typeof startBulkRunInProcess>>,
  processesJobs: boolean,
): void {
  const failed = (error: unknown) =>
    deps.log.error({ err: error, runId: run.id }, 'admin channel: the bulk award run stopped');
  if (processesJobs) {
    const key = `${run.id}:cli:${deps.now().getTime()}`;
    deps.jobs.enqueue(deps.db, bulkAwardJob, { runId: run.id }, { idempotencyKey: key }).catch(failed);
    return;
  }
  processBulkRunHere(deps, run, () => {}).catch(failed);
}
