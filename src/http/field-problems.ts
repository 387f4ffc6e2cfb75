// The `errors` of a problem+json reply in the request's language (its Accept-Language): zod issues of a
// request's body, query or path worded by zod's own locales, domain field problems (src/errors.ts) by the
// server catalogs' `fieldProblems.<code>`. Each carries a stable `code` and the `params` its message names,
// so a client may word it in its own way (the web app does, web/src/forms.ts).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type FieldProblem, type ProblemParams, schemaMessageCode } from '../errors.ts';
import { hasTranslation, negotiateLocale, translate } from '../i18n/index.ts';

/** The code of a domain field problem that names none: only its (English) message says what is wrong. */
export const UNCODED_FIELD_PROBLEM = 'invalid';

type IssueWording = (issue: Record<string, unknown>) => string | { message: string } | null | undefined;
const zodLocales: Record<string, () => { localeError: unknown }> = { en: z.locales.en, es: z.locales.es };
const wordings = new Map<string, IssueWording>();

function zodWording(locale: string): IssueWording | undefined {
  const known = wordings.get(locale);
  if (known) return known;
  const make = zodLocales[locale];
  if (!make) return undefined;
  const wording = make().localeError as IssueWording;
  wordings.set(locale, wording);
  return wording;
}

/** The language a request's problems are worded in: its Accept-Language, else English. */
export const problemLocale = (request: FastifyRequest): string =>
  negotiateLocale(request.headers['accept-language']);

/** One zod issue as fastify-type-provider-zod hands it over (the issue's own fields under `params`). */
export interface ValidationIssue {
  keyword: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

type Where = 'body' | 'querystring' | 'params' | 'headers';

/** The request's refused value at an issue's path: zod words a wrong type by what was sent. */
function valueAt(request: FastifyRequest, where: Where, path: string[]): unknown {
  const root: unknown = {
    body: request.body,
    querystring: request.query,
    params: request.params,
    headers: request.headers,
  }[where];
  return path.reduce<unknown>(
    (node, key) =>
      typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined,
    root,
  );
}

const typeOf = (value: unknown): string =>
  value === undefined ? 'undefined' : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** The scalar facts of an issue (minimum, format, expected …); never the value sent nor the pattern. */
function paramsOf(issue: ValidationIssue, input: unknown): ProblemParams {
  const params: ProblemParams = {};
  for (const [name, value] of Object.entries(issue.params ?? {})) {
    if (name === 'input' || name === 'pattern') continue;
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
    else if (typeof value === 'bigint') params[name] = Number(value);
    else if (Array.isArray(value) && value.every((v) => ['string', 'number'].includes(typeof v)))
      params[name] = value.join(', ');
  }
  if (issue.keyword === 'invalid_type') params.received = typeOf(input);
  return params;
}

/** A request validation issue as a field problem worded in the locale (zod's built-in locale for it). */
export function issueProblem(
  request: FastifyRequest,
  where: string,
  issue: ValidationIssue,
  locale: string,
): FieldProblem {
  const path = issue.instancePath ? issue.instancePath.split('/').filter(Boolean) : [];
  const keys = issue.params?.keys;
  const input = valueAt(request, where as Where, path);
  let message = issue.message ?? 'is invalid';
  // A schema's own message (schemaMessage in src/errors.ts) is worded from the catalog under its code.
  const own = message ? schemaMessageCode(message) : undefined;
  if (own) {
    return {
      path: [where, ...path].join('.'),
      message: translate(locale, `fieldProblems.${own}`),
      code: own,
      params: {},
    };
  }
  if (locale !== 'en') {
    const worded = zodWording(locale)?.({ ...issue.params, code: issue.keyword, path, input });
    const text = typeof worded === 'string' ? worded : worded?.message;
    if (text) message = text;
  }
  return {
    path: [where, ...path, ...(Array.isArray(keys) ? [keys.join(',')] : [])].join('.'),
    message,
    code: issue.keyword,
    params: paramsOf(issue, input),
  };
}

/** A domain field problem with its code and params, worded from `fieldProblems.<code>` when the catalog has it. */
export function domainFieldProblem(field: FieldProblem, locale: string): FieldProblem {
  const key = `fieldProblems.${field.code}`;
  const message = field.code && hasTranslation(key) ? translate(locale, key, field.params) : field.message;
  return {
    path: field.path,
    message,
    code: field.code ?? UNCODED_FIELD_PROBLEM,
    params: field.params ?? {},
  };
}
