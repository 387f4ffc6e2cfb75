// The attack of issue #14, end to end against a listening server with the demo data: an anonymous client asks
// for a password reset for the demo admin, then tries to read the reset link from the outbox. It must fail on
// a default install and with OUTBOX_PUBLIC; a platform operator still reads the mail.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../src/cli/build-web.ts';
import { SESSION_COOKIE } from '../src/identity/model.ts';
import { seedDemoDataIfEmpty } from '../src/seed/demo.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { freePort } from './support/browser.ts';

const ADMIN = 'admin@tessera.test';

interface Install {
  t: TestApp;
  base: string;
  close(): Promise<void>;
}

/** A seeded install listening on a loopback port, as `npm start` runs it. */
async function startInstall(env: Record<string, string> = {}): Promise<Install> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ serveWebApp: true, env: { ...env, PUBLIC_URL: base } });
  await seedDemoDataIfEmpty(t.deps);
  await t.app.listen({ port, host: t.deps.config.host });
  return { t, base, close: () => t.close() };
}

/** Logs a demo person in with the password from the demo credentials file; returns their cookie header. */
async function logInAsDemo(install: Install, email: string): Promise<{ cookie: string }> {
  const credentials = readFileSync(join(install.t.deps.config.dataDir, 'demo-credentials.txt'), 'utf8');
  const password = new RegExp(`${email.replaceAll('.', '\\.')}\\s+(\\S+)`).exec(credentials)?.[1];
  const response = await fetch(`${install.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  const session = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return { cookie: session?.split(';')[0] ?? '' };
}

/** The anonymous attacker's first step: a reset link for the admin, mailed into the outbox. */
async function requestResetForAdmin(install: Install): Promise<string> {
  const reset = await fetch(`${install.base}/api/v1/auth/password-reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN }),
  });
  expect(reset.status).toBe(202);
  const mail = await install.t.deps.db
    .selectFrom('mailMessages')
    .select(['id', 'textBody'])
    .where('toAddress', '=', ADMIN)
    .orderBy('createdAt', 'desc')
    .executeTakeFirstOrThrow();
  expect(mail.textBody).toContain('/reset-password?token=');
  return mail.id;
}

const tokenOf = (text: string) => /reset-password\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? 'none';

beforeAll(() => ensureWebBuilt(() => {}), 300_000);

describe('a password-reset link on a default install', { timeout: 60_000 }, () => {
  let install: Install;
  let resetMailId: string;
  let token: string;

  beforeAll(async () => {
    install = await startInstall();
    resetMailId = await requestResetForAdmin(install);
    const row = await install.t.deps.db
      .selectFrom('mailMessages')
      .select('textBody')
      .where('id', '=', resetMailId)
      .executeTakeFirstOrThrow();
    token = tokenOf(row.textBody);
  }, 120_000);
  afterAll(() => install?.close());

  it('listens on loopback only', () => {
    expect(install.t.deps.config.host).toBe('127.0.0.1');
  });

  it('cannot be read by an anonymous client: not listed, not by id, not as an attachment', async () => {
    for (const path of [
      '/api/v1/outbox',
      `/api/v1/outbox/${resetMailId}`,
      `/api/v1/outbox/${resetMailId}/attachments/0`,
    ]) {
      const response = await fetch(`${install.base}${path}`);
      expect(response.status, path).toBe(403);
      expect(await response.text()).not.toContain(token);
    }
  });

  it('cannot be read by a logged-in person who is not an operator', async () => {
    const learner = await logInAsDemo(install, 'learner@tessera.test');
    for (const path of ['/api/v1/outbox', `/api/v1/outbox/${resetMailId}`]) {
      const response = await fetch(`${install.base}${path}`, { headers: learner });
      expect(response.status, path).toBe(403);
    }
  });

  it('is not in the outbox page the browser loads', async () => {
    const page = await fetch(`${install.base}/outbox`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    expect(html).not.toContain(token);
    expect(html).not.toContain('reset-password?token');
  });

  it('is read by the demo platform operator, whose link works', async () => {
    const operator = await logInAsDemo(install, 'operator@tessera.test');
    const list = await fetch(`${install.base}/api/v1/outbox?to=${ADMIN}`, { headers: operator });
    expect(list.status).toBe(200);
    const items = ((await list.json()) as { items: Array<{ id: string }> }).items;
    expect(items.map((m) => m.id)).toContain(resetMailId);
    const message = await fetch(`${install.base}/api/v1/outbox/${resetMailId}`, { headers: operator });
    expect(tokenOf(((await message.json()) as { text: string }).text)).toBe(token);
  });
});

describe('a password-reset link with OUTBOX_PUBLIC on loopback', { timeout: 60_000 }, () => {
  let install: Install;
  let resetMailId: string;

  beforeAll(async () => {
    install = await startInstall({ OUTBOX_PUBLIC: 'true' });
    resetMailId = await requestResetForAdmin(install);
  }, 120_000);
  afterAll(() => install?.close());

  it('is neither listed nor readable by id nor as an attachment for an anonymous client', async () => {
    const list = await fetch(`${install.base}/api/v1/outbox?to=${ADMIN}`);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ items: [] });
    const everything = await fetch(`${install.base}/api/v1/outbox?limit=200`);
    expect(await everything.text()).not.toMatch(/token=|\/claim\//);
    for (const path of [`/api/v1/outbox/${resetMailId}`, `/api/v1/outbox/${resetMailId}/attachments/0`]) {
      const response = await fetch(`${install.base}${path}`);
      expect(response.status, path).toBe(404);
    }
  });

  it('is still read by the demo platform operator', async () => {
    const operator = await logInAsDemo(install, 'operator@tessera.test');
    const message = await fetch(`${install.base}/api/v1/outbox/${resetMailId}`, { headers: operator });
    expect(message.status).toBe(200);
    expect(((await message.json()) as { text: string }).text).toContain('/reset-password?token=');
  });
});
