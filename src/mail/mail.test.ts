import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../../test/support/runtime.ts';
import { type SmtpCapture, startSmtpCapture } from '../../test/support/smtp.ts';
import type { Runtime } from '../runtime.ts';
import { queueMail, queueMails } from './index.ts';
import { listMessages } from './store.ts';

const verifyTemplate = (link: string) => ({
  kind: 'verify-email' as const,
  name: 'Ana Núñez',
  email: 'ana@example.org',
  link,
  hours: 24,
});

describe('mail over SMTP', () => {
  let smtp: SmtpCapture;
  let runtime: Runtime;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    runtime = await createTestRuntime({
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Tessera <mail@tessera.test>' },
      workers: true,
    });
  });
  afterAll(async () => {
    await runtime?.close();
    await smtp?.close();
  });

  it('delivers a queued message to the SMTP server through the job queue', async () => {
    const { deps } = runtime;
    await deps.db.transaction().execute((trx) =>
      queueMail(deps, trx, {
        to: 'Ana@Example.org',
        locale: 'es',
        template: verifyTemplate('http://localhost:3000/verify-email?token=abc'),
        idempotencyKey: 'test:delivers',
      }),
    );
    const mail = await smtp.waitFor((m) => m.to.includes('ana@example.org'));
    expect(mail.subject).toBe('Confirma tu dirección de correo en Tessera');
    expect(mail.text).toContain('Hola Ana Núñez:');
    expect(mail.text).toContain('http://localhost:3000/verify-email?token=abc');
    expect(mail.html).toContain('href="http://localhost:3000/verify-email?token=abc"');
  });

  it('sends a message only once however often the same idempotency key is queued', async () => {
    const { deps } = runtime;
    const queueTwice = [1, 2].map(() =>
      deps.db.transaction().execute((trx) =>
        queueMail(deps, trx, {
          to: 'once@example.org',
          locale: 'en',
          template: verifyTemplate('http://localhost:3000/once'),
          idempotencyKey: 'test:once',
        }),
      ),
    );
    await Promise.all(queueTwice);
    await smtp.waitFor((m) => m.to.includes('once@example.org'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.messages.filter((m) => m.to.includes('once@example.org'))).toHaveLength(1);
  });

  it('delivers queued batches (one job per hundred messages) once each, however often they are queued', async () => {
    const { deps } = runtime;
    const requests = Array.from({ length: 120 }, (_, i) => ({
      to: `batch${i}@example.org`,
      locale: 'en',
      template: verifyTemplate(`http://localhost:3000/batch/${i}`),
      idempotencyKey: `test:batch:${i}`,
    }));
    for (const attempt of [1, 2]) {
      await deps.db
        .transaction()
        .execute((trx) => queueMails(deps, trx, attempt === 1 ? requests : requests.slice(0, 10)));
    }
    const jobs = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(`${deps.config.jobsSchema}.job`)}
      where name = 'mail.deliver-batch'`.execute(deps.db);
    expect(Number(jobs.rows[0]?.n)).toBe(2);
    for (let i = 0; i < 80; i++) {
      if (smtp.messages.filter((m) => m.to.some((to) => to.startsWith('batch'))).length >= 120) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const sent = smtp.messages.flatMap((m) => m.to).filter((to) => to.startsWith('batch'));
    expect(sent).toHaveLength(120);
    expect(new Set(sent).size).toBe(120);
    const rows = await listMessages(deps.db, { limit: 200 });
    expect(rows.filter((r) => r.toAddress.startsWith('batch') && r.status === 'sent')).toHaveLength(120);
  });

  it('sends nothing when the transaction that queued the message rolls back', async () => {
    const { deps } = runtime;
    await expect(
      deps.db.transaction().execute(async (trx) => {
        await queueMail(deps, trx, {
          to: 'rollback@example.org',
          locale: 'en',
          template: verifyTemplate('http://localhost:3000/rollback'),
          idempotencyKey: 'test:rollback',
        });
        throw new Error('the use-case failed after queueing');
      }),
    ).rejects.toThrow('the use-case failed');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.messages.some((m) => m.to.includes('rollback@example.org'))).toBe(false);
    expect(await listMessages(deps.db, { to: 'rollback@example.org', limit: 5 })).toEqual([]);
  });
});

describe('mail without SMTP', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createTestRuntime({ workers: true });
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('keeps the message in the outbox and marks it delivered there', async () => {
    const { deps } = runtime;
    await queueMail(deps, deps.db, {
      to: 'outbox@example.org',
      locale: 'en',
      template: verifyTemplate('http://localhost:3000/verify-email?token=xyz'),
      idempotencyKey: 'test:outbox',
    });
    let rows = await listMessages(deps.db, { to: 'outbox@example.org', limit: 5 });
    for (let i = 0; i < 40 && rows[0]?.status !== 'sent'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      rows = await listMessages(deps.db, { to: 'outbox@example.org', limit: 5 });
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      transport: 'outbox',
      status: 'sent',
      subject: 'Confirm your email address for Tessera',
    });
    expect(rows[0]?.textBody).toContain('token=xyz');
  });
});
