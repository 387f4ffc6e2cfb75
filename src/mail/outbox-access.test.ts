// Who reads the outbox: platform operators; with OUTBOX_PUBLIC (a local trial on loopback) anyone, but
// never a mail that carries a secret link, listed or by id or through its attachments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import type { Deps } from '../deps.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { type MailTemplate, queueMail, queueMails } from './index.ts';
import { CARRIES_SECRET_LINK } from './templates.ts';

/** One mail of every kind: a new kind must be added here too (the type requires it). */
const everyKind: { [K in MailTemplate['kind']]: Extract<MailTemplate, { kind: K }> } = {
  'verify-email': {
    kind: 'verify-email',
    name: 'A',
    email: 'a@x.test',
    link: 'http://x/verify-email?token=t1',
    hours: 24,
  },
  'reset-password': {
    kind: 'reset-password',
    name: 'A',
    email: 'a@x.test',
    link: 'http://x/reset-password?token=t2',
    minutes: 30,
  },
  'account-exists': {
    kind: 'account-exists',
    name: 'A',
    email: 'a@x.test',
    loginLink: 'http://x/login',
    resetLink: 'http://x/forgot-password',
  },
  'email-add-attempt': {
    kind: 'email-add-attempt',
    name: 'A',
    email: 'a@x.test',
    loginLink: 'http://x/login',
  },
  'attestation-request': {
    kind: 'attestation-request',
    name: 'S',
    learnerName: 'L',
    courseTitle: 'C',
    taskTitle: 'T',
    statement: 'Did it',
    link: 'http://x/attestations/t3',
    days: 14,
  },
  'badge-awarded': {
    kind: 'badge-awarded',
    name: 'A',
    issuerName: 'I',
    badgeName: 'B',
    link: 'http://x/claim/t4',
    days: 30,
  },
  'badge-renewed': {
    kind: 'badge-renewed',
    name: 'A',
    badgeName: 'B',
    issuerName: 'I',
    expiresAt: null,
    link: 'http://x/learn/badges/1',
  },
  'badge-expiring': {
    kind: 'badge-expiring',
    name: 'A',
    badgeName: 'B',
    issuerName: 'I',
    expiresAt: '2027-01-01T00:00:00Z',
    link: 'http://x/learn/badges',
  },
  'order-receipt': {
    kind: 'order-receipt',
    name: 'A',
    issuerName: 'I',
    orderNumber: 7,
    total: '€10.00',
    link: 'http://x/learn/orders/1',
  },
  'invoice-issued': {
    kind: 'invoice-issued',
    name: 'A',
    issuerName: 'I',
    orderNumber: 8,
    amountDue: '€10.00',
    reference: 'INV-8',
    link: 'http://x/learn/orders/2',
  },
  'refund-issued': {
    kind: 'refund-issued',
    name: 'A',
    issuerName: 'I',
    orderNumber: 9,
    amount: '€10.00',
    courses: [],
    link: 'http://x/learn/orders/3',
  },
  'badge-fee-due': {
    kind: 'badge-fee-due',
    badgeName: 'B',
    issuerName: 'I',
    amount: '€5.00',
    payUrl: 'http://x/learn/badges/4',
  },
  'evidence-reviewed': {
    kind: 'evidence-reviewed',
    name: 'A',
    courseTitle: 'C',
    taskTitle: 'T',
    decision: 'returned',
    feedback: 'F',
    link: 'http://x/learn/6',
  },
  'employer-invitation': {
    kind: 'employer-invitation',
    name: 'A',
    orgName: 'E',
    link: 'http://x/join/employer/t5',
  },
  'org-invitation': {
    kind: 'org-invitation',
    name: 'A',
    orgName: 'O',
    role: 'assessor',
    link: 'http://x/join/org/t7',
    days: 14,
  },
  'seat-offered': {
    kind: 'seat-offered',
    name: 'A',
    orgName: 'E',
    itemTitle: 'C',
    link: 'http://x/learn/seats',
  },
  'badge-recognised': {
    kind: 'badge-recognised',
    name: 'A',
    recognition: 'endorsement',
    authorName: 'M',
    orgName: 'E',
    badgeName: 'B',
    comment: 'Well done',
    link: 'http://x/learn/badges/a1',
  },
  'employer-digest': {
    kind: 'employer-digest',
    name: 'M',
    orgName: 'E',
    weekEnd: '2031-03-10T08:00:00.000Z',
    newBadges: [{ person: 'P', badge: 'B' }],
    gapsClosed: [],
    renewals: [],
    peopleLink: 'http://x/employ/people',
    settingsLink: 'http://x/employ/settings',
    unsubscribeLink: 'http://x/digest/unsubscribe/t6',
  },
};
const kinds = Object.keys(everyKind) as MailTemplate['kind'][];
const SECRET_KINDS = [
  'verify-email',
  'reset-password',
  'attestation-request',
  'badge-awarded',
  'employer-invitation',
  'employer-digest',
  'org-invitation',
];

