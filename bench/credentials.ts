// eddsa-rdfc-2022 throughput (issue #3 "Performance"): our sign/verify (fast canonicalisation path)
// against the reference stack (@digitalbazaar/vc + data-integrity + eddsa-rdfc-2022-cryptosuite +
// ed25519-multikey) on the same OB 3.0 credential, and raw node:crypto Ed25519 as the floor.
// Prints figures only — never pass/fail on timing. Run: npx tsx bench/credentials.ts [seconds-per-case]
import { generateKeyPairSync, sign as rawSign, verify as rawVerify } from 'node:crypto';
import { cpus } from 'node:os';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { resolveDidKey } from '../src/credentials/did/didKey.ts';
import { publicKeyFromMultibase } from '../src/credentials/keys/multikey.ts';
import type { Proof } from '../src/credentials/model/types.ts';
import { canonizeGeneral } from '../src/credentials/proof/canonize.ts';
import {
  hashForProof,
  signCredential,
  verifyDataIntegrityProof,
} from '../src/credentials/proof/dataIntegrity.ts';
import { openBadgeCredential } from '../src/credentials/proof/fast/corpus.ts';
import { tryFastCanonize } from '../src/credentials/proof/fast/index.ts';
import { didKeyIssuer, loaderWithDids } from '../src/credentials/testing/fixtures.ts';

const SECONDS = Number(process.argv[2] ?? 3);
/** Cases run in interleaved rounds, so a burst of load on a shared machine hits all of them alike. */
const ROUNDS = 5;
const CREATED = '2026-05-21T09:30:00Z';
type Json = Record<string, unknown>;

interface Case {
  name: string;
  operation: () => unknown;
  wallMs: number[];
  cpuMs: number[];
}
interface Figure {
  name: string;
  /** Median over the rounds of wall-clock ms per operation. */
  msPerOp: number;
  opsPerSec: number;
  /** Median over the rounds of process CPU ms per operation (user + system). */
  cpuMsPerOp: number;
}

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** One round of one case: sequential operations (one at a time) for `ms`, at least 10 of them. */
async function runRound(entry: Case, ms: number): Promise<void> {
  let runs = 0;
  const wallStart = performance.now();
  const cpuStart = cpuNow();
  while (performance.now() - wallStart < ms || runs < 10) {
    for (let i = 0; i < 10; i++) await entry.operation();
    runs += 10;
  }
  entry.wallMs.push((performance.now() - wallStart) / runs);
  entry.cpuMs.push((cpuNow() - cpuStart) / runs);
}

/** Warms every case up, then runs ROUNDS interleaved rounds of SECONDS / ROUNDS each. */
async function measureAll(cases: Record<string, () => unknown>): Promise<Record<string, Figure>> {
  const entries: Case[] = Object.entries(cases).map(([name, operation]) => ({
    name,
    operation,
    wallMs: [],
    cpuMs: [],
  }));
  for (const entry of entries)
    await runRound({ ...entry, wallMs: [], cpuMs: [] }, Math.min(1000, SECONDS * 300));
  for (let round = 0; round < ROUNDS; round++) {
    for (const entry of entries) await runRound(entry, (SECONDS * 1000) / ROUNDS);
  }
  const figures: Record<string, Figure> = {};
  for (const { name, wallMs, cpuMs } of entries) {
    const msPerOp = median(wallMs);
    figures[name] = { name, msPerOp, opsPerSec: 1000 / msPerOp, cpuMsPerOp: median(cpuMs) };
  }
  return figures;
}

function print(figure: Figure): void {
  const { name, opsPerSec, msPerOp, cpuMsPerOp } = figure;
  console.log(
    `  ${name.padEnd(50)} ${opsPerSec.toFixed(0).padStart(7)} ops/s ${msPerOp.toFixed(4).padStart(8)} ms/op ${cpuMsPerOp.toFixed(4).padStart(8)} CPU ms/op`,
  );
}

