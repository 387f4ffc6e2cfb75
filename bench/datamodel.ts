// VC Data Model 2.0 validation cost (runs on every issue and every verify): microseconds per credential
// for a typical Open Badge (the OB 3.0 sample credential, signed) and a typical plain VC 2.0 credential,
// with a related-resource digest check as a third figure. Prints figures only — never pass/fail on timing.
// Run: npx tsx bench/datamodel.ts [seconds-per-case]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { validateCredentialDataModel } from '../src/credentials/datamodel/index.ts';
import { standardsExamplePath } from '../src/credentials/testing/standards.ts';

const SECONDS = Number(process.argv[2] ?? 2);
const ROUNDS = 5;
type Json = Record<string, unknown>;

const openBadge: Json = JSON.parse(
  readFileSync(standardsExamplePath('ob_v3p0/impl-guide-signing/ob_v3p0/credential-signed.json'), 'utf8'),
);
const plainVc: Json = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
  id: 'http://university.example/credentials/3732',
  type: ['VerifiableCredential', 'ExampleDegreeCredential'],
  issuer: { id: 'https://university.example/issuers/565049', name: 'Example University' },
  validFrom: '2010-01-01T00:00:00Z',
  validUntil: '2030-01-01T00:00:00Z',
  credentialSubject: {
    id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
    degree: { type: 'ExampleBachelorDegree', name: { '@value': 'Bachelor of Science', '@language': 'en' } },
  },
  credentialStatus: {
    id: 'https://university.example/credentials/status/3#94567',
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '94567',
    statusListCredential: 'https://university.example/credentials/status/3',
  },
  credentialSchema: { id: 'https://example.org/examples/degree.json', type: 'JsonSchema' },
};
const contextBytes = readFileSync(
  new URL('../node_modules/@digitalbazaar/credentials-context/contexts/v2.jsonld', import.meta.url),
);
const withRelated: Json = {
  ...plainVc,
  relatedResource: [
    {
      id: 'https://www.w3.org/ns/credentials/v2',
      digestSRI: `sha384-${createHash('sha384').update(contextBytes).digest('base64')}`,
    },
  ],
};
const resource = (url: string) => (url === 'https://www.w3.org/ns/credentials/v2' ? contextBytes : undefined);

const cases: [string, () => unknown][] = [
  ['Open Badge 3.0 (signed sample)', () => validateCredentialDataModel(openBadge)],
  ['plain VC 2.0 credential', () => validateCredentialDataModel(plainVc)],
  [
    'plain VC 2.0 + relatedResource sha384 of a 10 kB context',
    () => validateCredentialDataModel(withRelated, { resource }),
  ],
];

for (const [name, run] of cases) {
  const violations = run() as unknown[];
  if (violations.length > 0) throw new Error(`${name} does not conform: ${JSON.stringify(violations)}`);
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const perCase = new Map<string, number[]>(cases.map(([name]) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of cases) {
    let runs = 0;
    const start = performance.now();
    while (performance.now() - start < (SECONDS * 1000) / ROUNDS || runs < 100) {
      for (let i = 0; i < 100; i++) run();
      runs += 100;
    }
    perCase.get(name)!.push(((performance.now() - start) * 1000) / runs);
  }
}

console.log(`validateCredentialDataModel, median of ${ROUNDS} rounds (Node ${process.version})`);
for (const [name, samples] of perCase) {
  console.log(`  ${name.padEnd(58)} ${median(samples).toFixed(1).padStart(7)} µs per credential`);
}
