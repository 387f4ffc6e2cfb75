// What signing a learner's whole record (CLR 2.0, src/showcase/profile-record.ts) costs as it grows: the record
// holds every public badge's signed OB 3.0 credential, and the platform signs the whole (eddsa-rdfc-2022) on each
// download, on the request's thread. Prints ms per record for 1, 10, 25 and 50 badges — figures only.
// Run: npx tsx bench/profile-record.ts [rounds]
import { OB_V3_CONTEXT, signCredential, VC_V2_CONTEXT } from '../src/credentials/index.ts';
import { buildBadge, didKeyIssuer } from '../src/credentials/testing/fixtures.ts';
import { CLR_V2_CONTEXT } from '../src/showcase/profile-record.ts';

const ROUNDS = Number(process.argv[2] ?? 5);
const issuer = didKeyIssuer();
const platform = didKeyIssuer();
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function signedBadge(n: number) {
  const badge = buildBadge(issuer, {
    id: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  } as never);
  return signCredential(badge as object, {
    keyPair: issuer.keyPair,
    verificationMethod: issuer.verificationMethod,
    created: new Date(),
  });
}

const record = (badges: object[]) => ({
  '@context': [VC_V2_CONTEXT, CLR_V2_CONTEXT, OB_V3_CONTEXT],
  id: 'https://tessera.example/people/ana/record.json',
  type: ['VerifiableCredential', 'ClrCredential'],
  issuer: { id: platform.id, type: ['Profile'], name: 'Tessera' },
  name: 'Ana — public badges',
  validFrom: '2026-12-06T12:00:00Z',
  credentialSubject: { type: ['ClrSubject'], verifiableCredential: badges },
});

const pool = await Promise.all(Array.from({ length: 50 }, (_, n) => signedBadge(n)));
console.log(`signing the whole record (median of ${ROUNDS}), node ${process.version}`);
for (const size of [1, 10, 25, 50]) {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    await signCredential(record(pool.slice(0, size)), {
      keyPair: platform.keyPair,
      verificationMethod: platform.verificationMethod,
      created: new Date(),
    });
    times.push(performance.now() - started);
  }
  const bytes = JSON.stringify(record(pool.slice(0, size))).length;
  console.log(
    `${String(size).padStart(3)} badges  ${(bytes / 1024).toFixed(0).padStart(5)} KiB  ${median(times).toFixed(1).padStart(8)} ms`,
  );
}
