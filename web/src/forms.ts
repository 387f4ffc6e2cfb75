// Client-side checks with translated messages, and API problems turned into form problems.
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { ApiProblem, type FieldProblem, NETWORK_PROBLEM_TYPE } from './api.ts';
import type { FormProblem } from './components/ErrorSummary.tsx';

export const MIN_PASSWORD_LENGTH = 10;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type FieldErrors = Record<string, string>;

export function checkEmail(t: TFunction, value: string): string | undefined {
  if (!value.trim()) return t('form.required', { field: t('fields.email').toLowerCase() });
  return EMAIL.test(value.trim()) ? undefined : t('form.invalidEmail');
}

export function checkRequired(t: TFunction, value: string, fieldLabel: string): string | undefined {
  return value.trim() ? undefined : t('form.required', { field: fieldLabel.toLowerCase() });
}

export function checkNewPassword(t: TFunction, value: string): string | undefined {
  return value.length >= MIN_PASSWORD_LENGTH
    ? undefined
    : t('form.passwordTooShort', { count: MIN_PASSWORD_LENGTH });
}

/** Drops the undefined entries of a map of checks. */
export function onlyErrors(checks: Record<string, string | undefined>): FieldErrors {
  return Object.fromEntries(
    Object.entries(checks).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Problems about a file the person sent (its content or size); uploads also name the field `file`. */
const FILE_PROBLEMS = ['bulk-file-refused', 'payload-too-large'];

const isFileProblem = (error: ApiProblem) =>
  FILE_PROBLEMS.includes(error.code) || error.errors.some((e) => e.path.replace(/^body\./, '') === 'file');

/**
 * The message of a problem the app knows, in the reader's language: `problems.<code>.<reason>` (or
 * `.any` when the problem has no reason) with the problem's params; undefined for an unknown code.
 */
export function knownProblem(t: TFunction, error: ApiProblem): string | undefined {
  const key = `problems.${error.code}.${error.reason ?? 'any'}`;
  const message = t(key, { ...error.params, defaultValue: '' });
  return message && message !== key ? message : undefined;
}

/**
 * One line for a problem no page explains better: a known code in the reader's language; otherwise the
 * server's own text, told as a problem with the person's file, as a refusal (4xx) or as our failure.
 */
export function describeProblem(t: TFunction, error: unknown): string {
  if (error instanceof ApiProblem) {
    if (error.type === NETWORK_PROBLEM_TYPE) return t('form.network');
    const known = knownProblem(t, error);
    const detail = error.detail ?? error.title;
    if (error.status >= 400 && error.status < 500 && isFileProblem(error))
      return known ?? t('problems.file', { detail });
    if (known) return known;
    if (error.status >= 400 && error.status < 500) return t('problems.refused', { detail });
    return t('form.unexpected', { detail });
  }
  return t('form.unexpected', { detail: String(error) });
}

/** A row problem of a bulk-award file (`column`, `message`, and since codes exist `code` and `params`). */
export function describeRowProblem(
  t: TFunction,
  problem: { column: string; message: string; code?: string; params?: Record<string, string | number> },
): string {
  const key = `problems.bulkRow.${problem.code ?? ''}`;
  const message = problem.code ? t(key, { ...problem.params, defaultValue: '' }) : '';
  const text = message && message !== key ? message : problem.message;
  return problem.column ? `${problem.column}: ${text}` : text;
}

/** The finer key under `problems.field.<code>`: what was too short, which format, a missing value. */
function fieldVariant(problem: FieldProblem): string {
  const params = problem.params ?? {};
  if (problem.code === 'invalid_type') return params.received === 'undefined' ? 'missing' : 'any';
  if (problem.code === 'invalid_format') return String(params.format ?? 'any');
  return String(params.origin ?? 'any');
}

/**
 * One field problem in the reader's language: `problems.field.<code>.<variant>` (then `.any`) with its
 * params (a count for plurals), else the server's message (worded in the language the app asked for).
 */
export function describeFieldProblem(t: TFunction, problem: FieldProblem): string {
  if (!problem.code) return problem.message;
  const params = problem.params ?? {};
  const count = params.minimum ?? params.maximum;
  const vars = { ...params, ...(typeof count === 'number' ? { count } : {}), defaultValue: '' };
  for (const variant of [fieldVariant(problem), 'any']) {
    const key = `problems.field.${problem.code}.${variant}`;
    const message = t(key, vars);
    if (message && message !== key) return message;
  }
  return problem.message;
}

/**
 * The form's name for a problem's path: `body.email` → `email`; a list item's field, `body.evidence.2.url`,
 * → `evidence-3-url` (the form numbers items from 1) when the form has that field.
 */
function formFieldOf(path: string, formFields: readonly string[]): string {
  const field = path.replace(/^(body|querystring|params)\./, '');
  if (formFields.includes(field) || !/\.\d+(\.|$)/.test(field)) return field;
  const numbered = field
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part))
    .join('-');
  return formFields.includes(numbered) ? numbered : field;
}

/**
 * The field errors a problem reports for the form's own fields (a list item's under its own input), and a
 * general message for the rest, each in the reader's language when the app knows its code.
 */
export function problemToForm(
  t: TFunction,
  error: unknown,
  formFields: readonly string[],
): { fields: FieldErrors; general: string[] } {
  if (!(error instanceof ApiProblem) || error.errors.length === 0)
    return { fields: {}, general: [describeProblem(t, error)] };
  const byField: FieldErrors = {};
  for (const problem of error.errors) {
    const field = formFieldOf(problem.path, formFields);
    const message = describeFieldProblem(t, problem);
    byField[field] = byField[field] ? `${byField[field]} ${message}` : message;
  }
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const [field, message] of Object.entries(byField)) {
    if (formFields.includes(field)) fields[field] = message;
    else general.push(`${field}: ${message}`);
  }
  return { fields, general };
}

/** The summary's entries: field problems in the form's order, then the general ones. */
export function summaryOf(
  formFields: readonly string[],
  fields: FieldErrors,
  general: readonly string[] = [],
): FormProblem[] {
  return [
    ...formFields.flatMap((field) => (fields[field] ? [{ field, message: fields[field] }] : [])),
    ...general.map((message) => ({ message })),
  ];
}

export interface FormErrorState {
  fields: FieldErrors;
  general: string[];
}

const NO_ERRORS: FormErrorState = { fields: {}, general: [] };

/** A form's current errors and its summary, which changes (and so takes focus) only when errors are set. */
export function useFormErrors(formFields: readonly string[]) {
  const [errors, setErrors] = useState<FormErrorState>(NO_ERRORS);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the field list is fixed per form
  const problems = useMemo(() => summaryOf(formFields, errors.fields, errors.general), [errors]);
  return {
    fields: errors.fields,
    problems,
    setFieldErrors: (fields: FieldErrors) => setErrors({ fields, general: [] }),
    setGeneral: (...general: string[]) => setErrors({ fields: {}, general }),
    setFromProblem: (t: TFunction, error: unknown) => setErrors(problemToForm(t, error, formFields)),
    clear: () => setErrors(NO_ERRORS),
  };
}
