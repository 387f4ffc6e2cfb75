// `tessera data import onet <dir>` and `tessera data import esco <dir>`: load a skill framework's open data
// into the database (idempotent; an interrupted import resumes). A progress bar on a terminal, plain lines
// otherwise. Exit code 1 with a message naming the file and line when the files are not what they should be.
// The database and skills modules are imported when a command runs, so `tessera --help` stays fast.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import type { Runtime } from '../runtime.ts';
import type { ImportProgress, ImportSummary } from '../skills/index.ts';
import { CliError } from './errors.ts';

async function progressReporter(): Promise<{ report: (p: ImportProgress) => void; stop: () => void }> {
  if (!process.stdout.isTTY) {
    return {
      report: (p) => {
        if (p.done)
          console.log(
            `[${p.index}/${p.total}] ${p.file}: ${p.skipped ? 'already loaded' : `${p.rows} rows`}`,
          );
      },
      stop: () => {},
    };
  }
  const { SingleBar } = await import('cli-progress');
  const bar = new SingleBar({
    format: '{bar} {value}/{total} files | {file}: {rows} rows',
    hideCursor: true,
  });
  let started = false;
  return {
    report: (p) => {
      if (!started) bar.start(p.total, 0, { file: p.file, rows: 0 });
      started = true;
      bar.update(p.done ? p.index : p.index - 1, { file: p.file, rows: p.rows });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

async function runImport(
  config: Readonly<Config>,
  run: (
    runtime: Runtime,
    skills: typeof import('../skills/index.ts'),
    onProgress: (p: ImportProgress) => void,
  ) => Promise<ImportSummary>,
): Promise<void> {
  const { openRuntime } = await import('../runtime.ts');
  const skills = await import('../skills/index.ts');
  const runtime = await openRuntime(config);
  const progress = await progressReporter();
  try {
    const summary = await run(runtime, skills, progress.report);
    progress.stop();
    const resumed =
      summary.resumed.length > 0 ? ` (${summary.resumed.length} files loaded by an earlier run)` : '';
    console.log(`Imported ${summary.framework === 'onet' ? 'O*NET' : 'ESCO'} ${summary.version}${resumed}.`);
  } catch (error) {
    progress.stop();
    if (error instanceof skills.SkillImportError) throw new CliError(`import stopped: ${error.message}`, 1);
    throw error;
  } finally {
    await runtime.close();
  }
}

export function registerDataCommands(program: Command, config: () => Promise<Readonly<Config>>): void {
  const data = program.command('data').description('Load open reference data');
  const load = data.command('import').description('Import a skill framework (O*NET or ESCO) from its files');
  load
    .command('onet <dir>')
    .description('Import the O*NET text release (tab-separated files and Read Me.txt) from a directory')
    .action(async (dir: string) =>
      runImport(await config(), ({ deps }, { importOnet }, onProgress) =>
        importOnet(deps.db, dir, { onProgress }),
      ),
    );
  load
    .command('esco <dir>')
    .description('Import the ESCO CSV download (English) from a directory')
    .option('--version <version>', 'the ESCO release, e.g. 1.1.1 (default: read from the directory name)')
    .action(async (dir: string, options: { version?: string }) =>
      runImport(await config(), ({ deps }, { importEsco }, onProgress) =>
        importEsco(deps.db, dir, { onProgress, version: options.version }),
      ),
    );
}
