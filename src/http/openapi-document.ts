// Finishing touches on the generated OpenAPI description, applied to the whole document after the route
// schemas became JSON Schema: every operation gets a stable operationId (generated clients and the web
// app's generated types name operations by it) and documents the problem+json answers it can give.
// Pure functions of the document; openapi.ts wires them in, test/openapi.test.ts lints the result.

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** RFC 9457 problem details as src/http/problem.ts writes them. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  description:
    'RFC 9457 problem details. `type` is stable per kind of error; GET /problems/<code> explains each.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'e.g. /problems/not-found, /problems/invalid, /problems/conflict' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The path that was called.' },
    requestId: { type: 'string', description: 'The X-Request-Id of the request, to find it in the logs.' },
    errors: {
      type: 'array',
      description: 'Every invalid field (400), as `body.email`, `query.limit` …',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: {
          path: { type: 'string' },
          message: { type: 'string', description: "In the request's language (Accept-Language: en, es)." },
          code: {
            type: 'string',
            description:
              'Stable: a zod issue code (too_small, too_big, invalid_format, invalid_type, invalid_value, ' +
              'unrecognized_keys …) or a domain code (required, empty, future-date, too-long-ago; invalid when ' +
              'only the message says what is wrong).',
          },
          params: {
            type: 'object',
            description:
              'The values the message names (minimum, maximum, origin, format, expected, received …).',
            additionalProperties: { type: ['string', 'number'] },
          },
        },
      },
    },
    reason: {
      type: 'string',
      description: 'A finer stable code under `type`, for clients to word the message.',
    },
    params: {
      type: 'object',
      description: 'The values the detail names, for clients to word the message.',
      additionalProperties: { type: ['string', 'number'] },
    },
  },
} as const;

/** components.responses.Problem: every operation's 4XX answer unless it declares its own. */
const PROBLEM_RESPONSE = {
  description:
    'A problem (RFC 9457): 400 invalid input listing every field, 401 no caller, 403 a role or token scope ' +
    "short, 404 not found (or another organization's), 409 conflict, 413 too large, 422 a rule refused it, " +
    '429 too many requests.',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

const pascal = (word: string) => (word ? word[0]?.toUpperCase() + word.slice(1) : '');

/**
 * A readable, unique operationId from the method and path: the `/api/v1` prefix dropped, each segment in
 * PascalCase, a path parameter as `By<Name>`. `GET /api/v1/orgs/{orgId}/courses` → `getOrgsByOrgIdCourses`.
 */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1(?=\/|$)/, '')
    .split(/[/.\-_]+/)
    .filter(Boolean)
    .map((segment) =>
      segment
        .split(/(\{[^}]+\})/)
        .filter(Boolean)
        .map((part) => (part.startsWith('{') ? `By${pascal(part.slice(1, -1))}` : pascal(part)))
        .join(''),
    );
  return method.toLowerCase() + words.join('');
}

/** Adds operationIds, the problem responses and the Problem schema; keeps whatever a route declared itself. */
export function completeOpenApiDocument<T extends object>(document: T): T {
  const doc = document as Json;
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      operation.operationId ??= operationIdOf(method, path);
      const responses = (operation.responses ?? {}) as Json;
      if (!Object.keys(responses).some((code) => code.startsWith('4')))
        responses['4XX'] = { $ref: '#/components/responses/Problem' };
      operation.responses = responses;
    }
  }
  const components = (doc.components ?? {}) as Json;
  components.schemas = { ...(components.schemas as Json | undefined), Problem: PROBLEM_SCHEMA };
  components.responses = { ...(components.responses as Json | undefined), Problem: PROBLEM_RESPONSE };
  doc.components = components;
  return document;
}
