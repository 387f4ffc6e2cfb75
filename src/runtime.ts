// Opens what a Tessera process needs (database, migrations, job queue, mail transport, file storage) and closes it
// in reverse order. Used by `serve`, `worker`, the CLI commands and the test app builder.
import type { PGlite } from '@electric-sql/pglite';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Deps } from './deps.ts';
import { loadKeyEncryptionKey } from './issuing/index.ts';
import { createJobQueue } from './jobs/queue.ts';
import { allJobs, allTickers } from './jobs/registry.ts';
import { createMailTransport } from './mail/index.ts';
import { createFileStorage } from './storage/index.ts';

export interface Runtime {
  deps: Deps;
  database: DatabaseHandle;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log?: Logger;
  now?: () => Date;
  /** Tests share one embedded instance per worker (a schema per test file). */
  pglite?: PGlite;
  pollingIntervalSeconds?: number;
}

export interface LogOutput {
  /** Where lines go (tests capture them); default standard output. */
  destination?: DestinationStream;
  /** Whether a person reads the output (standard output is a terminal); default: ask stdout. */
  terminal?: boolean;
}

/** Readable lines for a person at a terminal in development; JSON lines for machines everywhere else. */
export function logFormat(env: Config['env'], terminal: boolean): 'pretty' | 'json' {
  return env === 'development' && terminal ? 'pretty' : 'json';
}

export function createLogger(config: Readonly<Config>, output: LogOutput = {}): Logger {
  const format = logFormat(config.env, output.terminal ?? process.stdout.isTTY === true);
  const pinoOptions: LoggerOptions = {
    level: config.logLevel,
    // Secrets never reach the logs, whichever object carries them.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.secretKeyMultibase',
        '*.token',
      ],
      censor: '[redacted]',
    },
  };
  if (format === 'json')
    return output.destination ? pino(pinoOptions, output.destination) : pino(pinoOptions);
  // Formatted in this thread and written synchronously: a line printed just before exit is not lost, and a
  // multi-line message (the demo accounts) prints as lines, not as one escaped JSON string.
  const prettify = prettyFactory({
    translateTime: 'HH:MM:ss',
    ignore: 'pid,hostname',
    ...(output.destination ? { colorize: false } : {}),
  });
  const destination = output.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(pinoOptions, { write: (line: string) => void destination.write(prettify(line)) });
}

export async function openRuntime(config: Readonly<Config>, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? createLogger(config);
  const database = await openDatabase(config.database, { pglite: options.pglite });
  try {
    const applied = await migrateToLatest(database.db, database.schema);
    if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
    const jobs = await createJobQueue(
      database,
      config.database.kind === 'postgres' ? config.database.url : undefined,
      {
        schema: config.jobsSchema,
        jobs: allJobs,
        tickers: allTickers,
        log,
        pollingIntervalSeconds: options.pollingIntervalSeconds,
      },
    );
    const mail = createMailTransport(config.mail.smtpUrl);
    const keyEncryptionKey = loadKeyEncryptionKey(config, (message) => log.warn(message));
    const deps: Deps = {
      config,
      db: database.db,
      jobs,
      mail,
      storage: createFileStorage(config.storage),
      now: options.now ?? (() => new Date()),
      log,
      secrets: { keyEncryptionKey },
    };
    return {
      deps,
      database,
      async close() {
        await jobs.stop();
        mail.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
