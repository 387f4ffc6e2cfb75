// The queue settings pg-boss holds after start, read back from pg-boss itself: they decide how long a job
// whose worker was killed waits before it is retried.
import { type AddressInfo, createServer } from 'node:net';
import { fromPglite, PgBoss } from 'pg-boss';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, uniqueSchemaName, workerPglite } from '../../test/support/database.ts';
import { createTestRuntime } from '../../test/support/runtime.ts';
import { DELIVERY_EXPIRY_SECONDS, deliverMailBatchJob, deliverMailJob } from '../mail/jobs.ts';
import { createMailTransport, SMTP_TIMEOUTS } from '../mail/transport.ts';
import type { Runtime } from '../runtime.ts';

const opened: Runtime[] = [];
afterAll(async () => {
  for (const runtime of opened) await runtime.close();
});

async function aRuntime(env: Record<string, string> = {}): Promise<Runtime> {
  const runtime = await createTestRuntime({ env });
  opened.push(runtime);
  return runtime;
}

/** pg-boss on the test database as an older Tessera left it: the mail queue with pg-boss's defaults. */
async function aQueueOfAnOlderVersion(schema: string): Promise<void> {
  const boss = testDatabaseUrl
    ? new PgBoss({ connectionString: testDatabaseUrl, schema, schedule: false, supervise: false })
    : new PgBoss({
        db: fromPglite(await workerPglite()),
        backend: 'pglite',
        schema,
        schedule: false,
        supervise: false,
      });
  await boss.start();
  await boss.createQueue(deliverMailJob.name, { retryLimit: 5, retryDelay: 10, retryBackoff: true });
  expect((await boss.getQueue(deliverMailJob.name))?.expireInSeconds).toBe(15 * 60);
  await boss.stop({ graceful: false, close: testDatabaseUrl !== undefined });
}

describe('job queue settings', () => {
  it('retries a mail delivery cut off by a crash after 90 seconds, not 15 minutes', async () => {
    const { deps } = await aRuntime();
    expect(await deps.jobs.settingsOf(deliverMailJob.name)).toEqual({
      retryLimit: 5,
      retryDelaySeconds: 10,
      expireInSeconds: DELIVERY_EXPIRY_SECONDS,
      heartbeatSeconds: null,
    });
    expect(DELIVERY_EXPIRY_SECONDS).toBeLessThanOrEqual(120);
  });

  it('gives up on an SMTP server that never answers well before the delivery expires', {
    timeout: 60_000,
  }, async () => {
    const silent = createServer(() => {}); // accepts the connection, never greets
    await new Promise<void>((listening) => silent.listen(0, '127.0.0.1', listening));
    const { port } = silent.address() as AddressInfo;
    const transport = createMailTransport(`smtp://127.0.0.1:${port}`);
    const started = Date.now();
    try {
      await expect(
        transport.deliver({
          from: 'a@example.org',
          to: 'b@example.org',
          subject: 's',
          text: 't',
          html: 't',
          messageId: '<m@tessera>',
        }),
      ).rejects.toThrow(/greeting never received|timeout/i);
      expect(Date.now() - started).toBeLessThan(SMTP_TIMEOUTS.connectionTimeout + 5000);
    } finally {
      transport.close();
      silent.close();
    }
    const longestHangMs = SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.socketTimeout;
    expect(longestHangMs).toBeLessThan(DELIVERY_EXPIRY_SECONDS * 1000);
  });

  it('notices a crashed worker of a mail batch by its missing heartbeat', async () => {
    const { deps } = await aRuntime();
    const settings = await deps.jobs.settingsOf(deliverMailBatchJob.name);
    expect(settings?.heartbeatSeconds).toBe(30);
  });

  it('brings the queues an older version created up to the current settings', async () => {
    const jobsSchema = `${uniqueSchemaName()}_jobs`;
    await aQueueOfAnOlderVersion(jobsSchema);
    const { deps } = await aRuntime({ JOBS_SCHEMA: jobsSchema });
    expect((await deps.jobs.settingsOf(deliverMailJob.name))?.expireInSeconds).toBe(DELIVERY_EXPIRY_SECONDS);
  });
});
