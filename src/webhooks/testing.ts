// Test helpers of the webhooks context: a real HTTP receiver on loopback (the SSRF guard's test allowance lets
// deliveries reach it) that records every request, and a poll for what the job workers do in the background.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver that records every request; a path listed in `refuseFirst` answers 500 to its first request. */
export function aReceiver() {
  const received: Received[] = [];
  const refuseFirst = new Set<string>();
  const server: Server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ path, headers: request.headers, body: Buffer.concat(parts).toString('utf8') });
      if (refuseFirst.delete(path)) {
        response.writeHead(500, { 'content-type': 'text/plain' }).end('down for maintenance');
      } else response.writeHead(204).end();
    });
  });
  return { server, received, refuseFirst };
}

/** Polls `probe` every 100 ms until it returns something other than undefined. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * What the webhook tests start with: a listening receiver (`base` is its address), the app with its job workers,
 * allowed to deliver to loopback and retrying after a second, and an issuer with its owner. `close` stops both.
 */
export async function aWebhookSetUp(issuerName: string) {
  const receiver = aReceiver();
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
  const t: TestApp = await createTestApp({
    workers: true,
    env: { VERIFY_ALLOW_HOSTS: '127.0.0.1', VERIFY_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SECONDS: '1' },
  });
  const issuer: TestIssuer = await anIssuerWithOwner(t.app, t.deps, issuerName);
  return {
    t,
    issuer,
    receiver,
    base,
    async close() {
      await t.close();
      await new Promise((resolve) => receiver.server.close(resolve));
    },
  };
}

export type WebhookSetUp = Awaited<ReturnType<typeof aWebhookSetUp>>;
