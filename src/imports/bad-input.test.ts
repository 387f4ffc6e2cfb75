// Bad input to the import API, on the production fetch rules (no allow-list): each is refused with a
// 4xx problem naming the reason, nothing is stored, and no forbidden address is ever fetched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { redSquarePng } from '../credentials/bake/test-support.ts';
import { bakeSvg } from '../credentials/index.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuedCredential, type IssuedForTest } from '../verification/testing.ts';
import { anOb2Issuer, importFile, importJson, type Ob2Issuer } from './testing.ts';

describe('bad input to the backpack import', () => {
  let t: TestApp;
  let learner: TestSession;
  let issued: IssuedForTest;
  let loopback: Ob2Issuer;

  beforeAll(async () => {
    t = await createTestApp({ now: () => new Date('2026-06-01T00:00:00Z') });
    learner = await aLoggedInUser(t.app, t.deps);
    issued = await anIssuedCredential(t.app, t.deps);
    loopback = await anOb2Issuer();
  });
  afterAll(async () => {
    await loopback?.close();
    await t?.close();
  });

  type Reply = Awaited<ReturnType<typeof importJson>>;
  const expectRefused = (response: Reply, status: number, reason?: string | RegExp) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toEqual(expect.any(String));
    if (reason) expect(response.json().reason).toMatch(reason);
  };
  const svgCarrying = (markup: string) =>
    bakeSvg(Buffer.from(markup), { format: 'ob3-json', payload: JSON.stringify(issued.credential) });

  it('refuses garbage bytes', async () => {
    expectRefused(
      await importFile(t.app, learner, Buffer.from('definitely not an image')),
      422,
      'BAKE_UNSUPPORTED_FILE',
    );
  });

  it('refuses a truncated PNG', async () => {
    const png = redSquarePng();
    expectRefused(await importFile(t.app, learner, png.subarray(0, 40)), 422, /^BAKE_PNG/);
  });

  it('refuses a file over 5 MB with 413', async () => {
    expectRefused(await importFile(t.app, learner, Buffer.alloc(5 * 1024 * 1024 + 10, 0x89)), 413);
  });

  it('refuses an SVG with a script', async () => {
    const svg = svgCarrying('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expectRefused(await importFile(t.app, learner, svg, 'b.svg'), 422, 'VERIFY_SVG_SCRIPT');
  });

  it('refuses an SVG with an external entity', async () => {
    const svg = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&xxe;</svg>',
    );
    expectRefused(await importFile(t.app, learner, svg, 'b.svg'), 422, 'BAKE_SVG_DOCTYPE');
  });

  it('refuses JSON with a remote unknown context, naming it', async () => {
    const context = [...(issued.credential['@context'] as string[]), 'https://evil.example/context.jsonld'];
    const response = await importJson(t.app, learner, {
      credential: { ...issued.credential, '@context': context },
    });
    expectRefused(response, 422, 'VERIFY_CONTEXT_REFUSED');
    expect(response.json().detail).toContain('https://evil.example/context.jsonld');
  });

  it('refuses a JWT with alg none', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'vc+jwt', kid: '#key-1' })}.${encode(issued.credential)}.`;
    expectRefused(await importJson(t.app, learner, { credential: unsigned }), 422, 'VERIFY_JWT_REFUSED');
  });

  it.each([
    ['loopback', 'https://127.0.0.1/assertion'],
    ['private', 'https://10.0.0.7/assertion'],
    ['metadata', 'https://169.254.169.254/latest/meta-data/'],
  ])('refuses a URL on a %s address without fetching it', async (_kind, url) => {
    expectRefused(await importJson(t.app, learner, { url }), 422, 'FETCH_ADDRESS_NOT_ALLOWED');
  });

  it('never fetches a loopback issuer, not even one baked into an image', async () => {
    const url = loopback.anAssertion('/assertions/inside', 'Inside job');
    expectRefused(await importJson(t.app, learner, { url }), 422, /FETCH_(SCHEME|ADDRESS)_NOT_ALLOWED/);
    expectRefused(await importFile(t.app, learner, loopback.bakedPng(url)), 422, 'IMPORT_UNREADABLE');
    expect(loopback.hits).toEqual([]);
  });

  it('refuses a url that is not http(s), and text that is no badge', async () => {
    expectRefused(await importJson(t.app, learner, { url: 'file:///etc/passwd' }), 422, 'IMPORT_NOT_A_URL');
    expectRefused(await importJson(t.app, learner, { credential: 'hello there' }), 422, 'VERIFY_UNREADABLE');
    expectRefused(await importJson(t.app, learner, { credential: '{"not json' }), 422, 'VERIFY_NOT_JSON');
  });

  it('answers 400 when no badge or two badges are sent', async () => {
    expectRefused(await importJson(t.app, learner, {}), 400);
    expectRefused(
      await importJson(t.app, learner, { url: 'https://example.org/a', credential: issued.jwt }),
      400,
    );
    expectRefused(await importJson(t.app, learner, { url: 'https://example.org/a', colour: 'red' }), 400);
  });

  it('answers 401 without a session', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/imported-badges',
      payload: { credential: issued.credential },
    });
    expect(response.statusCode).toBe(401);
  });

  it('stored none of the refused input', async () => {
    const rows = await t.deps.db
      .selectFrom('importedBadges')
      .select('id')
      .where('userId', '=', learner.userId)
      .execute();
    expect(rows).toEqual([]);
  });
});
