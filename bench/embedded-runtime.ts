// A fresh embedded database in a temporary folder for a bench that imports data (no demo data, no workers,
// mail kept in the outbox); `close` stops it and removes the folder.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openRuntime, type Runtime } from '../src/runtime.ts';

export async function benchRuntime(name: string): Promise<{ runtime: Runtime; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), `tessera-${name}-`));
  const runtime = await openRuntime(
    loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: 'https://tessera.example.org',
      DATA_DIR: dataDir,
      KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SEED_DEMO_DATA: 'false',
      WORKERS: 'off',
      MAIL_OUTBOX_ONLY: 'true',
    }),
  );
  return {
    runtime,
    close: async () => {
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
