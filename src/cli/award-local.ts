// `tessera award bulk` on a database this process opened itself: the dry run, then the awards processed
// here. The running server's admin channel (admin-channel-routes.ts) reuses the same steps, so both
// paths answer with the same messages and exit codes.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BulkFileRefusedError,
  type BulkRunRow,
  describeLease,
  findBulkRun,
  previewBulkRunOfBadge,
  processBulkRun,
  startBulkRunHere,
} from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { BulkBackend, BulkPreview } from './award-commands.ts';
import { CliError } from './errors.ts';

const FOLLOW_INTERVAL_MS = 1000;

/** The message and exit code of a failed step: 1 for a refused file or run, 2 for what does not exist. */
export function asBulkCliError(error: unknown): unknown {
  if (error instanceof BulkFileRefusedError) return new CliError(`The file was refused: ${error.message}`, 1);
  if (error instanceof DomainError) return new CliError(error.message, error.code === 'not-found' ? 2 : 1);
  return error;
}

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asBulkCliError(error);
  }
}

/** The dry run of a CSV (a file on this machine, or a stream the channel receives). */
export function previewBulkAwardHere(
  deps: Deps,
  input: { badgeId: string; fileName: string; source: AsyncIterable<Uint8Array | string> },
): Promise<BulkPreview> {
  return mapped(() => previewBulkRunOfBadge(deps, input));
}

export function findBulkRunHere(deps: Deps, runId: string): Promise<BulkRunRow | undefined> {
  return mapped(() => findBulkRun(deps, runId));
}

export function startBulkRunInProcess(deps: Deps, runId: string): Promise<BulkRunRow> {
  return mapped(() => startBulkRunHere(deps, runId));
}

/**
 * Processes a started run in this process. Another live process holds the run: follow its progress,
 * and take the run over as soon as its lease expires or its process is gone (processBulkRun decides; it
 * is asked again every second).
 */
export async function processBulkRunHere(
  deps: Deps,
  run: BulkRunRow,
  onProgress: (now: BulkRunRow) => void,
  say: (line: string) => void = () => {},
): Promise<BulkRunRow | undefined> {
  return mapped(async () => {
    let followed: string | null = null;
    while ((await processBulkRun(deps, run.id, { onProgress })) === 'busy') {
      const now = await findBulkRun(deps, run.id);
      if (now?.state !== 'running') break;
      onProgress(now);
      if (now.leaseOwner && now.leaseOwner !== followed) {
        followed = now.leaseOwner;
        say(
          `The run is being processed by ${describeLease(now)}; following its progress. ` +
            'It is taken over here as soon as that process stops or its lease expires.',
        );
      }
      await sleep(FOLLOW_INTERVAL_MS);
    }
    return findBulkRun(deps, run.id);
  });
}

/** The steps of `award bulk` on the database this process opened. */
export function localBulkBackend(deps: Deps): BulkBackend {
  return {
    preview: ({ badgeId, file }) =>
      previewBulkAwardHere(deps, { badgeId, fileName: basename(file), source: createReadStream(file) }),
    find: (runId) => findBulkRunHere(deps, runId),
    start: (runId) => startBulkRunInProcess(deps, runId),
    follow: (run, onProgress, io) =>
      processBulkRunHere(deps, run as BulkRunRow, onProgress, (line) => io.out(line)),
  };
}
