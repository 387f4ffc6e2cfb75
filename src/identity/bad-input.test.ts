import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';

describe('bad input on the auth routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { BODY_LIMIT: '4096' } });
  });
  afterAll(() => t?.close());

  const signup = (payload: string | object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: { 'content-type': 'application/json' },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  it('answers malformed JSON with 400 invalid-json', async () => {
    const response = await signup('{"email": "a@example.test",');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().type).toBe('/problems/invalid-json');
  });

  it('answers an unknown field with 400 naming the field', async () => {
    const response = await signup({
      email: 'a@example.test',
      name: 'A',
      password: 'a long passphrase',
      isOperator: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining('isOperator') })]),
    );
  });

  it('lists every invalid field at once', async () => {
    const response = await signup({ email: 'not-an-email', name: 'A', password: 'short' });
    expect(response.statusCode).toBe(400);
    const paths = response.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password']));
  });

  it('answers a body over the limit with 413', async () => {
    const response = await signup({
      email: 'a@example.test',
      name: 'x'.repeat(5000),
      password: 'a long passphrase',
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().type).toBe('/problems/payload-too-large');
  });

  it('slows down repeated login attempts with 429', async () => {
    const limited = await createTestApp({ env: { AUTH_RATE_LIMIT: '2' } });
    try {
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'x@example.test', password: 'guess' },
        });
      expect((await attempt()).statusCode).toBe(401);
      expect((await attempt()).statusCode).toBe(401);
      const third = await attempt();
      expect(third.statusCode).toBe(429);
      expect(third.json().type).toBe('/problems/rate-limited');
    } finally {
      await limited.close();
    }
  });
});
