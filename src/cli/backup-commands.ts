// `tessera backup <file>` and `tessera restore <file>`: a consistent copy of the embedded install taken
// while no other process uses it (the data directory's lock proves it), and its restore into an empty
// DATA_DIR. PostgreSQL has its own tools for this, which the commands name instead.
// Exit codes: 0 done, 2 nothing done (PostgreSQL, file exists, directory not empty …), 3 Tessera is running.
// The database modules are imported when a command runs, so `tessera --help` stays fast.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import type { BackupSummary } from '../db/backup.ts';
import { CliError, isDatabaseLocked } from './errors.ts';

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** "the database (40.9 MB) and 3 other files of DATA_DIR, the key-encryption key among them" */
function contents(summary: BackupSummary): string {
  const files = `${summary.files} other file${summary.files === 1 ? '' : 's'} of DATA_DIR`;
  const key = summary.withKey ? ', the key-encryption key among them' : '';
  return `the database (${megabytes(summary.databaseBytes)}) and ${files}${key}`;
}

function postgresAdvice(what: 'backup' | 'restore', file: string): string {
  return what === 'backup'
    ? 'This install uses PostgreSQL (DATABASE_URL): back it up with pg_dump, which copies a running database ' +
        `consistently:\n  pg_dump --format=custom --file=${file} "$DATABASE_URL"\n` +
        'The dump includes the job queue schema. Keep KEY_ENCRYPTION_KEY in your secret store, and back up the ' +
        'uploads too (DATA_DIR/files or the bucket). See docs/operations.md.'
    : 'This install uses PostgreSQL (DATABASE_URL): restore a pg_dump archive with pg_restore:\n' +
        `  pg_restore --clean --if-exists --dbname="$DATABASE_URL" ${file}\nSee docs/operations.md.`;
}

async function asCliError(error: unknown, what: 'backup' | 'restore'): Promise<unknown> {
  if (isDatabaseLocked(error)) {
    return new CliError(
      `Tessera is running on this data directory (pid ${error.pid}). A copy taken now could miss or tear what it ` +
        `is writing, so no ${what} was made. Stop it (SIGTERM or Ctrl-C; it finishes its work first), run ` +
        `\`tessera ${what}\` again, then start it again.`,
      3,
    );
  }
  const { BackupError } = await import('../db/backup.ts');
  if (error instanceof BackupError) return new CliError(error.message, 2);
  return error;
}

export async function backupFromCli(config: Readonly<Config>, file: string, out: (line: string) => void) {
  if (config.database.kind === 'postgres') throw new CliError(postgresAdvice('backup', file), 2);
  const { backupEmbedded } = await import('../db/backup.ts');
  try {
    const summary = await backupEmbedded(
      { dataDir: config.dataDir, databaseDir: config.database.dataDir },
      file,
    );
    out(`Backed up ${config.dataDir} to ${file}: ${contents(summary)}.`);
    if (config.storage.kind === 's3')
      out('Uploads in the bucket (STORAGE_URL) are not in this file: back the bucket up as well.');
    if (config.keyEncryptionKey)
      out('KEY_ENCRYPTION_KEY comes from the environment and is not in this file: keep it with the backup.');
  } catch (error) {
    throw await asCliError(error, 'backup');
  }
}

export async function restoreFromCli(config: Readonly<Config>, file: string, out: (line: string) => void) {
  if (config.database.kind === 'postgres') throw new CliError(postgresAdvice('restore', file), 2);
  const { restoreEmbedded } = await import('../db/backup.ts');
  try {
    const summary = await restoreEmbedded(
      { dataDir: config.dataDir, databaseDir: config.database.dataDir },
      file,
    );
    out(
      `Restored ${file} into ${config.dataDir}: ${contents(summary)}. Start Tessera with DATA_DIR=${config.dataDir}.`,
    );
  } catch (error) {
    throw await asCliError(error, 'restore');
  }
}

export function registerBackupCommands(program: Command, config: () => Promise<Readonly<Config>>): void {
  program
    .command('backup')
    .description(
      'Embedded database: write a consistent backup of DATA_DIR (database, key-encryption key, uploads) to a file, ' +
        'while Tessera is stopped. PostgreSQL: prints the pg_dump command to use',
    )
    .argument('<file>', 'the backup file to create (a .tar.gz)')
    .action(async (file: string) => backupFromCli(await config(), file, (line) => console.log(line)));

  program
    .command('restore')
    .description('Embedded database: restore a backup made by `tessera backup` into an empty DATA_DIR')
    .argument('<file>', 'the backup file')
    .action(async (file: string) => restoreFromCli(await config(), file, (line) => console.log(line)));
}
