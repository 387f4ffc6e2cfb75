// Server problems as the web app words them in Spanish (issue #19, item 4): real replies of the bulk-award
// upload read by the app's own api.ts and forms.ts. A known code (type + reason) is translated with its
// params; a problem with the person's file reads as one, never as "Algo salió mal"; unknown codes fall back
// to the server's text.
import i18next, { type TFunction } from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse } from '../src/badges/award-testing.ts';
import { aPublishedBadge } from '../src/badges/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../src/issuing/testing.ts';
import { toApiProblem } from '../web/src/api.ts';
import { describeProblem, describeRowProblem } from '../web/src/forms.ts';
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

/** Sends a CSV to the bulk-award dry run, as text/csv or as a multipart part of the given field name. */
async function upload(csv: string, field?: string) {
  const boundary = 'tessera-test-boundary';
  const reply = await t.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}/bulk-awards`,
    headers: {
      ...issuer.owner.headers,
      'content-type': field ? `multipart/form-data; boundary=${boundary}` : 'text/csv',
    },
    payload: field
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="list.csv"\r\n` +
        `Content-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`
      : csv,
  });
  return reply;
}

describe('server problems in the Spanish web app', () => {
  it('translates a refused bulk-award file from its code and params, as a problem with the file', async () => {
    const reply = await upload('email,nombre,apellido\r\nana@example.org,Ana,Núñez\r\n');
    expect(reply.statusCode).toBe(422);
    expect(reply.json()).toMatchObject({
      type: '/problems/bulk-file-refused',
      reason: 'unknown-columns',
      params: { columns: '"nombre", "apellido"', count: 2 },
    });
    expect(describeProblem(spanish, toApiProblem(reply.statusCode, reply.json()))).toBe(
      'La fila de encabezado de tu archivo tiene columnas desconocidas: "nombre", "apellido". ' +
        'Usa las columnas email, name, evidence_url, evidence_narrative, narrative, issue_date (solo email es obligatoria).',
    );
  });

  it('translates the other reasons a file is refused', async () => {
    const cases: Array<[string, string]> = [
      ['', 'Tu archivo está vacío: necesita una fila de encabezado y una fila por destinatario.'],
      ['name\r\nAna\r\n', 'La fila de encabezado de tu archivo no tiene la columna «email».'],
      ['email,email\r\na@example.org,b@example.org\r\n', 'nombra dos veces la columna email.'],
      [
        'email\r\n"ana@example.org\r\n',
        'La fila 1 de tu archivo abre un campo entre comillas que nunca se cierra.',
      ],
      ['email\r\n', 'Tu archivo tiene fila de encabezado pero ningún destinatario.'],
    ];
    for (const [csv, expected] of cases) {
      const reply = await upload(csv);
      const message = describeProblem(spanish, toApiProblem(reply.statusCode, reply.json()));
      expect(message, reply.body).toContain(expected);
    }
  });

  it('words a file problem without a known reason as a problem with the file, in Spanish', async () => {
    const reply = await upload('email\r\nana@example.org\r\n', 'attachment');
    expect(reply.statusCode).toBe(400);
    expect(describeProblem(spanish, toApiProblem(reply.statusCode, reply.json()))).toBe(
      'Hay un problema con tu archivo: Send the CSV file in a field named "file".',
    );
  });

  it('keeps "something went wrong" for the server’s own failures and calls other refusals refusals', () => {
    expect(
      describeProblem(
        spanish,
        toApiProblem(409, {
          type: '/problems/badge-not-published',
          status: 409,
          detail: 'Publish it first.',
        }),
      ),
    ).toBe('No se pudo hacer: Publish it first.');
    expect(
      describeProblem(
        spanish,
        toApiProblem(500, { type: '/problems/internal', status: 500, detail: 'Boom.' }),
      ),
    ).toBe('Algo salió mal: Boom.');
  });

  it('translates each row problem of a dry run, and keeps the server text of rows checked before codes', async () => {
    const reply = await upload(
      'email,evidence_url,issue_date\r\nnot-an-address,http://example.org/x,2999-01-01\r\nok@example.org,,\r\nok@example.org,,\r\n',
    );
    expect(reply.statusCode, reply.body).toBe(201);
    const rows = await t.app.inject({
      url: `/api/v1/orgs/${issuer.orgId}/bulk-awards/${reply.json().id}/rows?status=invalid`,
      headers: issuer.owner.headers,
    });
    const messages = rows
      .json()
      .items.flatMap((row: { problems: Parameters<typeof describeRowProblem>[1][] }) =>
        row.problems.map((p) => describeRowProblem(spanish, p)),
      );
    expect(messages).toEqual([
      'email: no es una dirección de correo válida',
      'evidence_url: debe empezar por https://',
      'issue_date: está en el futuro',
      'email: repite la fila 2',
    ]);
    expect(describeRowProblem(spanish, { column: 'email', message: 'is missing' })).toBe('email: is missing');
  });
});
