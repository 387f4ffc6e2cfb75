// The signing worker's entry (see signing-pool.ts): builds and signs the credentials of one batch with
// the same code as the main thread (sign.ts), so a bulk run's signing runs beside its database writes.
import { parentPort } from 'node:worker_threads';
import { Ed25519KeyPair } from '../credentials/index.ts';
import { type CredentialSlot, type IssueRequest, type SignerIdentity, signedCredentialRow } from './sign.ts';

export interface SignTask {
  taskId: number;
  identity: Omit<SignerIdentity, 'keyPair'> & { secretKeyMultibase: string };
  items: { request: IssueRequest; slot: CredentialSlot }[];
}

/** Key pairs by secret: importing a key costs more than a signature. */
const keyPairs = new Map<string, Ed25519KeyPair>();

parentPort?.on('message', async (task: SignTask) => {
  try {
    const { secretKeyMultibase, ...rest } = task.identity;
    let keyPair = keyPairs.get(secretKeyMultibase);
    if (!keyPair) {
      keyPair = Ed25519KeyPair.fromSecretKeyMultibase(secretKeyMultibase);
      keyPairs.set(secretKeyMultibase, keyPair);
    }
    const identity = { ...rest, keyPair };
    const rows = [];
    for (const { request, slot } of task.items) rows.push(await signedCredentialRow(identity, request, slot));
    parentPort?.postMessage({ taskId: task.taskId, rows });
  } catch (error) {
    parentPort?.postMessage({
      taskId: task.taskId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
