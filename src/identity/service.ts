// Use-cases of accounts: sign-up, email verification, password reset, and lookups other contexts use.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, type FieldProblemCode, InvalidError, type ProblemParams } from '../errors.ts';
import { pickLocale } from '../i18n/index.ts';
import { queueMail } from '../mail/index.ts';
import { confirmAddress } from './email-confirmation.ts';
import {
  forgotPasswordLink,
  logInLink,
  normalizeEmail,
  RESET_PASSWORD_MINUTES,
  resetPasswordLink,
  VERIFY_EMAIL_HOURS,
  verifyEmailLink,
} from './model.ts';
import { hashPassword, hashSecret, newSecret } from './secrets.ts';
import {
  consumeEmailToken,
  deleteSessionsOfUser,
  type EmailTokenRow,
  emailsOfUser,
  emailsOfUsers,
  findEmail,
  findEmailToken,
  findUser,
  findUsers,
  insertEmail,
  insertEmailToken,
  insertUser,
  markEmailVerified,
  retireEmailTokens,
  setPasswordHash,
  type UserEmailRow,
  type UserRow,
} from './store.ts';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  locale?: string;
  /** Seed data and the CLI create people whose address is already known to be theirs. */
  verified?: boolean;
  isOperator?: boolean;
}

export interface UserWithEmails {
  user: UserRow;
  emails: UserEmailRow[];
}

/** Creates a person with one primary email; an address already registered is refused. */
export async function createUser(deps: Deps, input: NewUser): Promise<UserWithEmails> {
  const passwordHash = await hashPassword(input.password);
  return inAccountTransaction(deps, (trx) => insertAccount(deps, trx, input, passwordHash));
}

/**
 * Sign-up: the account exists at once, but logging in waits until the emailed link is opened. An address that
 * already has an account gets a mail saying so, and the caller hears exactly what a new sign-up hears: the
 * answer must not tell who has an account here.
 */
export async function signUp(
  deps: Deps,
  input: { email: string; name: string; password: string; locale?: string },
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const owner = await findEmail(trx, normalizeEmail(input.email));
      if (owner) return tellOwnerOfSignUpAttempt(deps, trx, owner);
      const account = await insertAccount(deps, trx, { ...input, verified: false }, passwordHash);
      await sendVerification(deps, trx, account.user, account.emails[0]!.email);
    });
  } catch (error) {
    // Two sign-ups racing for one new address: the other one created the account and mailed its link.
    if (!isUniqueViolation(error)) throw error;
  }
}

/** At most one such mail per address an hour, however often someone tries (the key says which hour). */
async function tellOwnerOfSignUpAttempt(deps: Deps, trx: Executor, owner: UserEmailRow): Promise<void> {
  const user = await findUser(trx, owner.userId);
  if (!user) return;
  const hour = Math.floor(deps.now().getTime() / 3_600_000);
  await queueMail(deps, trx, {
    to: owner.email,
    locale: user.locale,
    template: {
      kind: 'account-exists',
      name: user.name,
      email: owner.email,
      loginLink: logInLink(deps.config.publicUrl),
      resetLink: forgotPasswordLink(deps.config.publicUrl),
    },
    idempotencyKey: `account-exists:${owner.email}:${hour}`,
  });
}

async function insertAccount(
  deps: Deps,
  trx: Executor,
  input: NewUser,
  passwordHash: string,
): Promise<UserWithEmails> {
  const email = normalizeEmail(input.email);
  if (await findEmail(trx, email)) throw emailTaken();
  const user = await insertUser(trx, {
    name: input.name.trim(),
    passwordHash,
    isOperator: input.isOperator ?? false,
    locale: pickLocale(input.locale),
  });
  const row = await insertEmail(trx, {
    userId: user.id,
    email,
    isPrimary: true,
    verifiedAt: input.verified ? deps.now() : null,
  });
  return { user, emails: [row] };
}

