// What every use-case receives: the world, passed in (no module-level singletons).
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { JobQueue } from './jobs/queue.ts';
import type { MailTransport } from './mail/index.ts';
import type { FileStorage } from './storage/index.ts';

export interface Deps {
  config: Readonly<Config>;
  db: Kysely<Database>;
  jobs: JobQueue;
  mail: MailTransport;
  /** Uploaded files (evidence, lesson images): local directory or S3-compatible bucket. */
  storage: FileStorage;
  /** The only clock domain code reads; tests pass a fixed one. */
  now: () => Date;
  log: Logger;
  /** Secrets held in memory only; never logged, never returned. */
  secrets: { keyEncryptionKey: Uint8Array };
}
