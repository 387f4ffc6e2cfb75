// One worker thread that builds and signs batches of credentials (bulk awards on PostgreSQL): the main
// thread then drives the other batch's database writes meanwhile, instead of signing everything itself.
// The worker only computes; every write stays in the caller's transaction, so crash safety is unchanged.
// A worker that cannot start (or dies) is not retried: batches are then signed on the main thread.
import { Worker } from 'node:worker_threads';
import {
  type CredentialSlot,
  type IssuedCredentialInsert,
  type IssueRequest,
  type SignerIdentity,
  signedCredentialRow,
} from './sign.ts';
import type { SignTask } from './signing-worker.ts';

interface Pending {
  resolve: (rows: IssuedCredentialInsert[]) => void;
  reject: (error: Error) => void;
}

// The worker runs the TypeScript sources through tsx, as bin/tessera.js does for the main thread.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.entry); });
`;

let worker: Worker | undefined;
let broken = false;
let nextTaskId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error): void {
  broken = true;
  worker = undefined;
  for (const [, task] of pending) task.reject(error);
  pending.clear();
}

function signingWorker(): Worker | undefined {
  if (broken) return undefined;
  if (worker) return worker;
  try {
    worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { entry: new URL('./signing-worker.ts', import.meta.url).href },
    });
  } catch {
    broken = true;
    return undefined;
  }
  worker.on('message', (reply: { taskId: number; rows?: IssuedCredentialInsert[]; error?: string }) => {
    const task = pending.get(reply.taskId);
    if (!task) return;
    pending.delete(reply.taskId);
    if (pending.size === 0) worker?.unref();
    if (reply.rows) task.resolve(reply.rows);
    else task.reject(new Error(`Signing failed: ${reply.error}`));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`The signing worker stopped (exit code ${code}).`)));
  worker.unref();
  return worker;
}

/** Tests: whether batches are signed in the worker thread (false before the first batch or after a failure). */
export function signingWorkerIsRunning(): boolean {
  return worker !== undefined && !broken;
}

/**
 * Builds and signs one credential per item, in order, in the worker thread (or on this thread when no
 * worker can run). The result is the same as calling signedCredentialRow for each item.
 */
export async function signInWorker(
  identity: SignerIdentity,
  items: readonly { request: IssueRequest; slot: CredentialSlot }[],
): Promise<IssuedCredentialInsert[]> {
  const thread = signingWorker();
  if (!thread) {
    const rows: IssuedCredentialInsert[] = [];
    for (const { request, slot } of items) rows.push(await signedCredentialRow(identity, request, slot));
    return rows;
  }
  const taskId = nextTaskId++;
  const task: SignTask = {
    taskId,
    identity: {
      org: identity.org,
      did: identity.did,
      verificationMethod: identity.verificationMethod,
      secretKeyMultibase: identity.keyPair.secretKeyMultibase,
    },
    items: [...items],
  };
  return new Promise((resolve, reject) => {
    pending.set(taskId, { resolve, reject });
    thread.ref();
    thread.postMessage(task);
  });
}
