// Fuzzing the public verifiers (issue #14: `credentialStatus: []` gave HTTP 500, and so did every other
// crashing fuzz input). Valid credentials — one this server issued and the OB 3.0 specification examples —
// get fields replaced by values of the wrong type ([], {}, null, numbers, strings, deep nesting …) or
// removed, and go to the verify API as JSON and as a VC-JWT, to the verify page and to the VC-API. No
// answer may be a 5xx, and no report may carry the text of an internal exception.
// The inputs come from a seeded generator: FUZZ_SEED=<n> replays a run, FUZZ_INPUTS=<n> runs more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import {
  didKeyVerificationMethodId,
  Ed25519KeyPair,
  signCredentialJwt,
  VC_V2_CONTEXT,
} from '../credentials/index.ts';
import { readStandardsExample } from '../credentials/testing/standards.ts';
import { anIssuedCredential } from './testing.ts';

type Json = Record<string, unknown>;
type Path = (string | number)[];

const SEED = Number(process.env.FUZZ_SEED ?? 1414);
const INPUTS = Number(process.env.FUZZ_INPUTS ?? 300);

/**
 * Text that only an exception (or a value printed without thought) puts in a message; "stopped
 * unexpectedly" is what a report says when verification met a fault of ours.
 */
const INTERNAL_TEXT =
  /stopped unexpectedly|Cannot read propert|Cannot convert|TypeError|ReferenceError|RangeError|SyntaxError|is not a function|is not iterable|\bundefined\b|\[object Object\]|\bNaN\b|at [\w.]+ \(/;

/** mulberry32: small, seedable, good enough to spread inputs. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

const nested = (depth: number): unknown => (depth === 0 ? 'bottom' : { deeper: nested(depth - 1) });

const WRONG_VALUES: readonly unknown[] = [
  [],
  {},
  null,
  0,
  -1,
  1.5,
  1e308,
  true,
  false,
  '',
  ' ',
  'x',
  '0',
  '\u0000',
  '🎓 Ñandú',
  'z'.repeat(10_000),
  [null],
  [[]],
  [{}],
  [1, 'two', null],
  { id: 5 },
  { type: [] },
  { '@context': 'https://example.org/unknown' },
  { '@value': 1, '@type': 'xsd:dateTime' },
  nested(20),
  nested(40),
  '2024-02-30T00:00:00Z',
  '2024-01-01',
  '9999-12-31T23:59:59Z',
  'did:key:zNotAKey',
  'did:web:127.0.0.1%3A9:issuers:x',
  'did:web:',
  'https://127.0.0.1/status/1',
  'javascript:alert(1)',
  VC_V2_CONTEXT,
  ['VerifiableCredential'],
  { type: 'BitstringStatusListEntry', statusListCredential: 5, statusListIndex: '1' },
  {
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: 'NaNa',
    statusListCredential: 'https://status.example/lists/1',
  },
  [{ type: 'BitstringStatusListEntry' }, []],
];

const PATHS: readonly Path[] = [
  ['@context'],
  ['@context', 0],
  ['@context', 1],
  ['type'],
  ['type', 0],
  ['id'],
  ['issuer'],
  ['issuer', 'id'],
  ['issuer', 'name'],
  ['issuer', 'type'],
  ['credentialSubject'],
  ['credentialSubject', 'id'],
  ['credentialSubject', 'type'],
  ['credentialSubject', 'identifier'],
  ['credentialSubject', 'identifier', 0, 'identityHash'],
  ['credentialSubject', 'achievement'],
  ['credentialSubject', 'achievement', 'type'],
  ['credentialSubject', 'achievement', 'name'],
  ['credentialSubject', 'achievement', 'criteria'],
  ['credentialSubject', 'achievement', 'alignment'],
  ['validFrom'],
  ['validUntil'],
  ['issuanceDate'],
  ['expirationDate'],
  ['awardedDate'],
  ['name'],
  ['description'],
  ['image'],
  ['evidence'],
  ['endorsement'],
  ['credentialSchema'],
  ['credentialStatus'],
  ['credentialStatus', 'type'],
  ['credentialStatus', 'statusPurpose'],
  ['credentialStatus', 'statusListIndex'],
  ['credentialStatus', 'statusListCredential'],
  ['proof'],
  ['proof', 0],
  ['proof', 0, 'type'],
  ['proof', 0, 'cryptosuite'],
  ['proof', 0, 'proofPurpose'],
  ['proof', 0, 'verificationMethod'],
  ['proof', 0, 'proofValue'],
  ['proof', 0, 'created'],
  ['proof', 1],
];

/** Sets (or, with `remove`, deletes) the value at a path, making the containers on the way. */
function mutate(document: Json, path: Path, value: unknown, remove: boolean): void {
  let node: Record<string | number, unknown> = document;
  for (const [i, key] of path.slice(0, -1).entries()) {
    const child = node[key];
    if (!child || typeof child !== 'object') node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = structuredClone(value);
}

interface FuzzInput {
  label: string;
  credential: Json;
}

function fuzzInputs(bases: { name: string; credential: Json }[], count: number): FuzzInput[] {
  const random = generator(SEED);
  return Array.from({ length: count }, (_, n) => {
    const base = random.pick(bases);
    const credential = structuredClone(base.credential);
    const changes: string[] = [];
    const mutations = 1 + Math.floor(random.next() * 3);
    for (let m = 0; m < mutations; m++) {
      const path = random.pick(PATHS);
      const remove = random.next() < 0.15;
      const value = random.pick(WRONG_VALUES);
      mutate(credential, path, value, remove);
      const shown = remove ? '(removed)' : JSON.stringify(value)?.slice(0, 40);
      changes.push(`${path.join('.')}=${shown}`);
    }
    return { label: `#${n} ${base.name}: ${changes.join(', ')}`, credential };
  });
}

const EXAMPLES = [
  'sample-openbadgecredential',
  'complete-openbadgecredential',
  'achievement-alignment-case',
  'skill-assertion-credential-registry',
  'docformat-sample-openbadgecredential',
  'migrating-upgraded-ob2-assertion-as-ob3-credential',
  'sample-endorsementcredential',
  'impl-guide-signing/ob_v3p0/credential-signed',
];

describe(`verifying ${INPUTS} mutated credentials (seed ${SEED})`, () => {
  let t: TestApp;
  let inputs: FuzzInput[];
  const keyPair = Ed25519KeyPair.generate();
  const verificationMethod = didKeyVerificationMethodId(keyPair.publicKeyMultibase);

  beforeAll(async () => {
    // Nothing is fetched from the network: every remote DID or status list is refused by the allow-list.
    t = await createTestApp({
      env: { VERIFY_ALLOW_HOSTS: 'fuzz.invalid', VERIFY_RATE_LIMIT: '100000', VERIFY_QUEUE: '1000' },
    });
    const issued = await anIssuedCredential(t.app, t.deps);
    const bases = [
      // Our own credential is the most common base: its fast canonicalisation keeps the run short.
      { name: 'issued', credential: issued.credential },
      { name: 'issued', credential: issued.credential },
      { name: 'issued', credential: issued.credential },
      ...EXAMPLES.map((name) => ({
        name,
        credential: JSON.parse(readStandardsExample(`ob_v3p0/${name}.json`)) as Json,
      })),
    ];
    inputs = fuzzInputs(bases, INPUTS);
  });
  afterAll(async () => {
    await t?.close();
  });

  function expectSafe(label: string, response: { statusCode: number; body: string }) {
    expect(response.statusCode, `${label}\n${response.body.slice(0, 500)}`).toBeLessThan(500);
    const leak = INTERNAL_TEXT.exec(response.body);
    const around = leak ? response.body.slice(Math.max(0, leak.index - 150), leak.index + 50) : '';
    expect(leak?.[0], `${label}\n…${around}…`).toBeUndefined();
  }

  const slices = 6;
  for (let slice = 0; slice < slices; slice++) {
    it(`never answers 5xx nor shows internal errors (inputs ${slice + 1}/${slices})`, async () => {
      const mine = inputs.filter((_, n) => n % slices === slice);
      for (const [n, { label, credential }] of mine.entries()) {
        expectSafe(
          `API ${label}`,
          await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential } }),
        );
        if (n % 3 === 0) {
          const { proof: _proof, ...unsigned } = credential;
          const jwt = await signCredentialJwt(unsigned, { keyPair, verificationMethod });
          expectSafe(
            `JWT ${label}`,
            await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential: jwt } }),
          );
        }
        if (n % 3 === 1) {
          expectSafe(
            `page ${label}`,
            await t.app.inject({
              method: 'POST',
              url: '/verify',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              payload: new URLSearchParams({ credential: JSON.stringify(credential) }).toString(),
            }),
          );
        }
        if (n % 3 === 2) {
          expectSafe(
            `VC-API ${label}`,
            await t.app.inject({
              method: 'POST',
              url: '/credentials/verify',
              payload: { verifiableCredential: credential },
            }),
          );
        }
      }
    }, 120_000);
  }

  it('answers credentialStatus: [] with a failed status check, on the API and the page', async () => {
    const issued = await anIssuedCredential(t.app, t.deps);
    const credential = { ...issued.credential, credentialStatus: [] };
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential } });
    expect(api.statusCode).toBe(200);
    expect(api.json().checks).toContainEqual({
      code: 'status',
      status: 'failed',
      message: 'The credential’s credentialStatus is an empty list: it names no status entry.',
    });
    const page = await t.app.inject({
      method: 'POST',
      url: '/verify',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ credential: JSON.stringify(credential) }).toString(),
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('credentialStatus is an empty list');
  });
});
