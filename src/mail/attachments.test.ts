import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { queueMail } from './index.ts';

const notes = Buffer.from('Año 2026 — notes\n', 'utf8');

describe('attachments in the outbox', () => {
  let t: TestApp;
  let operator: TestSession;
  let member: TestSession;
  let messageId: string;

  beforeAll(async () => {
    // An install with a private outbox: only operators read it.
    t = await createTestApp({ env: { OUTBOX_PUBLIC: 'false' } });
    operator = await aLoggedInUser(t.app, t.deps, { isOperator: true });
    member = await aLoggedInUser(t.app, t.deps);
    await t.deps.db.transaction().execute((trx) =>
      queueMail(t.deps, trx, {
        to: 'attached@example.org',
        locale: 'en',
        template: {
          kind: 'verify-email',
          name: 'Ana',
          email: 'attached@example.org',
          link: 'http://x/y',
          hours: 1,
        },
        idempotencyKey: 'test:attachments',
        attachments: [
          { filename: 'notes año.txt', contentType: 'text/plain', contentBase64: notes.toString('base64') },
          { filename: 'receipt-7.pdf', contentType: 'application/pdf', contentBase64: 'JVBERi0xLjcK' },
        ],
      }),
    );
    const row = await t.deps.db
      .selectFrom('mailMessages')
      .select('id')
      .where('idempotencyKey', '=', 'test:attachments')
      .executeTakeFirstOrThrow();
    messageId = row.id;
  });
  afterAll(() => t?.close());

  it('lists the names, types and sizes of a message’s attachments, never their content', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/outbox?to=attached@example.org',
      headers: operator.headers,
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items[0].attachments).toEqual([
      { index: 0, filename: 'notes año.txt', contentType: 'text/plain', size: notes.length },
      { index: 1, filename: 'receipt-7.pdf', contentType: 'application/pdf', size: 9 },
    ]);
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/v1/outbox/${messageId}`,
      headers: operator.headers,
    });
    expect(one.json().attachments).toHaveLength(2);
    expect(one.body).not.toContain(notes.toString('base64'));
    expect(one.body).not.toContain('JVBERi0xLjcK');
  });

  it('lets an operator download one attachment with its name and type', async () => {
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/v1/outbox/${messageId}/attachments/0`,
      headers: operator.headers,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/plain');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="notes a_o.txt"; filename*=UTF-8''notes%20a%C3%B1o.txt`,
    );
    expect(file.rawPayload.equals(notes)).toBe(true);
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/outbox/${messageId}/attachments/1`,
      headers: operator.headers,
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.toString()).toBe('%PDF-1.7\n');
  });

  it('answers 404 for an attachment the message does not have', async () => {
    const missing = await t.app.inject({
      method: 'GET',
      url: `/api/v1/outbox/${messageId}/attachments/2`,
      headers: operator.headers,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses the attachments of a private outbox to anyone but an operator', async () => {
    for (const headers of [member.headers, {}]) {
      const file = await t.app.inject({
        method: 'GET',
        url: `/api/v1/outbox/${messageId}/attachments/0`,
        headers,
      });
      expect(file.statusCode).toBe(403);
      expect(file.body).not.toContain('notes');
    }
  });
});
