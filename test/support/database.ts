// A database per test file: one embedded PGlite per test worker with a fresh schema per file, or,
// when DATABASE_URL is set, a fresh schema per file in that PostgreSQL database (see ENGINEERING.md).
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';

const WORKER_PGLITE = Symbol.for('tessera.test.pglite');
type WithPglite = typeof globalThis & { [WORKER_PGLITE]?: Promise<PGlite> };

export function uniqueSchemaName(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** The worker's embedded instance, created on first use and reused by every test file of the worker. */
export function workerPglite(): Promise<PGlite> {
  const global = globalThis as WithPglite;
  global[WORKER_PGLITE] ??= PGlite.create(undefined, { postgresqlconf: ['shared_buffers = 16MB'] });
  return global[WORKER_PGLITE];
}

export const testDatabaseUrl = process.env.DATABASE_URL;
