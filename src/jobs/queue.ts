// Queue set-up (pg-boss on the same database) and worker registration. Each job itself lives in
// its context's jobs.ts as a JobDefinition: name, payload schema, handler and retry policy together.
import { createHash } from 'node:crypto';
import { fromKysely, fromPglite, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { DatabaseHandle } from '../db/connection.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { type RunningTickers, startTickers, type Ticker } from './ticker.ts';

export interface JobDefinition<T> {
  name: string;
  payload: z.ZodType<T>;
  retryLimit: number;
  retryDelaySeconds: number;
  /**
   * How long one attempt may run before it counts as failed and is retried: also how long the job of a
   * worker that crashed (kill -9) waits before another takes it. pg-boss's default is 15 minutes.
   */
  expireInSeconds?: number;
  /**
   * For long jobs: the worker reports every half of this, and an attempt not heard from for this long
   * (its worker crashed) is retried without waiting for its expiry. At least 10.
   */
  heartbeatSeconds?: number;
  handle(deps: Deps, payload: T): Promise<void>;
  /** Called once the last retry failed (e.g. mark a message as failed for people to see). */
  onFailed?(deps: Deps, payload: T, error: unknown): Promise<void>;
}

export interface EnqueueOptions {
  /** Same key, same job: a retried request never enqueues twice (pg-boss dedupes on job id). */
  idempotencyKey?: string;
  startAfter?: Date;
}

export interface JobQueue {
  /**
   * Enqueue inside the caller's transaction (or on the database): the job exists only if the
   * transaction commits. This is the only way to enqueue; it avoids PGlite's single-connection
   * deadlock and jobs escaping a rolled-back transaction on PostgreSQL.
   */
  enqueue<T>(executor: Executor, job: JobDefinition<T>, payload: T, options?: EnqueueOptions): Promise<void>;
  /** Many jobs of one kind in one INSERT (bulk work), with the same transaction and key rules as enqueue. */
  enqueueMany<T>(
    executor: Executor,
    job: JobDefinition<T>,
    items: readonly { payload: T; idempotencyKey?: string }[],
  ): Promise<void>;
  /** The settings pg-boss holds for a job's queue (operators and tests: what a crash costs). */
  settingsOf(name: string): Promise<QueueSettings | undefined>;
  /** Runs every registered job's worker and ticker in this process (`npm start`, or `tessera worker`). */
  startWorkers(deps: Deps): Promise<void>;
  stop(): Promise<void>;
}

export interface QueueSettings {
  retryLimit: number;
  retryDelaySeconds: number;
  expireInSeconds: number;
  heartbeatSeconds: number | null;
}

/**
 * How often pg-boss looks for jobs that expired or stopped sending heartbeats (its default is 60 s):
 * with the delivery job's expiry, mail cut off by a crash is retried within about two minutes.
 */
const SUPERVISE_SECONDS = 30;

export interface QueueOptions {
  schema: string;
  /** Every job the application knows; their queues are created at start, never mid-transaction. */
  jobs: JobDefinition<never>[];
  /** Periodic tasks started with the workers (src/jobs/registry.ts allTickers). */
  tickers?: readonly Ticker[];
  log: Logger;
  pollingIntervalSeconds?: number;
}

export async function createJobQueue(
  database: DatabaseHandle,
  connectionString: string | undefined,
  options: QueueOptions,
): Promise<JobQueue> {
  const boss =
    database.pglite !== undefined
      ? new PgBoss({
          db: fromPglite(database.pglite),
          backend: 'pglite',
          schema: options.schema,
          supervise: true,
          schedule: false,
          superviseIntervalSeconds: SUPERVISE_SECONDS,
          monitorIntervalSeconds: SUPERVISE_SECONDS,
        })
      : new PgBoss({
          connectionString,
          schema: options.schema,
          max: 4,
          schedule: false,
          superviseIntervalSeconds: SUPERVISE_SECONDS,
          monitorIntervalSeconds: SUPERVISE_SECONDS,
        });
  boss.on('error', (error) => options.log.error({ err: error }, 'job queue error'));
  await boss.start();
  // Created up front: on PGlite (one connection) a createQueue() during an open transaction would wait forever.
  for (const job of options.jobs) {
    const settings = {
      retryLimit: job.retryLimit,
      retryDelay: job.retryDelaySeconds,
      retryBackoff: true,
      ...(job.expireInSeconds ? { expireInSeconds: job.expireInSeconds } : {}),
    };
    const heartbeat = job.heartbeatSeconds ? { heartbeatSeconds: job.heartbeatSeconds } : {};
    await boss.createQueue(job.name, { ...settings, ...heartbeat });
    // createQueue leaves an existing queue as it was: bring an older install's settings up to date.
    await boss.updateQueue(job.name, { ...settings, heartbeatSeconds: job.heartbeatSeconds ?? null });
  }
  const known = new Set(options.jobs.map((job) => job.name));
  let stopped = false;
  let tickers: RunningTickers | undefined;

  return {
    async enqueue(executor, job, payload, enqueueOptions = {}) {
      if (!known.has(job.name)) throw new Error(`Job ${job.name} is not registered in src/jobs/registry.ts`);
      const data = job.payload.parse(payload) as object;
      await boss.send(job.name, data, {
        db: fromKysely(executor as never),
        id: enqueueOptions.idempotencyKey
          ? uuidFromKey(`${job.name}:${enqueueOptions.idempotencyKey}`)
          : undefined,
        startAfter: enqueueOptions.startAfter,
      });
    },
    async enqueueMany(executor, job, items) {
      if (!known.has(job.name)) throw new Error(`Job ${job.name} is not registered in src/jobs/registry.ts`);
      if (items.length === 0) return;
      const jobs = items.map((item) => ({
        data: job.payload.parse(item.payload) as object,
        id: item.idempotencyKey ? uuidFromKey(`${job.name}:${item.idempotencyKey}`) : undefined,
      }));
      await boss.insert(job.name, jobs, { db: fromKysely(executor as never) });
    },
    async settingsOf(name) {
      const queue = await boss.getQueue(name);
      if (!queue) return undefined;
      return {
        retryLimit: queue.retryLimit ?? 0,
        retryDelaySeconds: queue.retryDelay ?? 0,
        expireInSeconds: queue.expireInSeconds ?? 0,
        heartbeatSeconds: queue.heartbeatSeconds ?? null,
      };
    },
    async startWorkers(deps) {
      for (const job of options.jobs) {
        await boss.work<unknown>(
          job.name,
          { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
          async ([received]) => {
            if (!received) return;
            const payload = job.payload.parse(received.data);
            try {
              await job.handle(deps, payload);
            } catch (error) {
              const final = received.retryCount >= job.retryLimit;
              deps.log.warn({ err: error, job: job.name, id: received.id, final }, 'job failed');
              if (final) await job.onFailed?.(deps, payload, error);
              throw error;
            }
          },
        );
      }
      if (!stopped && !tickers) tickers = startTickers(deps, options.tickers ?? [], options.log);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await tickers?.stop();
      // graceful: active jobs finish (or time out) before the connection closes.
      await boss.stop({ graceful: true, close: database.pglite === undefined, timeout: 10_000 });
    },
  };
}

/** A deterministic UUID (v8 layout) from an idempotency key, since pg-boss job ids are UUIDs. */
export function uuidFromKey(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
