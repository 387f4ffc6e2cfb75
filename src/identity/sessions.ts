// Use-cases of logging in and out, and resolving who a request comes from (session cookie or API token).
import type { Deps } from '../deps.ts';
import { NotFoundError, RuleError, UnauthenticatedError } from '../errors.ts';
import type { OrganizationWithRole } from '../orgs/index.ts';
import { organizationsWithRoleOf } from '../orgs/index.ts';
import { requireSession } from './access.ts';
import type { Actor } from './actor.ts';
import {
  API_TOKEN_PREFIX,
  normalizeEmail,
  SESSION_ABSOLUTE_MS,
  sessionExpiresAt,
  sessionNeedsTouch,
} from './model.ts';
import { burnPasswordCheck, hashSecret, newSecret, verifyPassword } from './secrets.ts';
import {
  type ApiTokenRow,
  accountEmailsOf,
  deleteSession,
  findApiTokenByHash,
  findEmail,
  findSession,
  findUser,
  insertSession,
  markApiTokenUsed,
  type SessionRow,
  setSessionOrganization,
  touchSession,
  type UserEmailRow,
  type UserRow,
} from './store.ts';

/** What the app learns about the person behind a session (login and GET /auth/session). */
export interface SessionOverview {
  user: UserRow;
  emails: UserEmailRow[];
  memberships: OrganizationWithRole[];
  activeOrgId: string | null;
  csrfToken: string;
}

export interface NewSession {
  /** The cookie value; only its hash is stored. */
  token: string;
  /** The absolute limit: the browser keeps the cookie that long, the server enforces the idle limit. */
  cookieExpiresAt: Date;
  overview: SessionOverview;
}

const WRONG_CREDENTIALS = 'Wrong email or password.';

/**
 * Unknown email and wrong password give the same answer after the same argon2 work. Whether the
 * address is verified is told only to someone who knows the password.
 */
export async function logIn(deps: Deps, input: { email: string; password: string }): Promise<NewSession> {
  const emailRow = await findEmail(deps.db, normalizeEmail(input.email));
  const user = emailRow ? await findUser(deps.db, emailRow.userId) : undefined;
  const passwordMatches = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await burnPasswordCheck(input.password);
  if (!user || !emailRow || !passwordMatches) throw new UnauthenticatedError(WRONG_CREDENTIALS);
  if (!emailRow.verifiedAt) {
    throw new RuleError(
      'email-not-verified',
      'Confirm your email address first: open the link we mailed you, or ask for a new one.',
    );
  }
  const memberships = await organizationsWithRoleOf(deps, user.id);
  const token = newSecret();
  const now = deps.now();
  const session = {
    idHash: hashSecret(token),
    userId: user.id,
    csrfToken: newSecret(),
    activeOrgId: memberships[0]?.id ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: sessionExpiresAt(now, now),
  };
  await insertSession(deps.db, session);
  const emails = await accountEmailsOf(deps.db, user.id);
  return {
    token,
    cookieExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    overview: { user, emails, memberships, activeOrgId: session.activeOrgId, csrfToken: session.csrfToken },
  };
}

/**
 * A session opened by a trusted external sign-in (an LTI launch from a registered platform) for an account
 * the caller already identified. Operator accounts sign in only with their password: refused here.
 */
export async function openExternalSession(
  deps: Deps,
  userId: string,
): Promise<{ token: string; cookieExpiresAt: Date }> {
  const user = await findUser(deps.db, userId);
  if (!user) throw new NotFoundError('user');
  if (user.isOperator)
    throw new RuleError('operator-external-login', 'Operator accounts sign in with their password only.');
  const memberships = await organizationsWithRoleOf(deps, user.id);
  const token = newSecret();
  const now = deps.now();
  await insertSession(deps.db, {
    idHash: hashSecret(token),
    userId: user.id,
    csrfToken: newSecret(),
    activeOrgId: memberships[0]?.id ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: sessionExpiresAt(now, now),
  });
  return { token, cookieExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS) };
}

export async function logOut(deps: Deps, sessionIdHash: string | null): Promise<void> {
  if (sessionIdHash) await deleteSession(deps.db, sessionIdHash);
}

export async function sessionOverview(deps: Deps, session: SessionRow): Promise<SessionOverview> {
  const user = await findUser(deps.db, session.userId);
  if (!user) throw new UnauthenticatedError();
  const [emails, memberships] = await Promise.all([
    accountEmailsOf(deps.db, user.id),
    organizationsWithRoleOf(deps, user.id),
  ]);
  const activeOrgId = memberships.some((m) => m.id === session.activeOrgId) ? session.activeOrgId : null;
  return { user, emails, memberships, activeOrgId, csrfToken: session.csrfToken };
}

/** The app's organization switcher: only organizations the person belongs to (others answer 404). */
export async function switchOrganization(
  deps: Deps,
  actor: Actor | null,
  session: SessionRow | null,
  orgId: string,
): Promise<SessionOverview> {
  const me = requireSession(actor);
  if (!session) throw new UnauthenticatedError();
  if (!me.memberships.some((m) => m.orgId === orgId)) throw new NotFoundError('organization');
  await setSessionOrganization(deps.db, session.idHash, orgId);
  return sessionOverview(deps, { ...session, activeOrgId: orgId });
}

/** A live session for the cookie value, its idle expiry slid forward; expired ones are deleted. */
export async function resolveSession(
  deps: Deps,
  token: string,
): Promise<{ session: SessionRow; user: UserRow } | null> {
  const session = await findSession(deps.db, hashSecret(token));
  if (!session) return null;
  const now = deps.now();
  if (session.expiresAt.getTime() <= now.getTime()) {
    await deleteSession(deps.db, session.idHash);
    return null;
  }
  const user = await findUser(deps.db, session.userId);
  if (!user) return null;
  if (sessionNeedsTouch(session.lastSeenAt, now)) {
    const expiresAt = sessionExpiresAt(session.createdAt, now);
    await touchSession(deps.db, session.idHash, now, expiresAt);
    return { session: { ...session, lastSeenAt: now, expiresAt }, user };
  }
  return { session, user };
}

/** A live (known, unrevoked) API token and its owner; records when it was last used. */
export async function resolveApiToken(
  deps: Deps,
  token: string,
): Promise<{ apiToken: ApiTokenRow; user: UserRow } | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const apiToken = await findApiTokenByHash(deps.db, hashSecret(token));
  if (!apiToken || apiToken.revokedAt) return null;
  const user = await findUser(deps.db, apiToken.userId);
  if (!user) return null;
  const now = deps.now();
  if (!apiToken.lastUsedAt || sessionNeedsTouch(apiToken.lastUsedAt, now)) {
    await markApiTokenUsed(deps.db, apiToken.id, now);
  }
  return { apiToken, user };
}
