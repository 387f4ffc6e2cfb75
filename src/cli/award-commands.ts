// `tessera award bulk <file.csv> --badge <id>`: the dry run's summary and first problems, then (unless
// --dry-run) the run itself in this process with a progress bar on stderr. `--resume <runId>` continues
// a run that stopped. Exit codes: 0 done, 1 file refused or run not finished, 2 usage errors.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import {
  BulkFileRefusedError,
  type BulkRowRow,
  type BulkRunRow,
  describeLease,
  findBulkRun,
  previewBulkRunOfBadge,
  processBulkRun,
  startBulkRunHere,
} from '../badges/index.ts';
import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { openRuntime } from '../runtime.ts';
import { CliError } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHOWN_PROBLEMS = 20;
const FOLLOW_INTERVAL_MS = 1000;

export interface BulkCliOptions {
  file?: string;
  badge?: string;
  dryRun?: boolean;
  yes?: boolean;
  resume?: string;
}

export interface CliOutput {
  out: (line: string) => void;
  /** Progress goes to stderr: a redrawn bar on a terminal, a line every 5% otherwise. */
  err: NodeJS.WritableStream & { isTTY?: boolean };
  /** Asks a yes/no question on a terminal; undefined when there is nobody to ask. */
  confirm?: (question: string) => Promise<boolean>;
}

