// Where this server runs the costly steps of verification: a pool of worker threads with a deadline per
// step (VERIFY_WORKERS, VERIFY_DEADLINE_MS), so a credential built to be expensive costs a worker at most
// that long and the server's own thread keeps answering. DID resolution and status-list fetches stay on
// the server's thread (they are I/O); the credentials library calls back through VerificationWork.
// Verifications of outside input pass a gate first (VERIFY_QUEUE): when it is full they are refused
// with VerifierBusyError (503 + Retry-After) instead of queueing work without bound.

import type { Config } from '../config.ts';
import {
  type Check,
  type Proof,
  type ProofCheck,
  readStatus,
  StatusListError,
  type StatusListErrorCode,
  type StatusReading,
  type Unbaked,
  type VerificationWork,
  verificationWorkInThisThread,
} from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { type BakedFileResult, readBakedFileHere, unbakedOrRefused } from './baked-file.ts';
import { NotABadgeError, VerifierBusyError } from './errors.ts';
import { type TaskOutcome, WorkerPool, type WorkerPoolStats } from './worker-pool.ts';

export type VerificationTask =
  | { kind: 'proof'; document: Record<string, unknown>; proof: Proof; publicKey: Uint8Array }
  | { kind: 'structure'; credential: Record<string, unknown> }
  | { kind: 'open-badges'; credential: Record<string, unknown> }
  | { kind: 'status'; entry: Record<string, unknown>; list: Record<string, unknown>; now: Date }
  | { kind: 'baked-file'; bytes: Uint8Array };

/** A status read as it crosses back from a worker (an Error does not survive the trip with its class). */
export type StatusReadResult =
  | { reading: StatusReading }
  | { listError: { code: StatusListErrorCode; message: string } };

type TaskResult = ProofCheck | Check | StatusReadResult | BakedFileResult;
type Pool = WorkerPool<VerificationTask, TaskResult>;

/** One pool and one gate per configuration: one per process in production, one per test app in tests. */
const pools = new WeakMap<Readonly<Config>, Pool>();
const inFlight = new WeakMap<Readonly<Config>, { count: number }>();

function poolOf(deps: Deps): Pool {
  let pool = pools.get(deps.config);
  if (!pool) {
    pool = new WorkerPool<VerificationTask, TaskResult>({
      entry: new URL('./verification-worker.ts', import.meta.url),
      size: deps.config.verifyWorkers,
      deadlineMs: deps.config.verifyDeadlineMs,
      onIncident: (message, error) => deps.log.warn({ err: error }, message),
    });
    pools.set(deps.config, pool);
  }
  return pool;
}

function unfinished(deps: Deps, outcome: Extract<TaskOutcome<unknown>, { ok: false }>, what: string): string {
  if (outcome.reason === 'deadline') {
    const seconds = deps.config.verifyDeadlineMs / 1000;
    return `${what} could not be completed in time (Tessera gives each step ${seconds} s), so it says nothing either way.`;
  }
  deps.log.warn({ detail: outcome.detail }, 'a verification step did not finish in its worker');
  return `${what} could not be completed on this server just now; try again later.`;
}

/** The VerificationWork of this server: in the worker pool, or on this thread when VERIFY_WORKERS=0. */
export function verificationWork(deps: Deps): VerificationWork {
  if (deps.config.verifyWorkers === 0) return verificationWorkInThisThread;
  const pool = poolOf(deps);
  return {
    async verifyProof(document, proof, publicKey) {
      const outcome = await pool.run({ kind: 'proof', document, proof, publicKey });
      if (outcome.ok) return outcome.value as ProofCheck;
      return {
        ok: false,
        reason: 'unfinished',
        message: unfinished(deps, outcome, 'Checking the signature'),
      };
    },
    async checkStructure(credential) {
      const outcome = await pool.run({ kind: 'structure', credential });
      if (outcome.ok) return outcome.value as Check;
      const message = unfinished(deps, outcome, 'The Verifiable Credentials Data Model check');
      return { code: 'structure', status: 'unchecked', message };
    },
    async checkOpenBadges(credential) {
      const outcome = await pool.run({ kind: 'open-badges', credential });
      if (outcome.ok) return outcome.value as Check;
      const message = unfinished(deps, outcome, 'The Open Badges 3.0 schema check');
      return { code: 'open-badges', status: 'unchecked', message };
    },
  };
}

/**
 * Reads one entry of a status list (a fetched list may inflate to 32 MiB) in a worker. Throws
 * StatusListError as readStatus does; a read that did not finish is reported as a list too large to read.
 */
export async function readStatusOffThread(
  deps: Deps,
  entry: Record<string, unknown>,
  list: Record<string, unknown>,
): Promise<StatusReading> {
  if (deps.config.verifyWorkers === 0) return readStatus(entry, list, { now: deps.now() });
  const outcome = await poolOf(deps).run({ kind: 'status', entry, list, now: deps.now() });
  if (!outcome.ok) {
    throw new StatusListError('STATUS_LIST_TOO_LARGE', unfinished(deps, outcome, 'Reading the status list'));
  }
  const result = outcome.value as StatusReadResult;
  if ('listError' in result) throw new StatusListError(result.listError.code, result.listError.message);
  return result.reading;
}

/**
 * The payload of an uploaded baked PNG or SVG, read in a worker (a 5 MiB file of hostile markup takes a
 * worker, not the server's thread); NotABadgeError when the file is not a readable, inert badge.
 */
export async function readBakedFile(deps: Deps, bytes: Uint8Array): Promise<Unbaked> {
  if (deps.config.verifyWorkers === 0) return unbakedOrRefused(readBakedFileHere(bytes));
  const outcome = await poolOf(deps).run({ kind: 'baked-file', bytes });
  if (outcome.ok) return unbakedOrRefused(outcome.value as BakedFileResult);
  const message = unfinished(deps, outcome, 'Reading the file');
  throw new NotABadgeError('VERIFY_FILE_UNREAD', message, outcome.reason === 'deadline');
}

/**
 * Runs one verification of outside input (verify API and page, VC-API, backpack import) if the server
 * has room for it, else throws VerifierBusyError. Our own pages' checks do not pass here: they are few,
 * cached, and must not be turned away by someone else's load.
 */
export async function withVerificationSlot<T>(deps: Deps, verify: () => Promise<T>): Promise<T> {
  let slots = inFlight.get(deps.config);
  if (!slots) {
    slots = { count: 0 };
    inFlight.set(deps.config, slots);
  }
  if (slots.count >= deps.config.verifyQueue)
    throw new VerifierBusyError(Math.max(1, Math.ceil(deps.config.verifyDeadlineMs / 1000)));
  slots.count += 1;
  try {
    return await verify();
  } finally {
    slots.count -= 1;
  }
}

/** Starts the workers ahead of the first verification (when the server starts listening). */
export function prewarmVerificationWork(deps: Deps): void {
  if (deps.config.verifyWorkers > 0) poolOf(deps).prewarm();
}

export async function closeVerificationWork(deps: Deps): Promise<void> {
  const pool = pools.get(deps.config);
  pools.delete(deps.config);
  await pool?.close();
}

/** Tests and benches: what the pool has done (undefined before its first task). */
export function verificationWorkStats(deps: Deps): WorkerPoolStats | undefined {
  return pools.get(deps.config)?.stats();
}
