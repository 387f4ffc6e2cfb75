// The `tessera` command: serve, worker, migrate, seed, user create, org create, award bulk, backup, restore, dev.
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { DatabaseLockedError } from '../db/connection.ts';
import { registerAdminCommands } from './admin-commands.ts';
import { registerAwardCommands } from './award-commands.ts';
import { registerBackupCommands } from './backup-commands.ts';
import { registerDataCommands } from './data-commands.ts';
import { CliError } from './errors.ts';
import { registerServerCommands } from './server-commands.ts';

const program = new Command('tessera')
  .description(
    'Tessera: micro-credentials with Open Badges 3.0. Configuration comes from the environment (see .env.example).',
  )
  .showHelpAfterError();

registerServerCommands(program, () => loadConfig());
registerAdminCommands(program, () => loadConfig());
registerAwardCommands(program, () => loadConfig());
registerBackupCommands(program, () => loadConfig());
registerDataCommands(program, () => loadConfig());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof CliError || error instanceof DatabaseLockedError) {
    console.error(`tessera: ${error.message}`);
    process.exit(error instanceof CliError ? error.exitCode : 3);
  }
  console.error(error);
  process.exit(1);
}
