// Domain errors with a stable code. Only src/http knows which HTTP status each one becomes.
import type en from './i18n/locales/en.json';

/** The values a problem's message names (columns, limits, row numbers), for clients that translate it. */
export type ProblemParams = Record<string, string | number>;

/**
 * A domain field problem's code: a key of `fieldProblems` in the server catalogs (English has every key,
 * test/i18n-catalogs.test.ts keeps Spanish level with it), so a helper that passes codes on names only real ones.
 */
export type FieldProblemCode = keyof (typeof en)['fieldProblems'];

/**
 * One invalid field. `code` is stable (a zod issue code such as `too_small`, or a domain code such as
 * `future-date`) and `params` the values the message names; src/http words the message in the request's
 * language from `fieldProblems.<code>` of the server catalogs when the code has an entry there.
 */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
  params?: ProblemParams;
}

const schemaMessageCodes = new Map<string, FieldProblemCode>();

/**
 * The message of a request schema's own check (`.regex(…, schemaMessage(code, '…'))`, `.refine(…)`), with the
 * code that words it in the request's language: src/http/field-problems.ts finds the code by the message zod
 * reports. Returns the English message, which must be the catalog's `fieldProblems.<code>` word for word.
 * For checks without params only (a pattern, a refinement): a length or range keeps zod's code (`too_small` …)
 * and params, which zod's own locales word.
 */
export function schemaMessage(code: FieldProblemCode, message: string): string {
  schemaMessageCodes.set(message, code);
  return message;
}

/** The code of a request schema's own message (see schemaMessage), if it has one. */
export function schemaMessageCode(message: string): FieldProblemCode | undefined {
  return schemaMessageCodes.get(message);
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export class NotFoundError extends DomainError {
  readonly code = 'not-found';
  constructor(what = 'resource') {
    super(`No such ${what}.`);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
  constructor(message = 'You need to log in first.') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
  constructor(message = 'Your role does not allow this.') {
    super(message);
  }
}

export class ConflictError extends DomainError {
  readonly code: string;
  constructor(message: string, code = 'conflict') {
    super(message);
    this.code = code;
  }
}

export class InvalidError extends DomainError {
  readonly code = 'invalid';
  constructor(
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/**
 * A rule of the domain said no (e.g. "email not verified"), distinct from malformed input. `reason` is a finer
 * stable code under `code` (e.g. which rule of an uploaded file failed), `params` the values the message names.
 */
export class RuleError extends DomainError {
  readonly reason: string | undefined;
  readonly params: ProblemParams | undefined;
  constructor(
    readonly code: string,
    message: string,
    details: { reason?: string; params?: ProblemParams } = {},
  ) {
    super(message);
    this.reason = details.reason;
    this.params = details.params;
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'rate-limited';
}
