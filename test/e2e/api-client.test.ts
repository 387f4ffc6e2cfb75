// The web app's fetch wrapper (web/src/api.ts): problem+json becomes a typed ApiProblem, writes carry
// the CSRF token. Runs in Node with a stand-in fetch; the browser journeys cover the real thing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProblem, api, NETWORK_PROBLEM_TYPE, setCsrfToken, toApiProblem } from '../../web/src/api.ts';

function reply(status: number, body?: unknown, type = 'application/problem+json'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': type },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('toApiProblem', () => {
  it('keeps the type, title, status, detail and every field error of a problem+json body', () => {
    const problem = toApiProblem(400, {
      type: '/problems/invalid',
      title: 'Invalid request',
      status: 400,
      detail: 'The request body has 2 problem(s).',
      errors: [
        { path: 'body.email', message: 'Invalid email address' },
        { path: 'body.password', message: 'Too small' },
      ],
    });
    expect(problem).toBeInstanceOf(ApiProblem);
    expect([problem.type, problem.title, problem.status, problem.detail]).toEqual([
      '/problems/invalid',
      'Invalid request',
      400,
      'The request body has 2 problem(s).',
    ]);
    expect(problem.fieldErrors()).toEqual({ email: 'Invalid email address', password: 'Too small' });
  });

  it('recognises a problem type by its code, relative or absolute', () => {
    expect(toApiProblem(403, { type: '/problems/email-not-verified' }).is('email-not-verified')).toBe(true);
    expect(
      toApiProblem(403, { type: 'https://tessera.example/problems/email-not-verified' }).is(
        'email-not-verified',
      ),
    ).toBe(true);
    expect(toApiProblem(403, { type: '/problems/forbidden' }).is('email-not-verified')).toBe(false);
  });

  it('makes a usable problem of a body that is not problem+json, dropping malformed field errors', () => {
    const problem = toApiProblem(502, {
      errors: [{ path: 'x' }, 'nonsense', { path: 'name', message: 'Required' }],
    });
    expect([problem.type, problem.title, problem.status]).toEqual(['about:blank', 'HTTP 502', 502]);
    expect(problem.errors).toEqual([{ path: 'name', message: 'Required' }]);
    expect(toApiProblem(500, 'Internal Server Error').title).toBe('HTTP 500');
  });

  it('joins two messages for the same field', () => {
    const problem = toApiProblem(400, {
      errors: [
        { path: 'body.password', message: 'Too short.' },
        { path: 'body.password', message: 'Too common.' },
      ],
    });
    expect(problem.fieldErrors()).toEqual({ password: 'Too short. Too common.' });
  });
});

describe('api', () => {
  it('sends the CSRF token on writes but not on reads, and parses the JSON reply', async () => {
    const fetch = vi.fn(async (_url: string, init: RequestInit) =>
      reply(200, { ok: init.method }, 'application/json; charset=utf-8'),
    );
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('token-123');
    await expect(api('/api/v1/auth/session')).resolves.toEqual({ ok: 'GET' });
    await expect(api('/api/v1/auth/logout', { method: 'POST', body: {} })).resolves.toEqual({ ok: 'POST' });
    const headers = fetch.mock.calls.map(([, init]) => init.headers as Record<string, string>);
    expect(headers[0]?.['X-CSRF-Token']).toBeUndefined();
    expect(headers[1]?.['X-CSRF-Token']).toBe('token-123');
    expect(headers[1]?.['Content-Type']).toBe('application/json');
  });

  it('rejects with an ApiProblem built from a problem+json reply', async () => {
    vi.stubGlobal('fetch', async () =>
      reply(409, { type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'Email taken' }),
    );
    const error = await api('/api/v1/auth/signup', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(409);
    expect((error as ApiProblem).detail).toBe('Email taken');
  });

  it('resolves with undefined for 204 No Content', async () => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
    await expect(api('/api/v1/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });

  it('turns a network failure into a problem with status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = (await api('/health').catch((e: unknown) => e)) as ApiProblem;
    expect([error.type, error.status]).toEqual([NETWORK_PROBLEM_TYPE, 0]);
  });
});
