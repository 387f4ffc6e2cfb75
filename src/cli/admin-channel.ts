// The CLI's side of the local admin channel. The embedded database admits one process, so while
// `tessera serve` runs on it, `user create`, `org create` and `award bulk` ask the server to do the work
// over a Unix socket in DATA_DIR (run/admin.sock: the directory is 0700 and the socket 0600, so only the
// data directory's owner, who could open the database anyway, reaches it). The server answers with the
// message and exit code the command would have printed itself. See admin-channel-routes.ts.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import { CliError } from './errors.ts';

export const adminSocketPath = (dataDir: string) => join(dataDir, 'run', 'admin.sock');

export type ChannelBody = { json: unknown } | { csv: Readable };

export interface AdminChannel {
  /** The answer's JSON; a refusal is thrown as the CliError the server describes. */
  call<T>(method: 'GET' | 'POST', path: string, body?: ChannelBody): Promise<T>;
}

/** A refusal as the channel sends it: what to print and the exit code. */
export interface ChannelRefusal {
  message: string;
  exitCode: number;
}

const NOBODY_LISTENING = new Set(['ENOENT', 'ECONNREFUSED', 'ENOTSOCK']);

/**
 * The channel of a server running on this embedded database, or null: on PostgreSQL the CLI opens the
 * database itself (several processes may), and with no server answering it opens the embedded one.
 */
export async function runningServerChannel(
  config: Pick<Readonly<Config>, 'database' | 'dataDir'>,
): Promise<AdminChannel | null> {
  if (config.database.kind !== 'pglite' || config.database.dataDir === ':memory:') return null;
  const socketPath = adminSocketPath(config.dataDir);
  if (!existsSync(socketPath)) return null;
  try {
    await send(socketPath, 'GET', '/ping');
  } catch (error) {
    // A socket left by a server that was killed: nobody answers, so the database is ours to open.
    if (NOBODY_LISTENING.has((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw error;
  }
  return {
    call: async <T>(method: 'GET' | 'POST', path: string, body?: ChannelBody) => {
      try {
        return (await send(socketPath, method, path, body)) as T;
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError(
          `Lost the connection to the running Tessera server (${(error as Error).message}); ` +
            'see its log for what it did.',
          1,
        );
      }
    },
  };
}

function send(socketPath: string, method: string, path: string, body?: ChannelBody): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (body && 'json' in body) headers['content-type'] = 'application/json';
    if (body && 'csv' in body) headers['content-type'] = 'text/csv';
    const req = request({ socketPath, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        if ((response.statusCode ?? 500) < 400) return resolve(parsed);
        const refusal = parsed as Partial<ChannelRefusal> | undefined;
        reject(
          new CliError(
            refusal?.message ?? `The running Tessera server answered ${response.statusCode}.`,
            refusal?.exitCode ?? 1,
          ),
        );
      });
    });
    req.on('error', reject);
    if (body && 'json' in body) req.end(JSON.stringify(body.json));
    else if (body && 'csv' in body) {
      body.csv.on('error', (error) => req.destroy(error));
      body.csv.pipe(req);
    } else req.end();
  });
}
