// The runtime alone (database on a fresh schema, jobs, mail), for tests below HTTP.
import { randomBytes } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createLogger, openRuntime, type Runtime } from '../../src/runtime.ts';
import { testDatabaseUrl, uniqueSchemaName, workerPglite } from './database.ts';
import { isPooled, openOnSchema, takeSchema } from './schema-pool.ts';

export interface TestRuntimeOptions {
  env?: Record<string, string>;
  now?: () => Date;
  /** Start the job workers in-process (mail delivery, …). */
  workers?: boolean;
  /** Capture the JSON log lines here (set LOG_LEVEL in env to see more than the default silence). */
  logDestination?: DestinationStream;
}

/**
 * One key-encryption key for every runtime of this test process, as an install has one: several apps of a test
 * file meet in the same embedded database (install-wide keys such as the platform's and the OAuth server's are
 * made by whichever starts first), and each must unwrap what the others wrapped.
 */
const TEST_KEY_ENCRYPTION_KEY = randomBytes(32).toString('base64');

export async function createTestRuntime(options: TestRuntimeOptions = {}): Promise<Runtime> {
  const chosen = options.env?.DATABASE_SCHEMA;
  const pooled = chosen === undefined && options.env?.JOBS_SCHEMA === undefined ? takeSchema() : undefined;
  const schema = pooled ?? uniqueSchemaName();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_URL: 'http://localhost:3000',
    DATABASE_URL: testDatabaseUrl,
    DATABASE_SCHEMA: schema,
    JOBS_SCHEMA: `${schema}_jobs`,
    DATA_DIR: `/tmp/tessera-test-${uniqueSchemaName('files')}`,
    KEY_ENCRYPTION_KEY: TEST_KEY_ENCRYPTION_KEY,
    AUTH_RATE_LIMIT: '1000',
    SEED_DEMO_DATA: 'false',
    ...options.env,
  });
  const runtime = await openRuntime(config, {
    log: options.logDestination
      ? createLogger(config, { destination: options.logDestination, terminal: false })
      : undefined,
    pglite: testDatabaseUrl ? undefined : await workerPglite(),
    now: options.now,
    pollingIntervalSeconds: 0.5,
  });
  // Test files share schemas through the pool (schema-pool.ts), except one a test names itself.
  const managed = chosen === undefined ? true : isPooled(chosen);
  if (managed) {
    const closed = await openOnSchema(config.database.schema, chosen === undefined && pooled === undefined);
    const close = runtime.close;
    runtime.close = async () => {
      await close();
      closed();
    };
  }
  if (options.workers) await runtime.deps.jobs.startWorkers(runtime.deps);
  return runtime;
}
