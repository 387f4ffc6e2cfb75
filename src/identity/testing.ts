// Test factories of the identity context: people who can log in, and the headers their requests carry.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { SESSION_COOKIE } from './model.ts';
import { createUser, type UserWithEmails } from './service.ts';

export const TEST_PASSWORD = 'correct horse battery';

let counter = 0;

/** A person with a verified email (what the CLI and seed data create). */
export async function aVerifiedUser(
  deps: Deps,
  overrides: { email?: string; name?: string; password?: string; isOperator?: boolean } = {},
): Promise<UserWithEmails & { email: string; password: string }> {
  counter += 1;
  const email = overrides.email ?? `person${counter}-${Date.now()}@example.test`;
  const password = overrides.password ?? TEST_PASSWORD;
  const created = await createUser(deps, {
    email,
    name: overrides.name ?? `Person ${counter}`,
    password,
    verified: true,
    isOperator: overrides.isOperator ?? false,
  });
  return { ...created, email, password };
}

export interface TestSession {
  userId: string;
  csrfToken: string;
  /** Cookie and CSRF header: what the web app sends on a write. */
  headers: { cookie: string; 'x-csrf-token': string };
  /** Only the cookie: a write forged from another site would look like this. */
  cookieOnly: { cookie: string };
}

export async function logInAs(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<TestSession> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('login set no session cookie');
  const body = response.json() as { csrfToken: string; user: { id: string } };
  const cookieHeader = `${SESSION_COOKIE}=${cookie.value}`;
  return {
    userId: body.user.id,
    csrfToken: body.csrfToken,
    headers: { cookie: cookieHeader, 'x-csrf-token': body.csrfToken },
    cookieOnly: { cookie: cookieHeader },
  };
}

/** A verified person, logged in. */
export async function aLoggedInUser(
  app: FastifyInstance,
  deps: Deps,
  overrides: { email?: string; name?: string; isOperator?: boolean } = {},
): Promise<TestSession & { email: string }> {
  const person = await aVerifiedUser(deps, overrides);
  return { ...(await logInAs(app, person.email, person.password)), email: person.email };
}

/** The token of the newest link mailed to an address (read from the outbox table). */
export async function lastMailedToken(deps: Deps, to: string): Promise<string> {
  const message = await deps.db
    .selectFrom('mailMessages')
    .select('textBody')
    .where('toAddress', '=', to.toLowerCase())
    .orderBy('createdAt', 'desc')
    .executeTakeFirstOrThrow();
  return tokenInMail(message.textBody);
}

export function tokenInMail(text: string): string {
  const match = /[?&]token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no token link in mail:\n${text}`);
  return match[1];
}