// --- the credential: did:key issuer, criteria + alignments, email identity subject, evidence, status
const issuer = didKeyIssuer();
const credential = openBadgeCredential({
  issuer: { ...(openBadgeCredential().issuer as Json), id: issuer.id },
});
const loader = loaderWithDids(issuer.didDocument);

// --- (a) the reference stack, with our static loader plus the did:key document
const referenceKey = await Ed25519Multikey.from({
  type: 'Multikey',
  id: issuer.verificationMethod,
  controller: issuer.id,
  publicKeyMultibase: issuer.keyPair.publicKeyMultibase,
  secretKeyMultibase: issuer.keyPair.secretKeyMultibase,
});
const referenceSign = () =>
  vc.issue({
    credential: structuredClone(credential),
    suite: new DataIntegrityProof({ signer: referenceKey.signer(), date: CREATED, cryptosuite }),
    documentLoader: loader,
  });
const referenceVerify = async (signed: object) => {
  const result = await vc.verifyCredential({
    credential: signed,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: loader,
    // Status is not part of the proof check: both sides skip it.
    checkStatus: async () => ({ verified: true }),
  });
  if (!result.verified) throw new Error(`reference verification failed: ${JSON.stringify(result.error)}`);
};

// --- (b) ours: the eddsa-rdfc-2022 API of src/credentials/proof on the canonize() seam
const ourSign = () =>
  signCredential(credential, {
    keyPair: issuer.keyPair,
    verificationMethod: issuer.verificationMethod,
    created: CREATED,
    documentLoader: loader,
    proofAsObject: true,
  });
/** Verification includes resolving the did:key verification method to its public key. */
const ourVerify = async (signed: Json & { proof: Proof }) => {
  const method = resolveDidKey(issuer.id)?.verificationMethod?.find(
    (m) => m.id === signed.proof.verificationMethod,
  );
  const publicKey = publicKeyFromMultibase(method?.publicKeyMultibase as string);
  const result = await verifyDataIntegrityProof(signed, signed.proof, publicKey, loader);
  if (!result.ok) throw new Error(`our verification failed: ${result.message}`);
};

// --- (c) raw Ed25519 from node:crypto over a 64-byte message (the size of the eddsa-rdfc-2022 hash data)
const raw = generateKeyPairSync('ed25519');
const message = Buffer.alloc(64, 7);
const rawSignature = rawSign(null, message, raw.privateKey);

// --- equality first: Ed25519 is deterministic, so the same key and document give the same proofValue
const theirs = (await referenceSign()) as Json & { proof: Proof };
const ours = (await ourSign()) as Json & { proof: Proof };
const sameProof = theirs.proof.proofValue === ours.proof.proofValue;
const sameDocument = JSON.stringify(theirs) === JSON.stringify(ours);
const fastDocument = await tryFastCanonize(credential, loader);
const { proofValue: _value, ...options } = ours.proof;
const fastProof = await tryFastCanonize({ '@context': credential['@context'], ...options }, loader);

console.log(`eddsa-rdfc-2022 benchmark — ${new Date().toISOString()}`);
console.log(
  `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} × ${cpus()[0]?.model.trim()}`,
);
console.log(
  `${SECONDS} s per case in ${ROUNDS} interleaved rounds after warm-up; operations run one at a time`,
);
console.log(`proofValue identical to the reference: ${sameProof ? 'YES' : 'NO'} (${ours.proof.proofValue})`);
console.log(`signed credential identical to the reference (JSON): ${sameDocument ? 'YES' : 'NO'}`);
console.log(
  `fast path taken — document: ${'nquads' in fastDocument ? 'yes' : `no (${fastDocument.declined})`}, proof options: ${'nquads' in fastProof ? 'yes' : `no (${fastProof.declined})`}`,
);
if (!sameProof) {
  console.error('MISMATCH: our proofValue differs from the reference');
  process.exitCode = 1;
}

