// `tessera award bulk <file.csv> --badge <id>`: the dry run's summary and first problems, then (unless
// --dry-run) the awards with a progress bar on stderr. `--resume <runId>` continues a run that stopped.
// The work runs in this process (award-local.ts), or in the running server when it holds the embedded
// database (award-remote.ts, over the admin channel): the same lines and exit codes either way.
// Exit codes: 0 done, 1 file refused or run not finished, 2 usage errors.
// Nothing heavy is imported at the top: `tessera --help` must stay fast.
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import { WHERE_IT_RUNS } from './admin-commands.ts';
import { CliError } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHOWN_PROBLEMS = 20;

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

/** What the command shows of a run, wherever it was read (a row here, JSON from the server). */
export interface BulkRunView {
  id: string;
  fileName: string;
  state: string;
  totalRows: number;
  validRows: number;
  skippedRows: number;
  awardedRows: number;
  error: string | null;
}

export interface BulkRowView {
  rowNumber: number;
  email: string | null;
  problems: ReadonlyArray<{ column: string; message: string }>;
}

export interface BulkPreview<Run extends BulkRunView = BulkRunView> {
  run: Run;
  sampleProblems: BulkRowView[];
}

/** The steps of the command; failures are CliErrors with the message and exit code to show. */
export interface BulkBackend<Run extends BulkRunView = BulkRunView> {
  preview(input: { badgeId: string; file: string }): Promise<BulkPreview<Run>>;
  find(runId: string): Promise<Run | undefined>;
  start(runId: string): Promise<Run>;
  /** Until the run ends (done, failed, cancelled); its state then. */
  follow(run: Run, onProgress: (now: Run) => void, io: CliOutput): Promise<Run | undefined>;
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

function describeProblems(rows: BulkRowView[]): string[] {
  return rows.map((row) => {
    const problems = row.problems.map((p) => (p.column ? `${p.column} ${p.message}` : `row ${p.message}`));
    return `  row ${row.rowNumber}${row.email ? ` (${row.email})` : ''}: ${problems.join('; ')}`;
  });
}

function summary(run: BulkRunView): string {
  const invalid = run.totalRows - run.validRows;
  return `${run.totalRows.toLocaleString('en')} rows: ${run.validRows.toLocaleString('en')} valid (${run.skippedRows.toLocaleString('en')} already hold the badge), ${invalid.toLocaleString('en')} with problems.`;
}

/** A progress reporter over the valid rows of a run. */
async function progressReporter(err: CliOutput['err'], total: number) {
  if (err.isTTY) {
    const { SingleBar } = await import('cli-progress');
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

async function award<Run extends BulkRunView>(
  backend: BulkBackend<Run>,
  runId: string,
  io: CliOutput,
): Promise<number> {
  const run = await backend.start(runId);
  const progress = await progressReporter(io.err, run.validRows);
  progress.update(run.awardedRows + run.skippedRows);
  let final: Run | undefined;
  try {
    final = await backend.follow(run, (now) => progress.update(now.awardedRows + now.skippedRows), io);
  } finally {
    progress.stop();
  }
  if (final?.state !== 'done') {
    io.out(`The run ${run.id} ended ${final?.state ?? 'missing'}${final?.error ? `: ${final.error}` : ''}.`);
    return 1;
  }
  io.out(
    `Done: ${final.awardedRows.toLocaleString('en')} awarded, ${final.skippedRows.toLocaleString('en')} skipped (already held).`,
  );
  return 0;
}

/** The command's dialog over either backend; returns the exit code. */
export async function runBulkAward<Run extends BulkRunView>(
  backend: BulkBackend<Run>,
  options: BulkCliOptions,
  io: CliOutput,
): Promise<number> {
  checkBulkOptions(options);
  if (options.resume) {
    const found = await backend.find(options.resume);
    if (!found) throw new CliError(`No bulk award run ${options.resume}.`, 2);
    io.out(`Resuming run ${found.id}: ${summary(found)}`);
    return award(backend, found.id, io);
  }
  const { run, sampleProblems } = await backend.preview({ badgeId: options.badge!, file: options.file! });
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
  return award(backend, run.id, io);
}

/** The command's work on a database this process opened; returns the exit code. */
export async function bulkAwardFromCli(deps: Deps, options: BulkCliOptions, io: CliOutput): Promise<number> {
  checkBulkOptions(options);
  const { localBulkBackend } = await import('./award-local.ts');
  return runBulkAward(localBulkBackend(deps), options, io);
}

async function askOnTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function registerAwardCommands(program: Command, config: () => Promise<Readonly<Config>>): void {
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
    .addHelpText('after', WHERE_IT_RUNS)
    .action(async (file: string | undefined, options: Omit<BulkCliOptions, 'file'>) => {
      const all = { ...options, file };
      checkBulkOptions(all);
      const io: CliOutput = {
        out: (line) => console.log(line),
        err: process.stderr,
        confirm: process.stdin.isTTY ? askOnTerminal : undefined,
      };
      const cfg = await config();
      const { runningServerChannel } = await import('./admin-channel.ts');
      const channel = await runningServerChannel(cfg);
      if (channel) {
        const { remoteBulkBackend } = await import('./award-remote.ts');
        process.exitCode = await runBulkAward(remoteBulkBackend(channel), all, io);
        return;
      }
      const { openRuntime } = await import('../runtime.ts');
      const runtime = await openRuntime(cfg);
      let code = 1;
      try {
        code = await bulkAwardFromCli(runtime.deps, all, io);
      } finally {
        await runtime.close();
      }
      process.exitCode = code;
    });
}
