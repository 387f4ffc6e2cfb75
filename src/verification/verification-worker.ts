// The verification worker's entry (see verification-work.ts): runs the costly steps of verifying a
// credential (a proof's canonicalisation and signature, the data model and Open Badges JSON Schema checks,
// reading a status list or an uploaded baked file) with the very functions the main thread would use. It
// warms up before saying it is ready — compiling the schema and the bundled contexts costs more than a
// verification — so no task's deadline pays for that.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import {
  buildOpenBadgeCredential,
  didKeyVerificationMethodId,
  Ed25519KeyPair,
  publicKeyFromMultibase,
  readStatus,
  StatusListError,
  signCredential,
  verificationWorkInThisThread,
} from '../credentials/index.ts';
import { readBakedFileHere } from './baked-file.ts';
import type { StatusReadResult, VerificationTask } from './verification-work.ts';

function readStatusOf(task: Extract<VerificationTask, { kind: 'status' }>): StatusReadResult {
  try {
    return { reading: readStatus(task.entry, task.list, { now: task.now }) };
  } catch (error) {
    if (error instanceof StatusListError) return { listError: { code: error.code, message: error.message } };
    throw error;
  }
}

async function run(task: VerificationTask) {
  switch (task.kind) {
    case 'proof':
      return verificationWorkInThisThread.verifyProof(task.document, task.proof, task.publicKey);
    case 'structure':
      return verificationWorkInThisThread.checkStructure(task.credential);
    case 'open-badges':
      return verificationWorkInThisThread.checkOpenBadges(task.credential);
    case 'status':
      return readStatusOf(task);
    case 'baked-file':
      return readBakedFileHere(task.bytes);
  }
}

async function warmUp(): Promise<void> {
  const keyPair = Ed25519KeyPair.generate();
  const issuer = `did:key:${keyPair.publicKeyMultibase}`;
  const credential = buildOpenBadgeCredential({
    id: 'urn:uuid:00000000-0000-4000-8000-000000000000',
    issuer: { id: issuer, name: 'Warm-up' },
    name: 'Warm-up',
    recipient: { email: 'warm-up@example.org', salt: 'warm-up' },
    achievement: {
      id: 'https://example.org/achievements/warm-up',
      name: 'Warm-up',
      description: 'Compiles what every verification needs.',
      criteria: { narrative: 'None.' },
    },
    validFrom: '2026-01-01T00:00:00Z',
  });
  const signed = await signCredential(credential, {
    keyPair,
    verificationMethod: didKeyVerificationMethodId(keyPair.publicKeyMultibase),
    created: '2026-01-01T00:00:00Z',
  });
  const document = signed as unknown as Record<string, unknown>;
  const [proof] = signed.proof as never[];
  await run({
    kind: 'proof',
    document,
    proof: proof!,
    publicKey: publicKeyFromMultibase(keyPair.publicKeyMultibase),
  });
  await run({ kind: 'structure', credential: document });
  await run({ kind: 'open-badges', credential: document });
}

parentPort?.on('message', async ({ id, task }: { id: number; task: VerificationTask }) => {
  try {
    parentPort?.postMessage({ id, value: await run(task) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});

// Linux keeps a nice value per thread: the server's own thread (pages, /health) goes first when cores are
// short, and verification takes what is left. Elsewhere this would lower the whole process, so it is skipped.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // Not allowed here: the worker runs at the server's priority.
  }
}

// A failed warm-up is not fatal: the first task then pays for the compilation itself.
await warmUp().catch(() => undefined);
parentPort?.postMessage({ ready: true });
