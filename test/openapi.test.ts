// The OpenAPI description as a contract: it validates as OpenAPI 3.1 under Redocly's recommended rules,
// every operation says who may call it (test/token-scopes.test.ts then calls every operation to hold the
// server to it), and web/src/api-types.ts is what `npm run api:types` makes of it today.
import { readFileSync } from 'node:fs';
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import type { OpenAPI3 } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource } from '../scripts/api-types.ts';
import { completeOpenApiDocument, operationIdOf } from '../src/http/openapi-document.ts';
import { securityOf } from '../src/http/route-access.ts';
import { API_TOKEN_SCOPES } from '../src/identity/index.ts';
import { createTestApp, type TestApp } from './support/app.ts';

type Security = Array<Record<string, string[]>>;
interface Operation {
  name: string;
  method: string;
  operationId?: string;
  security?: Security;
  responses?: Record<string, unknown>;
}

/**
 * Findings of the recommended rules we accept, each with its reason. Nothing else is allowed, warnings
 * included: a rule is never turned off as a whole.
 */
const ACCEPTED: Array<{ ruleId: string; message: RegExp; why: string }> = [
  {
    ruleId: 'no-ambiguous-paths',
    message:
      /`\/api\/v1\/me\/employers\/invitations\/\{token\}` and `\/api\/v1\/me\/employers\/\{orgId\}\/consent`/,
    why:
      'the router prefers the static segment "invitations" and an organization id is a UUID, so the two ' +
      'never meet; renaming either would break clients',
  },
];

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let t: TestApp;
let description: OpenAPI3;
let operations: Operation[];

beforeAll(async () => {
  // A public address that is not localhost, as in production (the linter warns about localhost servers).
  t = await createTestApp({ env: { PUBLIC_URL: 'https://badges.tessera.test' } });
  description = (await t.app.inject({ url: '/api/openapi.json' })).json();
  operations = Object.entries(description.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Omit<Operation, 'name' | 'method'>>).map(([method, op]) => ({
      ...op,
      name: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
    })),
  );
}, 120_000);
afterAll(() => t?.close());

describe('the OpenAPI description', () => {
  it('validates as OpenAPI 3.1 under the recommended rules, warnings included', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(description),
      absoluteRef: 'openapi.json',
      config,
    });
    const accepted = (p: NormalizedProblem) =>
      ACCEPTED.some((a) => a.ruleId === p.ruleId && a.message.test(p.message));
    const found = problems
      .filter((p) => !accepted(p))
      .map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(found).toEqual([]);
    expect(description.openapi).toBe('3.1.0');
  }, 60_000);

  it('names every operation with a unique operationId made from its method and path', () => {
    const ids = operations.map((op) => op.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operationIdOf('get', '/api/v1/orgs/{orgId}/courses')).toBe('getOrgsByOrgIdCourses');
    expect(operationIdOf('get', '/api/v1/orgs/{orgId}/credentials/{credentialId}/baked.{fileType}')).toBe(
      'getOrgsByOrgIdCredentialsByCredentialIdBakedByFileType',
    );
    expect(operationIdOf('post', '/credentials/verify')).toBe('postCredentialsVerify');
  });

  it('documents the problem+json answers of every operation', () => {
    const without = operations.filter(
      (op) => !Object.keys(op.responses ?? {}).some((c) => c.startsWith('4')),
    );
    expect(without.map((op) => op.name)).toEqual([]);
    expect(description.components?.schemas?.Problem).toMatchObject({ required: ['type', 'title', 'status'] });
  });

  it('keeps an operationId or 4xx answer a route declared itself', () => {
    const doc = completeOpenApiDocument({
      paths: {
        '/x': { get: { operationId: 'custom', responses: { 200: {}, 404: { description: 'gone' } } } },
      },
    });
    expect(doc.paths['/x'].get).toEqual({
      operationId: 'custom',
      responses: { 200: {}, 404: { description: 'gone' } },
    });
  });
});

describe('who may call each operation, as the description says', () => {
  it('declares security on every operation: empty only for the public ones, a session or a token for the rest', () => {
    const schemes = Object.keys(description.components?.securitySchemes ?? {});
    const wrong: string[] = [];
    for (const op of operations) {
      if (!Array.isArray(op.security)) wrong.push(`${op.name}: no security`);
      for (const alternative of op.security ?? []) {
        for (const scheme of Object.keys(alternative))
          if (!schemes.includes(scheme)) wrong.push(`${op.name}: unknown scheme ${scheme}`);
        if ('session' in alternative && WRITE_METHODS.has(op.method) && !('csrf' in alternative))
          wrong.push(`${op.name}: a session write without its CSRF header`);
        if ('bearer' in alternative) {
          const scopes = alternative.bearer ?? [];
          if (scopes.length !== 1 || !API_TOKEN_SCOPES.includes(scopes[0] as never))
            wrong.push(`${op.name}: bearer names ${scopes.join(',') || 'no scope'}`);
        }
      }
      if (op.security?.length && !op.security.some((a) => 'session' in a))
        wrong.push(`${op.name}: a caller is needed but no session is allowed`);
    }
    expect(wrong).toEqual([]);
    expect(operations.filter((op) => op.security?.length).length).toBeGreaterThan(150);
  });

  it('lists a bearer token wherever a token may call, and only a session where it may not', () => {
    expect(securityOf({ kind: 'signed-in', scope: 'awards:write' }, 'POST')).toEqual([
      { bearer: ['awards:write'] },
      { session: [], csrf: [] },
    ]);
    expect(securityOf({ kind: 'public', scope: 'read' }, 'GET')).toEqual([
      {},
      { bearer: ['read'] },
      { session: [] },
    ]);
    expect(securityOf({ kind: 'session' }, 'DELETE')).toEqual([{ session: [], csrf: [] }]);
    expect(securityOf({ kind: 'sessionless' }, 'POST')).toEqual([]);
    const byName = new Map(operations.map((op) => [op.name, op.security]));
    expect(byName.get('GET /api/v1/me/holdings')).toContainEqual({ bearer: ['read'] });
    expect(byName.get('POST /api/v1/orgs/{orgId}/badges/{badgeId}/awards')).toContainEqual({
      bearer: ['awards:write'],
    });
    expect(byName.get('POST /api/v1/me/tokens')).toEqual([{ session: [], csrf: [] }]);
  });

  it('tells readers of /api/docs how to authorize with a token, or with their session and its CSRF token', () => {
    const schemes = description.components?.securitySchemes as Record<string, { description?: string }>;
    expect(schemes.bearer?.description).toContain('POST /api/v1/me/tokens');
    expect(schemes.session?.description).toContain('same browser');
    expect(schemes.csrf?.description).toContain('GET /api/v1/auth/session');
    expect(description.info.description).toContain('Authorize');
  });
});

describe('the web app’s generated API types', () => {
  it('are what npm run api:types makes of the description today (run it after changing a route schema)', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    const fresh = await apiTypesSource(description);
    expect(firstDifference(committed, fresh)).toBeNull();
  }, 60_000);
});

/** Where two texts first part, with a few lines of each from there (null when they are equal). */
function firstDifference(committed: string, fresh: string): null | Record<string, unknown> {
  if (committed === fresh) return null;
  const a = committed.split('\n');
  const b = fresh.split('\n');
  let line = 0;
  while (line < a.length && a[line] === b[line]) line++;
  return {
    hint: 'web/src/api-types.ts is stale: run npm run api:types',
    line: line + 1,
    committed: a.slice(line, line + 5),
    fresh: b.slice(line, line + 5),
  };
}
