// A loopback HTTP server that answers each path with the JSON document a test put in its map (404 and `{}`
// otherwise): issuer profiles, key documents and status lists "elsewhere on the web", changed mid-test.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JsonServer {
  /** http://127.0.0.1:<port>, without a trailing slash. */
  base: string;
  close(): Promise<void>;
}

export async function serveJson(
  documents: ReadonlyMap<string, unknown>,
  contentType = 'application/json',
): Promise<JsonServer> {
  const server = createServer((request, response) => {
    const found = documents.get(request.url ?? '');
    response.writeHead(found ? 200 : 404, { 'content-type': contentType });
    response.end(JSON.stringify(found ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
