// Errors → RFC 9457 problem+json. One stable `type` per kind of error; every invalid field listed;
// unknown errors logged and masked as 500 (never a stack trace to the client).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isContentionError } from '../db/errors.ts';
import { ConflictError, DomainError, type FieldProblem, InvalidError, RuleError } from '../errors.ts';
import { translate } from '../i18n/index.ts';
import { domainFieldProblem, issueProblem, problemLocale } from './field-problems.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  /** A finer stable code under `type`, and the values the detail names: clients translate with them. */
  reason?: string;
  params?: Record<string, string | number>;
}

const statusByCode: Record<string, number> = {
  'not-found': 404,
  unauthenticated: 401,
  forbidden: 403,
  invalid: 400,
  'rate-limited': 429,
  conflict: 409,
  'payment-required': 402,
  'payment-provider-unavailable': 502,
  'webhook-signature': 400,
  gone: 410,
  'claim-expired': 410,
  'claim-email-mismatch': 403,
  'already-refunded': 409,
  'not-paid': 409,
  // Load shedding (verification): the one 5xx a request may get on purpose, with Retry-After.
  'verifier-busy': 503,
};

const titles: Record<string, string> = {
  'not-found': 'Not found',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  invalid: 'Invalid request',
  'invalid-json': 'Malformed JSON',
  'payload-too-large': 'Payload too large',
  'unsupported-media-type': 'Unsupported media type',
  'rate-limited': 'Too many requests',
  conflict: 'Conflict',
  'payment-required': 'Payment required',
  'csrf-failed': 'Missing or wrong CSRF token',
  internal: 'Internal server error',
  busy: 'Busy, try again',
};

/** Relative URI reference, stable across installs; GET /problems/<code> explains it. */
export const problemType = (code: string) => `/problems/${code}`;

export function problem(
  code: string,
  status: number,
  detail: string | undefined,
  request: FastifyRequest,
  errors?: FieldProblem[],
): Problem {
  return {
    type: problemType(code),
    title: titles[code] ?? code.replace(/-/g, ' '),
    status,
    ...(detail ? { detail } : {}),
    instance: request.url.split('?')[0],
    requestId: request.id,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const locale = problemLocale(request);
    const fields = error.validation.map((issue) => issueProblem(request, where, issue, locale));
    const detail = translate(locale, 'problemDetail.invalidRequest', { where, count: fields.length });
    return sendProblem(reply, problem('invalid', 400, detail, request, fields));
  }
  if (error instanceof DomainError) {
    const status = statusByCode[error.code] ?? (error instanceof ConflictError ? 409 : 422);
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    const locale = problemLocale(request);
    const fields =
      error instanceof InvalidError
        ? error.fields.map((field) => domainFieldProblem(field, locale))
        : undefined;
    const { reason, params } = error instanceof RuleError ? error : { reason: undefined, params: undefined };
    return sendProblem(reply, {
      ...problem(error.code, status, error.message, request, fields),
      ...(reason ? { reason } : {}),
      ...(params ? { params } : {}),
    });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendProblem(reply, problem('invalid-json', 400, 'The request body is not valid JSON.', request));
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return sendProblem(
        reply,
        problem('payload-too-large', 413, 'The request body is larger than this server accepts.', request),
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendProblem(
        reply,
        problem('unsupported-media-type', 415, 'Send JSON (Content-Type: application/json).', request),
      );
  }
  if (error.statusCode === 429) {
    return sendProblem(
      reply,
      problem('rate-limited', 429, 'Too many attempts; wait a minute and try again.', request),
    );
  }
  if (
    error.statusCode &&
    error.statusCode >= 400 &&
    error.statusCode < 500 &&
    !isResponseSerializationError(error)
  ) {
    return sendProblem(reply, problem('invalid', error.statusCode, error.message, request));
  }
  if (isContentionError(error)) {
    // Two requests changing the same records at once: the database rolled this one back whole.
    request.log.warn({ err: error }, 'a concurrent transaction got in the way; the client is told to retry');
    reply.header('retry-after', '1');
    return sendProblem(
      reply,
      problem(
        'busy',
        503,
        'Another change to the same records got in the way, so nothing was saved; send the request again.',
        request,
      ),
    );
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(
    reply,
    problem('internal', 500, 'Something went wrong on our side; the request id helps us find it.', request),
  );
}
