// Use-cases of a person's own account settings: their emails and their API tokens.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { queueMail } from '../mail/index.ts';
import { requireSession } from './access.ts';
import type { Actor } from './actor.ts';
import {
  API_TOKEN_DISPLAY_LENGTH,
  API_TOKEN_PREFIX,
  type ApiTokenScope,
  logInLink,
  normalizeEmail,
  whyEmailCannotBeRemoved,
} from './model.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { sendVerification } from './service.ts';
import {
  type ApiTokenRow,
  accountEmailsOf,
  apiTokensOfUser,
  deleteEmail,
  deletePendingEmail,
  emailsOfUser,
  findEmail,
  findUser,
  insertApiToken,
  makeEmailPrimary,
  pendingAsEmail,
  revokeApiToken,
  type UserEmailRow,
  upsertPendingEmail,
} from './store.ts';

export async function listMyEmails(deps: Deps, actor: Actor | null): Promise<UserEmailRow[]> {
  const me = requireSession(actor);
  return accountEmailsOf(deps.db, me.user.id);
}

/**
 * Adds a pending address and answers the same whether it is free, already pending here (a re-send) or another
 * account's: the same reply, the same work (one mail queued). A free address gets the confirmation link; an
 * address another account holds gets no link, and its owner a notice instead. Only the caller's own address
 * is refused, which tells them nothing new.
 */
export async function addMyEmail(deps: Deps, actor: Actor | null, rawEmail: string): Promise<UserEmailRow> {
  const me = requireSession(actor);
  const email = normalizeEmail(rawEmail);
  return deps.db.transaction().execute(async (trx) => {
    const user = await findUser(trx, me.user.id);
    if (!user) throw new NotFoundError('user');
    const holder = await findEmail(trx, email);
    if (holder?.userId === user.id) {
      if (holder.verifiedAt) throw new ConflictError('This email is already on your account.', 'email-taken');
      await sendVerification(deps, trx, user, email);
      return holder;
    }
    const pending = await upsertPendingEmail(trx, { userId: user.id, email, createdAt: deps.now() });
    if (holder) await tellOwnerOfAddAttempt(deps, trx, holder);
    else await sendVerification(deps, trx, user, email);
    return pendingAsEmail(pending);
  });
}

/** At most one notice per address an hour, however often someone tries (the key says which hour). */
async function tellOwnerOfAddAttempt(deps: Deps, trx: Executor, owner: UserEmailRow): Promise<void> {
  const user = await findUser(trx, owner.userId);
  if (!user) return;
  const hour = Math.floor(deps.now().getTime() / 3_600_000);
  await queueMail(deps, trx, {
    to: owner.email,
    locale: user.locale,
    template: {
      kind: 'email-add-attempt',
      name: user.name,
      email: owner.email,
      loginLink: logInLink(deps.config.publicUrl),
    },
    idempotencyKey: `email-add-attempt:${owner.email}:${hour}`,
  });
}

/** Removes an address of the account, or one still pending. */
export async function removeMyEmail(deps: Deps, actor: Actor | null, id: string): Promise<void> {
  const me = requireSession(actor);
  await deps.db.transaction().execute(async (trx) => {
    if (await deletePendingEmail(trx, me.user.id, { id })) return;
    const emails = await emailsOfUser(trx, me.user.id);
    if (!emails.some((e) => e.id === id)) throw new NotFoundError('email');
    const refusal = whyEmailCannotBeRemoved(emails, id);
    if (refusal) throw new ConflictError(refusal, 'email-required');
    await deleteEmail(trx, me.user.id, id);
  });
}

export async function makeMyEmailPrimary(
  deps: Deps,
  actor: Actor | null,
  id: string,
): Promise<UserEmailRow[]> {
  const me = requireSession(actor);
  return deps.db.transaction().execute(async (trx) => {
    const target = (await accountEmailsOf(trx, me.user.id)).find((e) => e.id === id);
    if (!target) throw new NotFoundError('email');
    if (!target.verifiedAt) {
      throw new ConflictError('Confirm this email before making it primary.', 'email-not-verified');
    }
    await makeEmailPrimary(trx, me.user.id, id);
    return accountEmailsOf(trx, me.user.id);
  });
}

export async function listMyApiTokens(deps: Deps, actor: Actor | null): Promise<ApiTokenRow[]> {
  const me = requireSession(actor);
  return apiTokensOfUser(deps.db, me.user.id);
}

/** The token itself is returned here once; the database keeps only its hash. */
export async function createMyApiToken(
  deps: Deps,
  actor: Actor | null,
  input: { name: string; orgId?: string | null; scopes: ApiTokenScope[] },
): Promise<{ token: string; row: ApiTokenRow }> {
  const me = requireSession(actor);
  const orgId = input.orgId ?? null;
  // Binding a token to an organization the person is not in must look like binding to one that does not exist.
  if (orgId && !me.memberships.some((m) => m.orgId === orgId)) throw new NotFoundError('organization');
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  const row = await insertApiToken(deps.db, {
    userId: me.user.id,
    orgId,
    name: input.name.trim(),
    prefix: token.slice(0, API_TOKEN_DISPLAY_LENGTH),
    tokenHash: hashSecret(token),
    scopes: [...new Set(input.scopes)],
    createdAt: deps.now(),
  });
  return { token, row };
}

export async function revokeMyApiToken(deps: Deps, actor: Actor | null, id: string): Promise<void> {
  const me = requireSession(actor);
  if (!(await revokeApiToken(deps.db, me.user.id, id, deps.now()))) throw new NotFoundError('API token');
}
