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
const CREATED = '2026-05-21T09:30:00Z';
type Json = Record<string, unknown>;

interface Figure {
  name: string;
  msPerOp: number;
  opsPerSec: number;
}

/** Warm up, then run sequentially for `SECONDS` (at least 20 runs); ms/op from the total time. */
async function measure(name: string, operation: () => unknown): Promise<Figure> {
  const warmUntil = performance.now() + Math.min(1000, SECONDS * 300);
  while (performance.now() < warmUntil) await operation();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < SECONDS * 1000 || runs < 20) {
    for (let i = 0; i < 10; i++) await operation();
    runs += 10;
    elapsed = performance.now() - start;
  }
  const msPerOp = elapsed / runs;
  const figure = { name, msPerOp, opsPerSec: 1000 / msPerOp };
  console.log(
    `  ${name.padEnd(44)} ${figure.opsPerSec.toFixed(0).padStart(9)} ops/s ${msPerOp.toFixed(4).padStart(9)} ms/op`,
  );
  return figure;
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
console.log(`${SECONDS} s per case after warm-up, sequential (one operation at a time)`);
console.log(`proofValue identical to the reference: ${sameProof ? 'YES' : 'NO'} (${ours.proof.proofValue})`);
console.log(`signed credential identical to the reference (JSON): ${sameDocument ? 'YES' : 'NO'}`);
console.log(
  `fast path taken — document: ${'nquads' in fastDocument ? 'yes' : `no (${fastDocument.declined})`}, proof options: ${'nquads' in fastProof ? 'yes' : `no (${fastProof.declined})`}`,
);
if (!sameProof) {
  console.error('MISMATCH: our proofValue differs from the reference');
  process.exitCode = 1;
}

console.log('\nsign / verify');
const refSign = await measure('reference sign (@digitalbazaar/vc issue)', referenceSign);
const refVerify = await measure('reference verify (@digitalbazaar/vc verify)', () => referenceVerify(theirs));
const ourSignFigure = await measure('ours sign (signCredential)', ourSign);
const ourVerifyFigure = await measure('ours verify (did:key + verifyDataIntegrityProof)', () =>
  ourVerify(ours),
);
const rawSignFigure = await measure('raw Ed25519 sign (node:crypto, 64 B)', () =>
  rawSign(null, message, raw.privateKey),
);
const rawVerifyFigure = await measure('raw Ed25519 verify (node:crypto, 64 B)', () =>
  rawVerify(null, message, raw.publicKey, rawSignature),
);

console.log('\ncanonicalisation of the credential alone');
const general = await measure('general path (jsonld.canonize, safe mode)', () =>
  canonizeGeneral(credential, loader),
);
const fast = await measure('fast path (tryFastCanonize)', () => tryFastCanonize(credential, loader));
const proofOptions = { '@context': credential['@context'], ...options };
const hashing = await measure('hashForProof (both canonicalisations + SHA-256)', () =>
  hashForProof(credential, proofOptions, loader),
);

const pair = (a: Figure, b: Figure) => a.msPerOp + b.msPerOp;
const ratio = (slow: number, quick: number) => `${(slow / quick).toFixed(1)}×`;
console.log('\nratios');
console.log(
  `  sign:           ours ${ratio(refSign.msPerOp, ourSignFigure.msPerOp)} faster than the reference`,
);
console.log(
  `  verify:         ours ${ratio(refVerify.msPerOp, ourVerifyFigure.msPerOp)} faster than the reference`,
);
console.log(
  `  sign+verify:    ours ${ratio(pair(refSign, refVerify), pair(ourSignFigure, ourVerifyFigure))} faster than the reference (target ≥ 20×)`,
);
console.log(
  `  sign+verify:    ours ${ratio(pair(ourSignFigure, ourVerifyFigure), pair(rawSignFigure, rawVerifyFigure))} the time of raw Ed25519 (target ≤ 3×)`,
);
console.log(
  `  sign:           ours ${ratio(ourSignFigure.msPerOp, rawSignFigure.msPerOp)} the time of raw Ed25519 sign`,
);
console.log(
  `  verify:         ours ${ratio(ourVerifyFigure.msPerOp, rawVerifyFigure.msPerOp)} the time of raw Ed25519 verify`,
);
console.log(
  `  canonicalise:   fast path ${ratio(general.msPerOp, fast.msPerOp)} faster than jsonld.canonize`,
);
const rest = (figure: Figure, raw: Figure) => (figure.msPerOp - hashing.msPerOp - raw.msPerOp).toFixed(4);
console.log(
  `  breakdown:      per sign ${hashing.msPerOp.toFixed(4)} ms hashing + ${rawSignFigure.msPerOp.toFixed(4)} ms Ed25519 + ${rest(ourSignFigure, rawSignFigure)} ms other (key import, multibase, copies)`,
);
console.log(
  `                  per verify ${hashing.msPerOp.toFixed(4)} ms hashing + ${rawVerifyFigure.msPerOp.toFixed(4)} ms Ed25519 + ${rest(ourVerifyFigure, rawVerifyFigure)} ms other (did:key, key import)`,
);
