// What both importers share: files loaded one by one, each in its own transaction that also records it
// as done, so an interrupted import resumes after the last whole file and never duplicates a row.
import type { Kysely } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import type { FrameworkId, ImportOptions, ImportSummary, SourceRow } from './model.ts';
import { finishFramework, frameworkState, markFileDone, startFramework } from './store.ts';

export const BATCH_SIZE = 500;

export interface FileStep {
  file: string;
  /** Reads the file and writes its rows through `db`; `progress(rows)` reports how far it is. */
  load(db: Executor, progress: (rows: number) => void): Promise<number>;
}

/** Rows collected by key (a later row for the same key merges into the earlier) and written in batches. */
export class Batch<T> {
  private readonly rows = new Map<string, T>();
  constructor(
    private readonly db: Executor,
    private readonly write: (db: Executor, rows: T[]) => Promise<void>,
    private readonly merge: (earlier: T, later: T) => T = (_earlier, later) => later,
  ) {}

  async add(key: string, row: T): Promise<void> {
    const earlier = this.rows.get(key);
    this.rows.set(key, earlier === undefined ? row : this.merge(earlier, row));
    if (this.rows.size >= BATCH_SIZE) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows.size === 0) return;
    const rows = [...this.rows.values()];
    this.rows.clear();
    await this.write(this.db, rows);
  }
}

/** Reads every row of a source, calling `each` and reporting progress every few hundred rows. */
export async function eachRow(
  rows: AsyncGenerator<SourceRow>,
  progress: (rows: number) => void,
  each: (row: SourceRow) => Promise<void>,
): Promise<number> {
  let count = 0;
  for await (const row of rows) {
    await each(row);
    count += 1;
    if (count % BATCH_SIZE === 0) progress(count);
  }
  return count;
}

export async function runImport(
  db: Kysely<Database>,
  framework: { id: FrameworkId; name: string; version: string },
  steps: FileStep[],
  options: ImportOptions,
): Promise<ImportSummary> {
  const now = options.now ?? (() => new Date());
  const state = await frameworkState(db, framework.id);
  const resuming = state?.status === 'importing' && state.version === framework.version;
  const done = new Set(resuming ? state.completedFiles : []);
  await startFramework(db, { ...framework, keepFiles: resuming, now: now() });
  const summary: ImportSummary = {
    framework: framework.id,
    version: framework.version,
    loaded: [],
    resumed: [],
  };
  for (const [i, step] of steps.entries()) {
    const at = { framework: framework.id, file: step.file, index: i + 1, total: steps.length };
    if (done.has(step.file)) {
      summary.resumed.push(step.file);
      options.onProgress?.({ ...at, rows: 0, skipped: true, done: true });
      continue;
    }
    const rows = await db.transaction().execute(async (trx) => {
      const count = await step.load(trx, (n) => options.onProgress?.({ ...at, rows: n, done: false }));
      await markFileDone(trx, framework.id, step.file, now());
      return count;
    });
    summary.loaded.push(step.file);
    options.onProgress?.({ ...at, rows, done: true });
    await options.afterFile?.(step.file);
  }
  await finishFramework(db, framework.id, now());
  return summary;
}
