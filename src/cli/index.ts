// The `tessera` command: serve, worker, migrate, seed, user create, org create, award bulk, backup, restore,
// data import, dev. Only commander and the command definitions load before a command runs: everything
// else (configuration, database, the app) is imported by the command that needs it, so `--help` is fast
// (bench/cli-startup.ts measures it).
import { Command } from 'commander';
import { registerAdminCommands } from './admin-commands.ts';
import { registerAwardCommands } from './award-commands.ts';
import { registerBackupCommands } from './backup-commands.ts';
import { registerDataCommands } from './data-commands.ts';
import { CliError, isDatabaseLocked } from './errors.ts';
import { registerServerCommands } from './server-commands.ts';

const program = new Command('tessera')
  .description(
    'Tessera: micro-credentials with Open Badges 3.0. Configuration comes from the environment (see .env.example).',
  )
  .addHelpText(
    'after',
    '\nEmbedded database (the default): `user create`, `org create` and `award bulk` work while Tessera runs on\n' +
      'the same DATA_DIR, through the running server (its local admin socket, DATA_DIR/run/admin.sock); with\n' +
      'no server running they open the database themselves. Other commands that open the database (seed,\n' +
      'migrate, data import, backup, restore, worker) need it stopped. PostgreSQL (DATABASE_URL): every\n' +
      'command talks to the database directly, with or without a running server.',
  )
  .showHelpAfterError();

const config = async () => (await import('../config.ts')).loadConfig();
registerServerCommands(program, config);
registerAdminCommands(program, config);
registerAwardCommands(program, config);
registerBackupCommands(program, config);
registerDataCommands(program, config);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if ((error as { code?: unknown })?.code === 'INVALID_CONFIG') {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (error instanceof CliError || isDatabaseLocked(error)) {
    console.error(`tessera: ${error.message}`);
    process.exit(error instanceof CliError ? error.exitCode : 3);
  }
  console.error(error);
  process.exit(1);
}
