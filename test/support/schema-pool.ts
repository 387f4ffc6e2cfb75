// Test files reuse the schemas earlier files of the same worker migrated, emptied, instead of migrating a new
// one each (about a second of DDL on the embedded database, for each of some hundreds of runtimes). A schema
// made for a file is handed back when the file ends (test/support/setup.ts), never sooner: a test may close a
// runtime and open another on the same schema (a restart). Emptying keeps what the migrations wrote (the rows
// of their tables right after migrating) and pg-boss's queue definitions, so a reused schema is what a new one
// would be.

import type { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { testDatabaseUrl, workerPglite } from './database.ts';

const POOL = Symbol.for('tessera.test.schemaPool');

interface Pool {
  free: string[];
  /** Schemas handed out to the running file, with how many of its runtimes are still open. */
  inUse: Map<string, number>;
  /** The rows migrations leave in each table of a fresh schema (table → JSON rows), read once. */
  baseline?: Map<string, unknown[]>;
}

function pool(): Pool {
  const global = globalThis as typeof globalThis & { [POOL]?: Pool };
  global[POOL] ??= { free: [], inUse: new Map() };
  return global[POOL];
}

/** A migrated, empty schema from an earlier file, or undefined (the caller makes a new one). */
export function takeSchema(): string | undefined {
  return pool().free.pop();
}

/**
 * A runtime of the running file opened on `schema` (taken from the pool or new, then migrated): the first
 * fresh one tells which rows migrations write. Returns what to call when that runtime closes.
 */
export async function openOnSchema(schema: string, fresh: boolean): Promise<() => void> {
  const state = pool();
  if (fresh && !state.baseline) state.baseline = await withQuery((query) => readBaseline(query, schema));
  state.inUse.set(schema, (state.inUse.get(schema) ?? 0) + 1);
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    state.inUse.set(schema, (state.inUse.get(schema) ?? 1) - 1);
  };
}

/** pg-boss's tables that hold its set-up rather than work: kept as they are. */
const JOBS_SET_UP = new Set(['version', 'queue']);
const MIGRATOR_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

type Query = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

async function withQuery<T>(use: (query: Query) => Promise<T>): Promise<T> {
  if (!testDatabaseUrl) {
    const pglite: PGlite = await workerPglite();
    return use((text, params) => pglite.query<Record<string, unknown>>(text, params));
  }
  const client = new Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    // A connection another test left open with a lock makes the schema unusable, not the run hang.
    await client.query("set lock_timeout = '5s'");
    return await use((text, params) => client.query(text, params));
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function tablesOf(query: Query, schema: string): Promise<string[]> {
  const { rows } = await query(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
    [schema],
  );
  return rows.map((row) => String(row.name));
}

async function readBaseline(query: Query, schema: string): Promise<Map<string, unknown[]>> {
  const baseline = new Map<string, unknown[]>();
  for (const table of await tablesOf(query, schema)) {
    if (MIGRATOR_TABLES.has(table)) continue;
    const { rows } = await query(
      `select coalesce(json_agg(t), '[]') as rows from ${quote(schema)}.${quote(table)} t`,
    );
    const data = rows[0]?.rows as unknown[];
    if (data.length > 0) baseline.set(table, data);
  }
  return baseline;
}

async function empty(query: Query, schema: string, keep: Set<string>, baseline?: Map<string, unknown[]>) {
  const tables = (await tablesOf(query, schema)).filter((table) => !keep.has(table));
  if (tables.length > 0)
    await query(
      `truncate ${tables.map((t) => `${quote(schema)}.${quote(t)}`).join(', ')} restart identity cascade`,
    );
  for (const [table, rows] of baseline ?? []) {
    const target = `${quote(schema)}.${quote(table)}`;
    await query(`insert into ${target} select * from json_populate_recordset(null::${target}, $1::json)`, [
      JSON.stringify(rows),
    ]);
  }
}

/** Whether the running file's schema `schema` came from here (a runtime opened on it again counts too). */
export function isPooled(schema: string): boolean {
  return pool().inUse.has(schema);
}

/**
 * Called when a test file ends: empties the schemas it used whose runtimes all closed and makes them free for
 * the next file. A schema that cannot be emptied (a test dropped it, say) is left out of the pool.
 */
export async function releaseSchemas(): Promise<void> {
  const state = pool();
  // A runtime left open (its job workers may still poll) keeps its schema out of the pool for good.
  const used = [...state.inUse].filter(([, open]) => open === 0).map(([schema]) => schema);
  state.inUse.clear();
  if (used.length === 0 || !state.baseline) return;
  await withQuery(async (query) => {
    for (const schema of used) {
      try {
        await empty(query, schema, MIGRATOR_TABLES, state.baseline);
        await empty(query, `${schema}_jobs`, JOBS_SET_UP);
        state.free.push(schema);
      } catch {
        // Not reusable: the next file migrates a new one.
      }
    }
  });
}
