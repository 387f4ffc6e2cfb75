// Long-running commands: serve, worker, dev; and the one-shot migrate.
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { serve } from '../main.ts';
import { openRuntime } from '../runtime.ts';
import { ensureWebBuilt } from './build-web.ts';

export function registerServerCommands(program: Command, config: () => Readonly<Config>): void {
  program
    .command('serve')
    .description('Start the API, the web app and (unless WORKERS=off) the job workers')
    .option('--build-web', 'build the web app first when it is missing or older than its sources')
    .action(async (options: { buildWeb?: boolean }) => {
      const cfg = config();
      if (options.buildWeb) await ensureWebBuilt((message) => console.log(message));
      await serve(cfg, { workers: cfg.workers === 'inline', serveWebApp: true });
    });

  program
    .command('worker')
    .description('Run only the job workers (mail, …), to scale them out beside `serve` with WORKERS=off')
    .action(async () => {
      const runtime = await openRuntime(config());
      await runtime.deps.jobs.startWorkers(runtime.deps);
      runtime.deps.log.info('workers started');
      const stop = async () => {
        await runtime.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void stop());
      process.once('SIGINT', () => void stop());
    });

  program
    .command('migrate')
    .description('Apply pending database migrations and exit (serve also does this at start)')
    .action(async () => {
      const cfg = config();
      const database = await openDatabase(cfg.database);
      try {
        const applied = await migrateToLatest(database.db, database.schema);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await database.close();
      }
    });

  program
    .command('dev')
    .description(
      'Development: the API server plus the Vite dev server with hot reload at http://localhost:5173',
    )
    .action(async () => {
      const vite = spawn(
        process.execPath,
        ['node_modules/vite/bin/vite.js', '--config', 'web/vite.config.ts'],
        {
          stdio: 'inherit',
        },
      );
      process.once('exit', () => vite.kill());
      const cfg = config();
      await serve(cfg, { workers: cfg.workers === 'inline', serveWebApp: false });
    });
}
