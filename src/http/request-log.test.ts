import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { redactUrl } from './request-log.ts';

describe('the URL in request logs', () => {
  it('replaces token-like query parameters and keeps the others', () => {
    expect(redactUrl('/reset-password?token=abc123&lang=es')).toBe(
      '/reset-password?token=[redacted]&lang=es',
    );
    expect(redactUrl('/x?code=1&iuv=2&signature=3&session_id=4&page=5')).toBe(
      '/x?code=[redacted]&iuv=[redacted]&signature=[redacted]&session_id=[redacted]&page=5',
    );
    expect(redactUrl('/x?Token%5F=abc&flag')).toBe('/x?Token%5F=[redacted]&flag');
  });

  it('replaces the path segments of claim and attestation links, with or without a matching route', () => {
    expect(redactUrl('/claim/s3cr3t')).toBe('/claim/[redacted]');
    expect(redactUrl('/join/employer/s3cr3t')).toBe('/join/employer/[redacted]');
    expect(redactUrl('/api/v1/claims/s3cr3t/accept')).toBe('/api/v1/claims/[redacted]/accept');
    expect(redactUrl('/attestations/s3cr3t?x=1')).toBe('/attestations/[redacted]?x=1');
    expect(redactUrl('/invites/s3cr3t/open', '/invites/:inviteToken/open')).toBe('/invites/[redacted]/open');
    expect(redactUrl('/api/v1/orgs/abc', '/api/v1/orgs/:orgId')).toBe('/api/v1/orgs/abc');
  });
});

describe('request logs of the running server', () => {
  let t: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      env: { LOG_LEVEL: 'info' },
      logDestination: { write: (line: string) => void lines.push(line) },
    });
  });
  afterAll(() => t?.close());

  it('never write the tokens of mailed links, whichever route they reach', async () => {
    const secrets = Array.from({ length: 5 }, () => randomBytes(12).toString('hex'));
    const urls = [
      `/reset-password?token=${secrets[0]}`,
      `/verify-email?lang=en&token=${secrets[1]}`,
      `/api/v1/claims/${secrets[2]}`,
      `/claim/${secrets[3]}`,
      `/attestations/${secrets[4]}`,
    ];
    for (const url of urls) await t.app.inject({ method: 'GET', url });

    const logged = lines.join('');
    for (const secret of secrets) expect(logged).not.toContain(secret);
    const requestUrls = lines.map((line) => JSON.parse(line)).flatMap((entry) => entry.req?.url ?? []);
    expect(requestUrls).toEqual([
      '/reset-password?token=[redacted]',
      '/verify-email?lang=en&token=[redacted]',
      '/api/v1/claims/[redacted]',
      '/claim/[redacted]',
      '/attestations/[redacted]',
    ]);
  });
});
