// The 1EdTech OB 2.0 validator's rules in verification: future issue dates, assertion images, extensions,
// issuer verification policies, and a BadgeClass or issuer Profile brought alone. Documents are served on
// loopback, which this app may fetch (VERIFY_ALLOW_PRIVATE for 127.0.0.1, tests only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { type JsonServer, serveJson } from '../../test/support/json-server.ts';
import { hashOb2Identity } from '../credentials/index.ts';
import { NotABadgeError } from './errors.ts';
import { defaultFetcher, verifyBadge } from './verify-badge.ts';

const CONTEXT = 'https://w3id.org/openbadges/v2';
type Json = Record<string, unknown>;

describe('OB 2.0 verification as the 1EdTech validator decides', () => {
  let t: TestApp;
  let server: JsonServer;
  let base: string;
  const documents = new Map<string, Json>();
  const serve = (path: string, body: Json) => documents.set(path, body);

  const issuer = (): Json => ({
    '@context': CONTEXT,
    type: 'Issuer',
    id: `${base}/issuer`,
    name: 'Old Guild',
    url: base,
    email: 'badges@old-guild.example',
  });
  const badgeClass = (): Json => ({
    '@context': CONTEXT,
    type: 'BadgeClass',
    id: `${base}/badge`,
    name: 'Weaving',
    description: 'Weaves well.',
    image: 'data:image/svg+xml;base64,PHN2Zy8+',
    criteria: { narrative: 'Weave a scarf.' },
    issuer: `${base}/issuer`,
  });
  const assertion = (path: string, extra: Json = {}): Json => ({
    '@context': CONTEXT,
    type: 'Assertion',
    id: `${base}${path}`,
    recipient: { type: 'email', hashed: true, salt: 's', identity: hashOb2Identity('zoe@example.org', 's') },
    badge: `${base}/badge`,
    verification: { type: 'HostedBadge' },
    issuedOn: '2026-01-01T00:00:00Z',
    ...extra,
  });
  const verifyUrl = (path: string, descriptions = false) =>
    verifyBadge(
      t.deps,
      { kind: 'url', url: `${base}${path}` },
      { fetcher: defaultFetcher(t.deps), descriptions },
    );
  const check = (report: { checks: { code: string; status: string; message: string }[] }, code: string) =>
    report.checks.find((c) => c.code === code);

  beforeAll(async () => {
    server = await serveJson(documents, 'application/ld+json');
    base = server.base;
    t = await createTestApp({
      now: () => new Date('2026-06-01T00:00:00Z'),
      env: { VERIFY_ALLOW_HOSTS: '127.0.0.1', VERIFY_ALLOW_PRIVATE: 'true' },
    });
    serve('/issuer', issuer());
    serve('/badge', badgeClass());
    serve('/assertions/good', assertion('/assertions/good'));
    serve('/assertions/future', assertion('/assertions/future', { issuedOn: '2026-06-01T00:00:01Z' }));
    serve(
      '/assertions/data-image',
      assertion('/assertions/data-image', { image: 'data:image/png;base64,iVBORw0KGgo=' }),
    );
    const applyLink = {
      '@context': 'https://openbadgespec.org/extensions/applyLinkExtension/context.json',
      type: ['Extension', 'extensions:ApplyLink'],
    };
    serve(
      '/assertions/bad-extension',
      assertion('/assertions/bad-extension', { 'extensions:ApplyLink': applyLink }),
    );
    serve(
      '/assertions/unknown-extension',
      assertion('/assertions/unknown-extension', {
        'extensions:Acme': {
          '@context': 'https://acme.example/context.json',
          type: ['Extension', 'extensions:Acme'],
        },
      }),
    );
    serve('/badge-of-a-gone-issuer', {
      ...badgeClass(),
      id: `${base}/badge-of-a-gone-issuer`,
      issuer: `${base}/gone`,
    });
    serve('/bare-issuer', { ...issuer(), id: `${base}/bare-issuer`, email: undefined });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('verifies an assertion whose BadgeClass image is a PNG or SVG data: URI', async () => {
    const report = await verifyUrl('/assertions/good');
    expect(report.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(report.verdict).toBe('verified');
  });

  it('fails an assertion issued even a second in the future, with the rule in its message', async () => {
    const report = await verifyUrl('/assertions/future');
    expect(report.verdict).toBe('not-verified');
    expect(check(report, 'not-before')).toEqual({
      code: 'not-before',
      status: 'failed',
      message:
        'The assertion claims to be issued in the future: issuedOn (2026-06-01T00:00:01Z) is in the future.',
    });
  });

  it('fails an assertion whose own image is a data: URI', async () => {
    const report = await verifyUrl('/assertions/data-image');
    expect(check(report, 'structure')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/image may not be a data: URI/),
    });
  });

  it('fails an extension that does not meet its bundled schema, and warns about one it cannot check', async () => {
    const bad = await verifyUrl('/assertions/bad-extension');
    expect(check(bad, 'structure')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/required property 'url'/),
    });
    const unknown = await verifyUrl('/assertions/unknown-extension');
    expect(unknown.verdict).toBe('verified');
    expect(unknown.warnings).toEqual([
      { code: 'ob2-validator', message: expect.stringMatching(/extensions:Acme .*was not checked/) },
    ]);
  });

  it('fails an assertion hosted outside the startsWith its issuer names', async () => {
    serve('/issuer', { ...issuer(), verification: { startsWith: [`${base}/assertions/good`] } });
    try {
      expect((await verifyUrl('/assertions/good')).verdict).toBe('verified');
      const report = await verifyUrl('/assertions/future');
      expect(check(report, 'issuer-identity')).toMatchObject({
        status: 'failed',
        message: expect.stringMatching(/does not start with/),
      });
    } finally {
      serve('/issuer', issuer());
    }
  });

  it('reports a BadgeClass at a URL as a BadgeClass, with its claims', async () => {
    const report = await verifyUrl('/badge', true);
    expect(report).toMatchObject({
      verdict: 'verified',
      format: 'ob2-badgeclass',
      claims: { badgeName: 'Weaving', issuerName: 'Old Guild', issuerId: `${base}/issuer` },
    });
    expect(report.checks.map((c) => [c.code, c.status])).toEqual([
      ['structure', 'passed'],
      ['hosted', 'passed'],
      ['issuer-identity', 'passed'],
    ]);
  });

  it('says could-not-check for a BadgeClass whose issuer profile cannot be fetched, naming it', async () => {
    const report = await verifyUrl('/badge-of-a-gone-issuer', true);
    expect(report.verdict).toBe('could-not-check');
    expect(check(report, 'issuer-identity')).toMatchObject({
      status: 'unchecked',
      message: expect.stringContaining(`The issuer profile (${base}/gone) could not be fetched`),
    });
  });

  it('fails a pasted issuer profile whose hosted copy lacks the email an issuer needs', async () => {
    const pasted = { ...issuer(), id: `${base}/bare-issuer` };
    const report = await verifyBadge(
      t.deps,
      { kind: 'credential', credential: pasted },
      { descriptions: true },
    );
    expect(report).toMatchObject({
      verdict: 'not-verified',
      format: 'ob2-profile',
      claims: { issuerName: 'Old Guild' },
    });
    expect(check(report, 'structure')?.message).toMatch(/email must be a contact email address/);
  });

  it('refuses a BadgeClass where only awards are wanted (a backpack import)', async () => {
    await expect(verifyUrl('/badge')).rejects.toThrow(NotABadgeError);
    await expect(verifyUrl('/badge')).rejects.toThrow(/not a badge awarded to someone/);
  });

  it('answers POST /api/v1/verify for an issuer profile URL with its format and checks', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: { url: `${base}/issuer` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      verdict: 'verified',
      format: 'ob2-profile',
      checks: [
        { code: 'structure', status: 'passed' },
        { code: 'hosted', status: 'passed' },
      ],
      claims: { issuerName: 'Old Guild', issuerId: `${base}/issuer` },
    });
  });

  it('answers POST /api/v1/verify for a future-dated assertion with not-verified and the failed rule', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: { url: `${base}/assertions/future` },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ verdict: 'not-verified', format: 'ob2-hosted' });
    expect(body.checks.find((c: { code: string }) => c.code === 'not-before')).toMatchObject({
      status: 'failed',
    });
  });
});