const figures = await measureAll({
  refSign: referenceSign,
  refVerify: () => referenceVerify(theirs),
  ourSign,
  ourVerify: () => ourVerify(ours),
  rawSign: () => rawSign(null, message, raw.privateKey),
  rawVerify: () => rawVerify(null, message, raw.publicKey, rawSignature),
  general: () => canonizeGeneral(credential, loader),
  fast: () => tryFastCanonize(credential, loader),
  hashing: () => hashForProof(credential, { '@context': credential['@context'], ...options }, loader),
});
const named = (key: string, name: string): Figure => ({ ...(figures[key] as Figure), name });
const refSign = named('refSign', 'reference sign (@digitalbazaar/vc issue)');
const refVerify = named('refVerify', 'reference verify (@digitalbazaar/vc verifyCredential)');
const ourSignFigure = named('ourSign', 'ours sign (signCredential)');
const ourVerifyFigure = named('ourVerify', 'ours verify (did:key + verifyDataIntegrityProof)');
const rawSignFigure = named('rawSign', 'raw Ed25519 sign (node:crypto, 64 B)');
const rawVerifyFigure = named('rawVerify', 'raw Ed25519 verify (node:crypto, 64 B)');
const general = named('general', 'general path (jsonld.canonize, safe mode)');
const fast = named('fast', 'fast path (tryFastCanonize)');
const hashing = named('hashing', 'hashForProof (both canonicalisations + SHA-256)');

console.log('\nsign / verify (median of the rounds)');
for (const figure of [refSign, refVerify, ourSignFigure, ourVerifyFigure, rawSignFigure, rawVerifyFigure])
  print(figure);
console.log('\ncanonicalisation of the credential alone');
for (const figure of [general, fast, hashing]) print(figure);

const pair = (a: Figure, b: Figure) => a.msPerOp + b.msPerOp;
const cpuPair = (a: Figure, b: Figure) => a.cpuMsPerOp + b.cpuMsPerOp;
const ratio = (slow: number, quick: number) => `${(slow / quick).toFixed(1)}×`;
console.log('\nratios (wall clock; CPU time in brackets)');
const line = (label: string, slow: [number, number], quick: [number, number], tail: string) =>
  console.log(`  ${label.padEnd(15)} ${ratio(slow[0], quick[0])} [${ratio(slow[1], quick[1])}] ${tail}`);
const both = (f: Figure): [number, number] => [f.msPerOp, f.cpuMsPerOp];
line('sign:', both(refSign), both(ourSignFigure), 'ours faster than the reference');
line('verify:', both(refVerify), both(ourVerifyFigure), 'ours faster than the reference');
line(
  'sign+verify:',
  [pair(refSign, refVerify), cpuPair(refSign, refVerify)],
  [pair(ourSignFigure, ourVerifyFigure), cpuPair(ourSignFigure, ourVerifyFigure)],
  'ours faster than the reference (target ≥ 20×)',
);
line(
  'sign+verify:',
  [pair(ourSignFigure, ourVerifyFigure), cpuPair(ourSignFigure, ourVerifyFigure)],
  [pair(rawSignFigure, rawVerifyFigure), cpuPair(rawSignFigure, rawVerifyFigure)],
  'the time of raw Ed25519 sign+verify (target ≤ 3×)',
);
line('sign:', both(ourSignFigure), both(rawSignFigure), 'the time of raw Ed25519 sign');
line('verify:', both(ourVerifyFigure), both(rawVerifyFigure), 'the time of raw Ed25519 verify');
line('canonicalise:', both(general), both(fast), 'fast path faster than jsonld.canonize');
const rest = (figure: Figure, raw: Figure) =>
  (figure.cpuMsPerOp - hashing.cpuMsPerOp - raw.cpuMsPerOp).toFixed(4);
const ms = (figure: Figure) => figure.cpuMsPerOp.toFixed(4);
console.log('\nwhere our time goes (CPU ms/op)');
console.log(
  `  sign   = ${ms(hashing)} hashForProof + ${ms(rawSignFigure)} Ed25519 + ${rest(ourSignFigure, rawSignFigure)} other (key import, multibase, copies)`,
);
console.log(
  `  verify = ${ms(hashing)} hashForProof + ${ms(rawVerifyFigure)} Ed25519 + ${rest(ourVerifyFigure, rawVerifyFigure)} other (did:key, key import)`,
);
