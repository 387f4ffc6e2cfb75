// One data-access path (Kysely) over either embedded PGlite or PostgreSQL. Everything above this
// file sees only `Kysely<Database>`; the pglite handle is exposed for pg-boss on the same instance.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from './database.ts';

// int8 (counts, sums) arrive as strings from pg and numbers from PGlite: make both numbers.
pg.types.setTypeParser(20, (value) => Number(value));

export interface DatabaseHandle {
  kind: 'pglite' | 'postgres';
  db: Kysely<Database>;
  /** The embedded instance, when there is one (pg-boss runs on it too). */
  pglite: PGlite | undefined;
  /** The pg pool, when connected to PostgreSQL (pg-boss gets its own pool from the URL). */
  schema: string;
  close(): Promise<void>;
}

export class DatabaseLockedError extends Error {
  readonly code = 'DATABASE_LOCKED';
  constructor(
    lockFile: string,
    readonly pid: number,
  ) {
    super(
      `Another Tessera process (pid ${pid}) is using this data directory (${lockFile}). ` +
        'Stop it first, or start this one with a different DATA_DIR.',
    );
  }
}

export async function openDatabase(
  config: DatabaseConfig,
  options: { pglite?: PGlite } = {},
): Promise<DatabaseHandle> {
  return config.kind === 'postgres'
    ? openPostgres(config.url, config.schema)
    : openPglite(config, options.pglite);
}

async function openPglite(
  config: { dataDir: string; schema: string },
  shared?: PGlite,
): Promise<DatabaseHandle> {
  const releaseLock = shared ? () => {} : acquireDataDirLock(config.dataDir);
  try {
    const pglite =
      shared ??
      (await PGlite.create(config.dataDir === ':memory:' ? undefined : config.dataDir, {
        // Keeps resident memory near 160 MB instead of ~800 MB (measured, see ENGINEERING.md).
        postgresqlconf: ['shared_buffers = 16MB'],
      }));
    await enterSchema(config.schema, (text) => pglite.exec(text));
    const db = new Kysely<Database>({
      dialect: new PGliteDialect({ pglite }),
      plugins: [new CamelCasePlugin()],
    });
    return {
      kind: 'pglite',
      db,
      pglite,
      schema: config.schema,
      async close() {
        if (!shared) await pglite.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

async function openPostgres(url: string, schema: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: schema === 'public' ? undefined : `-c search_path=${schema}`,
  });
  await enterSchema(schema, (text) => pool.query(text));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    kind: 'postgres',
    db,
    pglite: undefined,
    schema,
    async close() {
      await db.destroy();
    },
  };
}

async function enterSchema(schema: string, exec: (text: string) => Promise<unknown>): Promise<void> {
  if (schema === 'public') return;
  // The schema name was validated as an identifier by config; quote it anyway.
  await exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"; SET search_path TO "${schema}";`);
}

/** PGlite does not lock its data directory, and a second writer silently loses data: refuse it. */
export function acquireDataDirLock(dataDir: string): () => void {
  if (dataDir === ':memory:') return () => {};
  const lockFile = join(dirname(dataDir), 'tessera.lock');
  mkdirSync(dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lockFile, 'utf8'));
      if (pid && pid !== process.pid && processIsAlive(pid)) throw new DatabaseLockedError(lockFile, pid);
      rmSync(lockFile, { force: true }); // stale lock of a process that died
    }
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}

/** Whether a process of this host with this pid exists (one we may not signal still exists). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
