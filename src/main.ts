// `npm start` / `tessera serve`: config → database → migrate → demo data if empty → app → listen → workers.
import { readFileSync } from 'node:fs';
import { type Config, isLoopbackHost } from './config.ts';
import { buildApp } from './http/app.ts';
import { openRuntime } from './runtime.ts';
import { seedDemoDataIfEmpty } from './seed/demo.ts';
import { importSampleWhereMissing } from './skills/index.ts';

export interface ServeOptions {
  /** Run the job workers in this process (WORKERS=inline, the default). */
  workers: boolean;
  serveWebApp: boolean;
}

export async function serve(config: Readonly<Config>, options: ServeOptions): Promise<void> {
  const started = Date.now();
  const runtime = await openRuntime(config);
  const { deps } = runtime;
  const https = config.tls
    ? { cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) }
    : undefined;
  const app = await buildApp(deps, { serveWebApp: options.serveWebApp, https });
  // The embedded database admits one process: the CLI's data commands reach it through this one.
  let adminChannel: { close(): Promise<void> } | null = null;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.log.info({ signal }, 'shutting down: finishing in-flight requests and jobs');
    const force = setTimeout(() => {
      deps.log.error('shutdown took longer than 25 s; exiting');
      process.exit(1);
    }, 25_000);
    force.unref();
    try {
      await adminChannel?.close();
      await app.close(); // stops accepting, waits for in-flight requests
      await runtime.close(); // graceful job stop, then the database
      process.exit(0);
    } catch (error) {
      deps.log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  try {
    // Skill search and insights work on a fresh install: the shipped sample until the full sets are imported.
    const sample = await importSampleWhereMissing(deps.db);
    if (sample.length > 0)
      deps.log.info(
        `skills sample loaded (${sample.map((s) => `${s.framework} ${s.version}`).join(', ')}); load the full sets with tessera data import`,
      );
    if (config.seedDemoData) await seedDemoDataIfEmpty(deps, { activity: true });
    await app.listen({ port: config.port, host: config.host });
    if (options.workers) await deps.jobs.startWorkers(deps);
    if (config.database.kind === 'pglite' && config.database.dataDir !== ':memory:') {
      const { openAdminChannel } = await import('./cli/admin-channel-routes.ts');
      adminChannel = await openAdminChannel(deps, { processesJobs: options.workers });
    }
  } catch (error) {
    await adminChannel?.close().catch(() => {});
    await app.close().catch(() => {});
    await runtime.close().catch(() => {});
    throw error;
  }
  deps.log.info(
    {
      url: config.publicUrl,
      host: config.host,
      port: config.port,
      database: config.database.kind,
      workers: options.workers,
      ms: Date.now() - started,
    },
    readyMessage(config),
  );
}

/** Where the server listens and who can reach it; with mail kept in the outbox, who reads it. */
function readyMessage(config: Readonly<Config>): string {
  const reach = isLoopbackHost(config.host)
    ? `listening on ${config.host} only, so no other machine can reach it; to open it to the network, set HOST=0.0.0.0 behind TLS or a reverse proxy (docs/operations.md)`
    : `listening on ${config.host}, reachable from the network: serve it behind TLS or a reverse proxy`;
  const mail = config.mail.smtpUrl
    ? ''
    : `. Without SMTP_URL, mail stays in the outbox: log in as a platform operator and open ${config.publicUrl}/outbox`;
  return `Tessera is ready at ${config.publicUrl}, ${reach}${mail}`;
}
