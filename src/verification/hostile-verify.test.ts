// Issue #14, "Anonymous CPU exhaustion through verify": credentials built to be costly are refused by
// their shape before any JSON-LD work, the costly steps of any credential run in worker threads with a
// deadline (the server's own thread keeps answering), and a full queue is answered 503 + Retry-After.
// Only generous time bounds: the refusals took 5–24 s of CPU each before the limits existed.
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { importJson } from '../imports/testing.ts';
import { verificationWorkStats } from './index.ts';
import { aHeavySelfSignedCredential, aSelfSignedCredential, hostileCredentials } from './testing.ts';

type Json = Record<string, unknown>;
const GENEROUS_MS = 3_000;

/** One honest heavy credential for the whole file: signing it costs as much as verifying it. */
let heavyCredential: Promise<Json> | undefined;
const aHeavyCredential = () => {
  heavyCredential ??= aHeavySelfSignedCredential(300);
  return heavyCredential;
};

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

describe('hostile credentials on the verify API, the VC-API and the backpack import', () => {
  let t: TestApp;
  let signed: { credential: Json; jwt: string };
  let learner: TestSession;

  beforeAll(async () => {
    t = await createTestApp();
    signed = await aSelfSignedCredential();
    learner = await aLoggedInUser(t.app, t.deps);
  });
  afterAll(async () => {
    await t?.close();
  });

  const verifyJson = (credential: Json | string) =>
    timed(() => t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential } }));

  it.each([
    [
      '2,000 repeated contexts',
      () => hostileCredentials.repeatedContexts(signed.credential),
      /list of 2,001 items/,
    ],
    ['200,000 empty subjects', () => hostileCredentials.emptySubjects(signed.credential), /200,001 items/],
    ['a list of 50,000 types', () => hostileCredentials.hugeArray(signed.credential), /50,002 items/],
  ])('refuses %s quickly with 413, saying what is too large', async (_name, build, detail) => {
    const { value: response, ms } = await verifyJson(build());
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      reason: 'VERIFY_TOO_LARGE',
      detail: expect.stringMatching(detail),
    });
    expect(ms).toBeLessThan(GENEROUS_MS);
  });

  it('refuses the same contexts listed a few times over as a malformed context list (422)', async () => {
    const { value: response } = await verifyJson(hostileCredentials.repeatedContexts(signed.credential, 5));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ reason: 'VERIFY_CONTEXT_REFUSED' });
    expect(response.json().detail).toMatch(/more than once/);
  });

  it('refuses 200,000 empty subjects sent as a VC-JWT payload the same way', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const [header, , signature] = signed.jwt.split('.');
    const payload = encode(
      hostileCredentials.emptySubjects(
        JSON.parse(Buffer.from(signed.jwt.split('.')[1]!, 'base64url').toString()),
        150_000,
      ),
    );
    const { value: response, ms } = await verifyJson(`${header}.${payload}.${signature}`);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ reason: 'VERIFY_TOO_LARGE' });
    expect(ms).toBeLessThan(GENEROUS_MS);
  });

  it('answers the VC-API with a failed structure check naming the limit', async () => {
    const { value: response, ms } = await timed(() =>
      t.app.inject({
        method: 'POST',
        url: '/credentials/verify',
        payload: { verifiableCredential: hostileCredentials.emptySubjects(signed.credential) },
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      verified: false,
      checks: [{ code: 'structure', status: 'failed', message: expect.stringMatching(/200,001 items/) }],
    });
    expect(ms).toBeLessThan(GENEROUS_MS);
  });

  it('answers a VC-API presentation of 2,000 repeated contexts without verifying anything in it', async () => {
    const presentation = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      verifiableCredential: [hostileCredentials.repeatedContexts(signed.credential)],
    };
    const { value: response, ms } = await timed(() =>
      t.app.inject({
        method: 'POST',
        url: '/presentations/verify',
        payload: { verifiablePresentation: presentation },
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().checks).toEqual([
      expect.objectContaining({
        code: 'structure',
        status: 'failed',
        message: expect.stringMatching(/list of 2,001 items/),
      }),
    ]);
    expect(ms).toBeLessThan(GENEROUS_MS);
  });

  it('refuses a hostile credential brought to the backpack with 413, keeping nothing', async () => {
    const { value: response, ms } = await timed(() =>
      importJson(t.app, learner, { credential: hostileCredentials.repeatedContexts(signed.credential) }),
    );
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ reason: 'VERIFY_TOO_LARGE' });
    expect(ms).toBeLessThan(GENEROUS_MS);
    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/imported-badges',
      headers: learner.headers,
    });
    expect(listed.json()).toEqual({ items: [] });
  });

  it('still verifies the self-signed credential those were grown from', async () => {
    const { value: response } = await verifyJson(signed.credential);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ verdict: 'verified', format: 'ob3-json' });
  });
});