/** Two sign-ups racing for one address: the unique index decides, and the loser hears "taken". */
async function inAccountTransaction<T>(deps: Deps, work: (trx: Executor) => Promise<T>): Promise<T> {
  try {
    return await deps.db.transaction().execute(work);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/** Issues a single-use, 24-hour link and records the mail in the same transaction. */
export async function sendVerification(
  deps: Deps,
  executor: Executor,
  user: UserRow,
  email: string,
): Promise<void> {
  const token = await issueEmailToken(
    deps,
    executor,
    user.id,
    email,
    'verify-email',
    VERIFY_EMAIL_HOURS * 3_600_000,
  );
  await queueMail(deps, executor, {
    to: email,
    locale: user.locale,
    template: {
      kind: 'verify-email',
      name: user.name,
      email,
      link: verifyEmailLink(deps.config.publicUrl, token),
      hours: VERIFY_EMAIL_HOURS,
    },
    idempotencyKey: `verify-email:${hashSecret(token)}`,
  });
}

/**
 * Confirms the address the link was mailed to. A pending address that another account holds by now is not
 * confirmed: the link is used up and the pending address removed (committed), then the refusal is told — only
 * to whoever reads that mailbox, who learns nothing they could not learn by signing up with it. A race lost
 * to a simultaneous confirmation (the unique index refuses the insert) is run once more, to say so.
 */
export async function verifyEmail(deps: Deps, token: string): Promise<void> {
  const confirm = () =>
    deps.db.transaction().execute(async (trx) => {
      const used = await consumeEmailToken(trx, hashSecret(token), 'verify-email', deps.now());
      if (!used) throw await tokenRefused(trx, token, 'verify-email', 'confirmation');
      const outcome = await confirmAddress(trx, used, deps.now());
      if (outcome === 'removed') {
        throw invalidToken(
          'This email address was removed from the account after the link was sent.',
          'email-removed',
        );
      }
      return outcome;
    });
  const outcome = await confirm().catch((error: unknown) => {
    if (isUniqueViolation(error)) return confirm();
    throw error;
  });
  if (outcome === 'held-elsewhere') {
    throw new ConflictError('This address is already confirmed on another account.', 'email-taken');
  }
  if (outcome === 'held-elsewhere-unconfirmed') {
    throw new ConflictError(
      'This address belongs to another account that waits for its confirmation; open that link instead.',
      'email-taken',
    );
  }
}

/** Always answers the same way, so it cannot be used to learn which addresses have accounts. */
export async function resendVerification(deps: Deps, rawEmail: string): Promise<void> {
  const email = normalizeEmail(rawEmail);
  await deps.db.transaction().execute(async (trx) => {
    const row = await findEmail(trx, email);
    if (!row || row.verifiedAt) return;
    const user = await findUser(trx, row.userId);
    if (user) await sendVerification(deps, trx, user, email);
  });
}

/** Always answers the same way; mails a 30-minute, single-use link only when the address has an account. */
export async function requestPasswordReset(deps: Deps, rawEmail: string): Promise<void> {
  const email = normalizeEmail(rawEmail);
  await deps.db.transaction().execute(async (trx) => {
    const row = await findEmail(trx, email);
    const user = row ? await findUser(trx, row.userId) : undefined;
    if (!user) return;
    const ttl = RESET_PASSWORD_MINUTES * 60_000;
    const token = await issueEmailToken(deps, trx, user.id, email, 'reset-password', ttl);
    await queueMail(deps, trx, {
      to: email,
      locale: user.locale,
      template: {
        kind: 'reset-password',
        name: user.name,
        email,
        link: resetPasswordLink(deps.config.publicUrl, token),
        minutes: RESET_PASSWORD_MINUTES,
      },
      idempotencyKey: `reset-password:${hashSecret(token)}`,
    });
  });
}

/**
 * Sets the new password and ends every other session of the account. Opening the mailed link also
 * proves the address is theirs, so it counts as verified.
 */
export async function confirmPasswordReset(
  deps: Deps,
  input: { token: string; password: string; currentSessionIdHash?: string | null },
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction().execute(async (trx) => {
    const used = await consumeEmailToken(trx, hashSecret(input.token), 'reset-password', deps.now());
    if (!used) throw await tokenRefused(trx, input.token, 'reset-password', 'password reset');
    await setPasswordHash(trx, used.userId, passwordHash);
    await retireEmailTokens(trx, used.userId, 'reset-password', deps.now());
    await markEmailVerified(trx, used.userId, used.email, deps.now());
    await deleteSessionsOfUser(trx, used.userId, input.currentSessionIdHash ?? undefined);
  });
}

export async function findUserByEmail(deps: Deps, rawEmail: string): Promise<UserWithEmails | undefined> {
  const row = await findEmail(deps.db, normalizeEmail(rawEmail));
  const user = row ? await findUser(deps.db, row.userId) : undefined;
  if (!user) return undefined;
  return { user, emails: await emailsOfUser(deps.db, user.id) };
}

/** The addresses that are provably a person's: a claim or an invitation may use any of them. */
export async function verifiedEmailsOf(deps: Deps, userId: string): Promise<string[]> {
  const rows = await emailsOfUser(deps.db, userId);
  return rows.filter((row) => row.verifiedAt !== null).map((row) => row.email);
}

export async function findUserIdByVerifiedEmail(deps: Deps, rawEmail: string): Promise<string | undefined> {
  const row = await findEmail(deps.db, normalizeEmail(rawEmail));
  return row?.verifiedAt ? row.userId : undefined;
}

/** Names and primary emails of people, for lists other contexts show (members, recipients). */
export async function userSummaries(
  deps: Deps,
  userIds: readonly string[],
): Promise<Array<{ id: string; name: string; email: string | null }>> {
  const ids = [...new Set(userIds)];
  const [users, emails] = await Promise.all([findUsers(deps.db, ids), emailsOfUsers(deps.db, ids)]);
  const primary = new Map(emails.filter((e) => e.isPrimary).map((e) => [e.userId, e.email]));
  return users.map((u) => ({ id: u.id, name: u.name, email: primary.get(u.id) ?? null }));
}

async function issueEmailToken(
  deps: Deps,
  executor: Executor,
  userId: string,
  email: string,
  purpose: EmailTokenRow['purpose'],
  ttlMs: number,
): Promise<string> {
  const token = newSecret();
  const now = deps.now();
  await insertEmailToken(executor, {
    tokenHash: hashSecret(token),
    userId,
    email,
    purpose,
    expiresAt: new Date(now.getTime() + ttlMs),
    createdAt: now,
  });
  return token;
}

/** Says why a link no longer works (used, expired, unknown) — the token's owner already holds it. */
async function tokenRefused(
  executor: Executor,
  token: string,
  purpose: EmailTokenRow['purpose'],
  what: string,
): Promise<InvalidError> {
  const found = await findEmailToken(executor, hashSecret(token));
  const row = found?.purpose === purpose ? found : undefined;
  if (row?.usedAt)
    return invalidToken(`This ${what} link was already used; each link works once.`, 'link-used', { what });
  if (row) return invalidToken(`This ${what} link has expired; ask for a new one.`, 'link-expired', { what });
  return invalidToken(
    `This ${what} link is not valid; check that it was copied completely, or ask for a new one.`,
    'link-not-valid',
    { what },
  );
}

function invalidToken(message: string, code: FieldProblemCode, params?: ProblemParams): InvalidError {
  return new InvalidError(message, [{ path: 'body.token', message, code, params }]);
}

function emailTaken(): ConflictError {
  return new ConflictError(
    'An account with this email already exists; log in or reset the password.',
    'email-taken',
  );
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
