// Field problems in the reader's language (issue #19, item 4): the `errors` of a refused manual award as the
// server words them per Accept-Language (zod's own Spanish for request validation, the server catalogs for
// domain rules), each with a stable code and params; and as the web app's forms.ts puts them under the
// form's fields, a list item's problem under that item's input.
import i18next, { type TFunction } from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse } from '../src/badges/award-testing.ts';
import { aPublishedBadge } from '../src/badges/testing.ts';
import { negotiateLocale } from '../src/i18n/index.ts';
import { anIssuerWithOwner, type TestIssuer } from '../src/issuing/testing.ts';
import { toApiProblem } from '../web/src/api.ts';
import { describeFieldProblem, problemToForm } from '../web/src/forms.ts';
import en from '../web/src/i18n/en.json';
import es from '../web/src/i18n/es.json';
import { createTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
let issuer: TestIssuer;
let badgeId = '';
let spanish: TFunction;

beforeAll(async () => {
  t = await createTestApp();
  issuer = await anIssuerWithOwner(t.app, t.deps, 'Nómina Academy');
  const courseId = await aOneLessonCourse(t.app, issuer);
  badgeId = (await aPublishedBadge(t.app, issuer, { courseIds: [courseId] })).id;
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng: 'es',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  spanish = i18n.t;
});
afterAll(() => t?.close());

/** A body the browser's own checks let through and the server refuses on three fields. */
const refusedBody = {
  email: 'ana..nunez@example.org',
  name: 'N'.repeat(201),
  evidence: [{ url: 'https://files.example.org/audit' }, { url: 'https://ex^ample.org/report' }],
};

function award(payload: unknown, language?: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
    headers: { ...issuer.owner.headers, ...(language ? { 'accept-language': language } : {}) },
    payload: payload as Record<string, unknown>,
  });
}

describe('field problems of the API', () => {
  it('word request validation in Spanish for a Spanish Accept-Language, with codes and params', async () => {
    const reply = await award({ ...refusedBody, extra: true }, 'es-MX,es;q=0.9,en;q=0.5');
    expect(reply.statusCode, reply.body).toBe(400);
    const body = reply.json();
    expect(body.detail).toBe('La solicitud (body) tiene 4 problema(s).');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        {
          path: 'body.email',
          code: 'invalid_format',
          params: { origin: 'string', format: 'email' },
          message: 'Inválido dirección de correo electrónico',
        },
        {
          path: 'body.name',
          code: 'too_big',
          params: { origin: 'string', maximum: 200 },
          message: 'Demasiado grande: se esperaba que texto tuviera <=200 caracteres',
        },
        {
          path: 'body.evidence.1.url',
          code: 'invalid_format',
          params: { format: 'url' },
          message: 'Inválido URL',
        },
        {
          path: 'body.extra',
          code: 'unrecognized_keys',
          params: { keys: 'extra' },
          message: 'Llave desconocida: "extra"',
        },
      ]),
    );
  });

  it('names the type that was sent when a field has the wrong one, and keeps English without Accept-Language', async () => {
    const spanishReply = await award({ email: 42 }, 'es');
    expect(spanishReply.json().errors).toEqual([
      {
        path: 'body.email',
        code: 'invalid_type',
        params: { expected: 'string', received: 'number' },
        message: 'Entrada inválida: se esperaba texto, recibido número',
      },
    ]);
    const englishReply = await award({}, undefined);
    expect(englishReply.json()).toMatchObject({
      detail: 'The request body has 1 problem(s).',
      errors: [
        {
          path: 'body.email',
          code: 'invalid_type',
          params: { expected: 'string', received: 'undefined' },
          message: expect.stringContaining('expected string, received undefined'),
        },
      ],
    });
  });

  it('words a domain rule on a field from the server catalogs, with its code and params', async () => {
    const body = { email: 'ana@example.org', issuedOn: '2001-01-01' };
    const spanishReply = await award(body, 'es');
    expect(spanishReply.statusCode, spanishReply.body).toBe(400);
    expect(spanishReply.json().errors).toEqual([
      {
        path: 'body.issuedOn',
        code: 'too-long-ago',
        params: { years: 10 },
        message: 'es de hace más de 10 años',
      },
    ]);
    const englishReply = await award({ ...body, issuedOn: '2999-01-01' }, 'fr, en;q=0.8');
    expect(englishReply.json().errors).toEqual([
      { path: 'body.issuedOn', code: 'future-date', params: {}, message: 'is in the future' },
    ]);
  });

  it('chooses the most preferred language it has from an Accept-Language header', () => {
    expect(negotiateLocale('fr-CA, es;q=0.7, en;q=0.8')).toBe('en');
    expect(negotiateLocale('en;q=0.2, es-419')).toBe('es');
    expect(negotiateLocale('de, es;q=0')).toBe('en');
    expect(negotiateLocale(undefined)).toBe('en');
  });
});

describe('field problems in the Spanish web app', () => {
  it('puts each problem under its field in Spanish, a list item’s under that item’s input', async () => {
    const reply = await award(refusedBody);
    const form = problemToForm(spanish, toApiProblem(reply.statusCode, reply.json()), [
      'email',
      'name',
      'evidence-1-url',
      'evidence-2-url',
    ]);
    expect(form).toEqual({
      fields: {
        email: 'no es una dirección de correo válida',
        name: 'debe tener como máximo 200 caracteres',
        'evidence-2-url': 'no es una dirección web válida (http:// o https://)',
      },
      general: [],
    });
  });

  it('says a missing field is required and lists a field the form does not have under its path', () => {
    const problem = toApiProblem(400, {
      type: '/problems/invalid',
      status: 400,
      errors: [
        { path: 'body.email', code: 'invalid_type', params: { received: 'undefined' }, message: 'x' },
        {
          path: 'body.evidence.0.name',
          code: 'too_small',
          params: { origin: 'string', minimum: 1 },
          message: 'y',
        },
      ],
    });
    expect(problemToForm(spanish, problem, ['email'])).toEqual({
      fields: { email: 'es obligatorio' },
      general: ['evidence.0.name: no puede estar vacío'],
    });
  });

  it('falls back to the server’s message for a code it does not know or a problem without a code', () => {
    expect(
      describeFieldProblem(spanish, { path: 'body.x', code: 'invalid', message: 'no es un dominio propio' }),
    ).toBe('no es un dominio propio');
    expect(describeFieldProblem(spanish, { path: 'body.x', message: 'is odd' })).toBe('is odd');
  });
});