/** Checks the arguments before anything is opened: usage errors exit 2 without touching the database. */
export function checkBulkOptions(options: BulkCliOptions): void {
  if (options.resume !== undefined) {
    if (!UUID.test(options.resume))
      throw new CliError('--resume needs the run id printed by the dry run.', 2);
    if (options.file || options.badge || options.dryRun)
      throw new CliError('--resume takes only the run id (no file, --badge or --dry-run).', 2);
    return;
  }
  if (!options.file) throw new CliError('Name the CSV file: tessera award bulk <file.csv> --badge <id>', 2);
  if (!options.badge || !UUID.test(options.badge))
    throw new CliError('--badge needs the badge id (a UUID).', 2);
  let isFile = false;
  try {
    isFile = statSync(options.file).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new CliError(`No such file: ${options.file}`, 2);
}

function describeProblems(rows: BulkRowRow[]): string[] {
  return rows.map((row) => {
    const problems = row.problems.map((p) => (p.column ? `${p.column} ${p.message}` : `row ${p.message}`));
    return `  row ${row.rowNumber}${row.email ? ` (${row.email})` : ''}: ${problems.join('; ')}`;
  });
}

function summary(run: BulkRunRow): string {
  const invalid = run.totalRows - run.validRows;
  return `${run.totalRows.toLocaleString('en')} rows: ${run.validRows.toLocaleString('en')} valid (${run.skippedRows.toLocaleString('en')} already hold the badge), ${invalid.toLocaleString('en')} with problems.`;
}

/** A progress reporter over the valid rows of a run. */
function progressReporter(err: CliOutput['err'], total: number) {
  if (err.isTTY) {
    const bar = new SingleBar({
      stream: err,
      format: 'Awarding [{bar}] {percentage}% {value}/{total} rows, ETA {eta_formatted}',
      hideCursor: true,
    });
    bar.start(total, 0);
    return { update: (done: number) => bar.update(done), stop: () => bar.stop() };
  }
  let lastStep = -1;
  return {
    update: (done: number) => {
      const step = total === 0 ? 20 : Math.floor((done / total) * 20);
      if (step === lastStep) return;
      lastStep = step;
      err.write(`awarding: ${step * 5}% (${done.toLocaleString('en')}/${total.toLocaleString('en')} rows)\n`);
    },
    stop: () => {},
  };
}

async function processHere(deps: Deps, run: BulkRunRow, io: CliOutput): Promise<number> {
  const progress = progressReporter(io.err, run.validRows);
  progress.update(run.awardedRows + run.skippedRows);
  const onProgress = (now: BulkRunRow) => progress.update(now.awardedRows + now.skippedRows);
  let followed: string | null = null;
  // Another live process holds the run: follow its progress, and take the run over as soon as its
  // lease expires or its process is gone (processBulkRun decides; it is asked again every second).
  while ((await processBulkRun(deps, run.id, { onProgress })) === 'busy') {
    const now = await findBulkRun(deps, run.id);
    if (now?.state !== 'running') break;
    onProgress(now);
    if (now.leaseOwner && now.leaseOwner !== followed) {
      followed = now.leaseOwner;
      io.out(
        `The run is being processed by ${describeLease(now)}; following its progress. ` +
          'It is taken over here as soon as that process stops or its lease expires.',
      );
    }
    await sleep(FOLLOW_INTERVAL_MS);
  }
  progress.stop();
  const final = await findBulkRun(deps, run.id);
  if (final?.state !== 'done') {
    io.out(`The run ${run.id} ended ${final?.state ?? 'missing'}${final?.error ? `: ${final.error}` : ''}.`);
    return 1;
  }
  io.out(
    `Done: ${final.awardedRows.toLocaleString('en')} awarded, ${final.skippedRows.toLocaleString('en')} skipped (already held).`,
  );
  return 0;
}

/** The command's work, given an open runtime; returns the exit code. */
export async function bulkAwardFromCli(deps: Deps, options: BulkCliOptions, io: CliOutput): Promise<number> {
  checkBulkOptions(options);
  try {
    if (options.resume) {
      const found = await findBulkRun(deps, options.resume);
      if (!found) throw new CliError(`No bulk award run ${options.resume}.`, 2);
      io.out(`Resuming run ${found.id}: ${summary(found)}`);
      return await processHere(deps, await startBulkRunHere(deps, found.id), io);
    }
    const { run, sampleProblems } = await previewBulkRunOfBadge(deps, {
      badgeId: options.badge!,
      fileName: basename(options.file!),
      source: createReadStream(options.file!),
    });
    io.out(`Checked ${run.fileName}: ${summary(run)}`);
    if (sampleProblems.length > 0) {
      io.out(`First problems (rows with problems are never awarded):`);
      for (const line of describeProblems(sampleProblems.slice(0, SHOWN_PROBLEMS))) io.out(line);
    }
    io.out(`Run id: ${run.id}`);
    if (options.dryRun) return 0;
    const toAward = run.validRows - run.skippedRows;
    if (!options.yes) {
      if (!io.confirm)
        throw new CliError('Pass --yes to award without being asked (stdin is not a terminal).', 2);
      if (!(await io.confirm(`Award the badge to ${toAward.toLocaleString('en')} recipients? [y/N] `))) {
        io.out(`Nothing awarded. Start it later with: tessera award bulk --resume ${run.id}`);
        return 0;
      }
    }
    return await processHere(deps, await startBulkRunHere(deps, run.id), io);
  } catch (error) {
    if (error instanceof BulkFileRefusedError)
      throw new CliError(`The file was refused: ${error.message}`, 1);
    if (error instanceof DomainError) throw new CliError(error.message, error.code === 'not-found' ? 2 : 1);
    throw error;
  }
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function registerAwardCommands(program: Command, config: () => Readonly<Config>): void {
  const award = program.command('award').description('Award badges');
  award
    .command('bulk')
    .description(
      'Award a badge to every row of a CSV file (columns email, name, evidence_url, issue_date): a dry run first, then the awards with a progress bar',
    )
    .argument('[file]', 'the CSV file')
    .option('--badge <badgeId>', 'the published badge to award')
    .option('--dry-run', 'only check the file and print its problems')
    .option('--yes', 'do not ask before awarding')
    .option('--resume <runId>', 'continue a run that stopped (its id was printed by the dry run)')
    .action(async (file: string | undefined, options: Omit<BulkCliOptions, 'file'>) => {
      const all = { ...options, file };
      checkBulkOptions(all);
      const runtime = await openRuntime(config());
      let code = 1;
      try {
        code = await bulkAwardFromCli(runtime.deps, all, {
          out: (line) => console.log(line),
          err: process.stderr,
          confirm: process.stdin.isTTY ? askOnTerminal : undefined,
        });
      } finally {
        await runtime.close();
      }
      process.exitCode = code;
    });
}
