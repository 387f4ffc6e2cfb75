// `tessera award bulk` while the server holds the embedded database: the file is streamed to it over the
// admin channel for the dry run, the server awards the rows (its job workers, or itself), and the command
// follows the run's progress once a second.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AdminChannel } from './admin-channel.ts';
import type { BulkBackend, BulkPreview, BulkRunView } from './award-commands.ts';
import { CliError } from './errors.ts';

const FOLLOW_INTERVAL_MS = 1000;

export function remoteBulkBackend(channel: AdminChannel): BulkBackend {
  const find = async (runId: string) => {
    try {
      return await channel.call<BulkRunView>('GET', `/bulk-awards/${runId}`);
    } catch (error) {
      if (error instanceof CliError && error.exitCode === 2) return undefined;
      throw error;
    }
  };
  return {
    preview: ({ badgeId, file }) =>
      channel.call<BulkPreview>(
        'POST',
        `/bulk-awards?${new URLSearchParams({ badgeId, fileName: basename(file) })}`,
        { csv: createReadStream(file) },
      ),
    find,
    start: (runId) => channel.call<BulkRunView>('POST', `/bulk-awards/${runId}/start`),
    follow: async (run, onProgress) => {
      let now: BulkRunView | undefined = run;
      while (now?.state === 'running') {
        await sleep(FOLLOW_INTERVAL_MS);
        now = await find(run.id);
        if (now) onProgress(now);
      }
      return now;
    },
  };
}