describe('the costly steps of verification', () => {
  let t: TestApp;
  let heavy: Json;

  beforeAll(async () => {
    t = await createTestApp({ env: { VERIFY_WORKERS: '1' } });
    heavy = await aHeavyCredential();
    // A first verification starts and warms the worker, so what follows measures only the verification.
    const warmUp = (await aSelfSignedCredential()).credential;
    await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential: warmUp } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('run in a worker thread: the server’s own thread stays mostly idle while a heavy credential is verified', async () => {
    const before = verificationWorkStats(t.deps)!.completed;
    const idleBefore = performance.eventLoopUtilization();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: { credential: heavy },
    });
    // The share of the time this thread was busy (not waiting for events) while the request ran.
    const busy = performance.eventLoopUtilization(idleBefore).utilization;
    expect(response.json()).toMatchObject({ verdict: 'verified' });
    // The proof, the data model check and the Open Badges schema check were all answered by the worker …
    expect(verificationWorkStats(t.deps)!.completed - before).toBe(3);
    // … and this thread spent the time waiting (on this thread the same work keeps it busy throughout).
    expect(busy).toBeLessThan(0.5);
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});

describe('a verification deadline', () => {
  let t: TestApp;
  let heavy: Json;

  beforeAll(async () => {
    t = await createTestApp({ env: { VERIFY_WORKERS: '1', VERIFY_DEADLINE_MS: '5' } });
    heavy = await aHeavyCredential();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports a heavy but honest credential as could-not-check, not as tampered, and replaces the worker', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: { credential: heavy },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.verdict).toBe('could-not-check');
    expect(body.checks.some((c: { status: string }) => c.status === 'failed')).toBe(false);
    expect(body.checks.find((c: { code: string }) => c.code === 'proof')).toMatchObject({
      status: 'unchecked',
      message: expect.stringMatching(/could not be completed in time/),
    });
    expect(verificationWorkStats(t.deps)).toMatchObject({ timedOut: expect.any(Number) });
    expect(verificationWorkStats(t.deps)!.timedOut).toBeGreaterThanOrEqual(1);
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});

describe('a full verification queue', () => {
  let t: TestApp;
  let heavy: Json;

  beforeAll(async () => {
    t = await createTestApp({ env: { VERIFY_WORKERS: '1', VERIFY_QUEUE: '1' } });
    heavy = await aHeavyCredential();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 503 problem+json with Retry-After instead of queueing more work', async () => {
    const first = t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential: heavy } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const turnedAway = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: { credential: heavy },
    });
    const page = await t.app.inject({
      method: 'POST',
      url: '/verify',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ credential: JSON.stringify(heavy) }).toString(),
    });
    expect((await first).statusCode).toBe(200);

    expect(turnedAway.statusCode).toBe(503);
    expect(turnedAway.headers['content-type']).toContain('application/problem+json');
    expect(turnedAway.headers['retry-after']).toBe('10');
    expect(turnedAway.json()).toMatchObject({ type: '/problems/verifier-busy', status: 503 });

    expect(page.statusCode).toBe(503);
    expect(page.headers['retry-after']).toBe('10');
    expect(page.body).toContain('The server is checking as many badges as it can right now.');
  });

  it('takes verifications again once the queue has room', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: { credential: heavy },
    });
    expect(response.statusCode).toBe(200);
  });
});
