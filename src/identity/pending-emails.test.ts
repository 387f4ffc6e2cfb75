// Adding an address must not tell whether another account holds it (issue #14 follow-up): the reply and the
// work are the same, the holder is told by mail, no link goes out, and a pending address never finds an account.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { movePendingAdditions } from '../db/migrations/0022_pending_user_emails.ts';
import {
  accountIdByVerifiedEmail,
  createUser,
  findUserIdByVerifiedEmail,
  verifiedEmailsOf,
} from './index.ts';
import { aLoggedInUser, lastMailedToken, logInAs, TEST_PASSWORD, type TestSession } from './testing.ts';

let t: TestApp;
let counter = 0;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const fresh = (what: string) => `${what}-${++counter}-${Date.now()}@example.test`;

const addEmail = (me: TestSession, email: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/me/emails', headers: me.headers, payload: { email } });

const listEmails = async (me: TestSession) =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/me/emails', headers: me.headers })).json()
    .items as Array<{
    id: string;
    email: string;
    verified: boolean;
    primary: boolean;
  }>;

const confirm = (token: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });

const mailsTo = (to: string) =>
  t.deps.db
    .selectFrom('mailMessages')
    .select(['subject', 'textBody'])
    .where('toAddress', '=', to)
    .orderBy('createdAt')
    .execute();

const tokensFor = (userId: string, email: string) =>
  t.deps.db
    .selectFrom('emailTokens')
    .select('tokenHash')
    .where('userId', '=', userId)
    .where('email', '=', email)
    .execute();

describe('adding an address another account holds', () => {
  it('answers exactly as adding a free address: 201, the same keys, pending', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const other = await aLoggedInUser(t.app, t.deps);
    const free = await addEmail(me, fresh('free'));
    const taken = await addEmail(me, other.email);
    expect(taken.statusCode).toBe(free.statusCode);
    expect(taken.statusCode).toBe(201);
    expect(Object.keys(taken.json()).sort()).toEqual(Object.keys(free.json()).sort());
    expect(taken.json()).toMatchObject({ email: other.email, verified: false, primary: false });
    expect(taken.headers['content-type']).toBe(free.headers['content-type']);
    const listed = (await listEmails(me)).find((e) => e.email === other.email);
    expect(listed).toEqual({ id: taken.json().id, email: other.email, verified: false, primary: false });
  });

  it('mails its owner a notice and mails no confirmation link to it', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const other = await aLoggedInUser(t.app, t.deps);
    expect((await addEmail(me, other.email)).statusCode).toBe(201);
    const mails = await mailsTo(other.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Someone tried to add your address to another Tessera account');
    expect(mails[0]?.textBody).toContain('nothing changes and no action is needed');
    expect(mails[0]?.textBody).not.toContain('token=');
    expect(await tokensFor(me.userId, other.email)).toEqual([]);
    // The owner keeps the address, verified, and still logs in with it.
    expect(await findUserIdByVerifiedEmail(t.deps, other.email)).toBe(other.userId);
    expect((await logInAs(t.app, other.email)).userId).toBe(other.userId);
  });

  it('tells the owner at most once an hour, however often someone tries', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const other = await aLoggedInUser(t.app, t.deps);
    for (let i = 0; i < 3; i++) expect((await addEmail(me, other.email)).statusCode).toBe(201);
    expect(await mailsTo(other.email)).toHaveLength(1);
    expect((await listEmails(me)).filter((e) => e.email === other.email)).toHaveLength(1);
  });

  it('mails a new link, with the same reply, when the caller adds their pending address again', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const free = fresh('again');
    const first = await addEmail(me, free);
    const second = await addEmail(me, free);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    // Adding again is the re-send: a second link, each its own.
    expect(await mailsTo(free)).toHaveLength(2);
    expect(await tokensFor(me.userId, free)).toHaveLength(2);
  });

  it('refuses only an address that is already verified on the caller’s own account', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const response = await addEmail(me, me.email.toUpperCase());
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toBe('This email is already on your account.');
  });
});