/** Every kind to `<kind>@<domain>`, each with a small attachment (the way receipts carry their PDF). */
async function queueEveryKind(deps: Deps, domain: string): Promise<Map<string, string>> {
  await deps.db.transaction().execute(async (trx) => {
    for (const kind of kinds) {
      await queueMail(deps, trx, {
        to: `${kind}@${domain}`,
        locale: 'en',
        template: everyKind[kind],
        idempotencyKey: `test:${domain}:${kind}`,
        attachments: [{ filename: `${kind}.txt`, contentType: 'text/plain', contentBase64: 'aGk=' }],
      });
    }
  });
  const rows = await deps.db
    .selectFrom('mailMessages')
    .select(['id', 'toAddress'])
    .where('toAddress', 'like', `%@${domain}`)
    .execute();
  return new Map(rows.map((row) => [row.toAddress.split('@')[0]!, row.id]));
}

describe('mail that carries a secret link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('is marked as such when queued, from its template kind, one by one and in batches', async () => {
    expect(kinds.filter((kind) => CARRIES_SECRET_LINK[kind]).sort()).toEqual([...SECRET_KINDS].sort());
    await queueEveryKind(t.deps, 'one.test');
    await t.deps.db.transaction().execute((trx) =>
      queueMails(
        t.deps,
        trx,
        kinds.map((kind) => ({
          to: `${kind}@batch.test`,
          locale: 'en',
          template: everyKind[kind],
          idempotencyKey: `test:batch:${kind}`,
        })),
      ),
    );
    const rows = await t.deps.db.selectFrom('mailMessages').select(['toAddress', 'carriesSecret']).execute();
    for (const domain of ['one.test', 'batch.test']) {
      const marked = Object.fromEntries(
        rows
          .filter((r) => r.toAddress.endsWith(`@${domain}`))
          .map((r) => [r.toAddress.split('@')[0], r.carriesSecret]),
      );
      expect(marked).toEqual(Object.fromEntries(kinds.map((kind) => [kind, SECRET_KINDS.includes(kind)])));
    }
  });
});

describe('the outbox of a default install', () => {
  let t: TestApp;
  let operator: TestSession;
  let member: TestSession;
  let ids: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await aLoggedInUser(t.app, t.deps, { isOperator: true });
    member = await aLoggedInUser(t.app, t.deps);
    ids = await queueEveryKind(t.deps, 'default.test');
  });
  afterAll(() => t?.close());

  it('is refused to anonymous callers and to people who are not operators: list, message and attachment', async () => {
    const receipt = ids.get('order-receipt');
    for (const headers of [{}, member.headers]) {
      for (const url of [
        '/api/v1/outbox',
        `/api/v1/outbox/${receipt}`,
        `/api/v1/outbox/${receipt}/attachments/0`,
      ]) {
        const response = await t.app.inject({ method: 'GET', url, headers });
        expect(response.statusCode, url).toBe(403);
        expect(response.json().detail).toBe('Only platform operators may read the outbox; log in as one.');
      }
    }
  });

  it('shows an operator every message, those with secret links included', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/outbox?limit=200',
      headers: operator.headers,
    });
    const listed = (list.json().items as Array<{ to: string }>).map((m) => m.to.split('@')[0]);
    expect(listed.sort()).toEqual([...kinds].sort());
    const reset = await t.app.inject({
      method: 'GET',
      url: `/api/v1/outbox/${ids.get('reset-password')}`,
      headers: operator.headers,
    });
    expect(reset.json().text).toContain('/reset-password?token=t2');
  });
});

describe('the outbox with OUTBOX_PUBLIC on loopback', () => {
  let t: TestApp;
  let operator: TestSession;
  let ids: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ env: { OUTBOX_PUBLIC: 'true', HOST: '127.0.0.1' } });
    operator = await aLoggedInUser(t.app, t.deps, { isOperator: true });
    ids = await queueEveryKind(t.deps, 'public.test');
  });
  afterAll(() => t?.close());

  it('lists to anyone only the mail without secret links', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/outbox?limit=200' });
    expect(list.statusCode).toBe(200);
    const listed = (list.json().items as Array<{ to: string }>).map((m) => m.to.split('@')[0]);
    expect(listed.sort()).toEqual(kinds.filter((kind) => !SECRET_KINDS.includes(kind)).sort());
    expect(list.body).not.toMatch(/token=|\/claim\/|\/attestations\//);
  });

  it('answers 404 to anyone asking for a secret-carrying message or its attachment by id', async () => {
    for (const kind of SECRET_KINDS) {
      for (const url of [
        `/api/v1/outbox/${ids.get(kind)}`,
        `/api/v1/outbox/${ids.get(kind)}/attachments/0`,
      ]) {
        const response = await t.app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(404);
        expect(response.body).not.toContain('token');
      }
    }
    const receipt = await t.app.inject({ method: 'GET', url: `/api/v1/outbox/${ids.get('order-receipt')}` });
    expect(receipt.statusCode).toBe(200);
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/v1/outbox/${ids.get('order-receipt')}/attachments/0`,
    });
    expect(file.body).toBe('hi');
  });

  it('still shows an operator the secret-carrying mail', async () => {
    const claim = await t.app.inject({
      method: 'GET',
      url: `/api/v1/outbox/${ids.get('badge-awarded')}`,
      headers: operator.headers,
    });
    expect(claim.statusCode).toBe(200);
    expect(claim.json().text).toContain('http://x/claim/t4');
  });
});
