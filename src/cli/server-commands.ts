// Long-running commands: serve, worker, dev; and the one-shot migrate. What they run is imported when they
// run, so `tessera --help` stays fast.
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import type { Config } from '../config.ts';

export function registerServerCommands(program: Command, config: () => Promise<Readonly<Config>>): void {
  program
    .command('serve')
    .description('Start the API, the web app and (unless WORKERS=off) the job workers')
    .option('--build-web', 'build the web app first when it is missing or older than its sources')
    .action(async (options: { buildWeb?: boolean }) => {
      const cfg = await config();
      if (options.buildWeb) {
        const { ensureWebBuilt } = await import('./build-web.ts');
        await ensureWebBuilt((message) => console.log(message));
      }
      const { serve } = await import('../main.ts');
      await serve(cfg, { workers: cfg.workers === 'inline', serveWebApp: true });
    });

  program
    .command('worker')
    .description('Run only the job workers (mail, …), to scale them out beside `serve` with WORKERS=off')
    .action(async () => {
      const cfg = await config();
      const { openRuntime } = await import('../runtime.ts');
      const runtime = await openRuntime(cfg);
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
      const cfg = await config();
      const { openDatabase } = await import('../db/connection.ts');
      const { migrateToLatest } = await import('../db/migrate.ts');
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
      const cfg = await config();
      const { serve } = await import('../main.ts');
      await serve(cfg, { workers: cfg.workers === 'inline', serveWebApp: false });
    });
}