describe('confirming a pending address', () => {
  it('adds, confirms, makes primary and logs in with it, keeping the id it was listed with', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const email = fresh('flow');
    const added = await addEmail(me, email);
    const early = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/emails/${added.json().id}/primary`,
      headers: me.headers,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('Confirm this email before making it primary.');

    expect((await confirm(await lastMailedToken(t.deps, email))).statusCode).toBe(200);
    const primary = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/emails/${added.json().id}/primary`,
      headers: me.headers,
    });
    expect(primary.statusCode).toBe(200);
    expect(primary.json().items[0]).toEqual({ id: added.json().id, email, verified: true, primary: true });
    expect((await logInAs(t.app, email)).userId).toBe(me.userId);
    expect(await verifiedEmailsOf(t.deps, me.userId)).toContain(email);
  });

  it('confirms from the mailed link opened while logged in, the cookie sent without a CSRF token', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const email = fresh('logged-in');
    await addEmail(me, email);
    const opened = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      headers: { cookie: me.headers.cookie },
      payload: { token: await lastMailedToken(t.deps, email) },
    });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(await verifiedEmailsOf(t.deps, me.userId)).toContain(email);
  });

  it('answers 409 when another account confirmed the address meanwhile, and changes nothing of theirs', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const email = fresh('contested');
    const added = await addEmail(me, email);
    const token = await lastMailedToken(t.deps, email);
    const rival = await createUser(t.deps, { email, name: 'Rival', password: TEST_PASSWORD, verified: true });

    const response = await confirm(token);
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toBe('This address is already confirmed on another account.');
    // The pending address is gone from the caller's list, the link is used up, the rival keeps the address.
    expect((await listEmails(me)).map((e) => e.id)).not.toContain(added.json().id);
    expect((await confirm(token)).json().detail).toMatch(/already used/);
    expect(await findUserIdByVerifiedEmail(t.deps, email)).toBe(rival.user.id);
    expect((await logInAs(t.app, email)).userId).toBe(rival.user.id);
  });

  it('answers 409 when a sign-up waiting for its own link holds the address by then', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const email = fresh('signup-race');
    await addEmail(me, email);
    const token = await lastMailedToken(t.deps, email);
    const signUp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email, name: 'Late', password: 'a long passphrase' },
    });
    expect(signUp.statusCode).toBe(202);
    const response = await confirm(token);
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/another account that waits for its confirmation/);
    expect(await accountIdByVerifiedEmail(t.deps.db, email)).toBeUndefined();
  });

  it('refuses the link of a pending address that was removed', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const email = fresh('withdrawn');
    const added = await addEmail(me, email);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/emails/${added.json().id}`,
      headers: me.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect((await listEmails(me)).map((e) => e.email)).not.toContain(email);
    const response = await confirm(await lastMailedToken(t.deps, email));
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toBe(
      'This email address was removed from the account after the link was sent.',
    );
  });
});

describe('a pending address finds no account', () => {
  it('cannot be used to log in', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const email = fresh('login');
    await addEmail(me, email);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe('Wrong email or password.');
  });

  it('receives no password reset', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const email = fresh('reset');
    await addEmail(me, email);
    const before = (await mailsTo(email)).length;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email },
    });
    expect(response.statusCode).toBe(202);
    expect(await mailsTo(email)).toHaveLength(before);
  });

  it('is neither a verified address of the account nor one that names it (badge claims, invitations)', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const email = fresh('claims');
    await addEmail(me, email);
    expect(await verifiedEmailsOf(t.deps, me.userId)).not.toContain(email);
    expect(await findUserIdByVerifiedEmail(t.deps, email)).toBeUndefined();
    expect(await accountIdByVerifiedEmail(t.deps.db, email)).toBeUndefined();
  });

  it('does not stop someone else from signing up with the address', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const email = fresh('open');
    await addEmail(me, email);
    const signUp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email, name: 'Newcomer', password: 'a long passphrase' },
    });
    expect(signUp.statusCode).toBe(202);
    const verify = await confirm(await lastMailedToken(t.deps, email));
    expect(verify.statusCode).toBe(200);
    expect(await findUserIdByVerifiedEmail(t.deps, email)).not.toBe(me.userId);
  });
});

describe('the migration to pending addresses', () => {
  it('moves unverified added addresses, keeping their ids, and leaves verified and primary ones', async () => {
    const person = await createUser(t.deps, {
      email: fresh('migrated'),
      name: 'Migrated',
      password: TEST_PASSWORD,
      verified: true,
    });
    const userId = person.user.id;
    const unverified = await t.deps.db
      .insertInto('userEmails')
      .values({ userId, email: fresh('old-pending'), isPrimary: false, verifiedAt: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    const verified = await t.deps.db
      .insertInto('userEmails')
      .values({ userId, email: fresh('old-verified'), isPrimary: false, verifiedAt: new Date() })
      .returningAll()
      .executeTakeFirstOrThrow();

    await movePendingAdditions(t.deps.db as unknown as Kysely<unknown>);

    const held = await t.deps.db.selectFrom('userEmails').select('id').where('userId', '=', userId).execute();
    expect(held.map((row) => row.id).sort()).toEqual([person.emails[0]?.id, verified.id].sort());
    const pending = await t.deps.db
      .selectFrom('pendingUserEmails')
      .selectAll()
      .where('userId', '=', userId)
      .execute();
    expect(pending).toEqual([
      { id: unverified.id, userId, email: unverified.email, createdAt: unverified.createdAt },
    ]);
  });
});
