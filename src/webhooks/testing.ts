// Test helpers of the webhooks context: a real HTTP receiver on loopback (the SSRF guard's test allowance lets
// deliveries reach it) that records every request, and a poll for what the job workers do in the background.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

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
