// Use-cases of a person's own account settings: their emails and their API tokens.
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { requireSession } from './access.ts';
import type { Actor } from './actor.ts';
import {
  API_TOKEN_DISPLAY_LENGTH,
  API_TOKEN_PREFIX,
  type ApiTokenScope,
  normalizeEmail,
  whyEmailCannotBeRemoved,
} from './model.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { isUniqueViolation, sendVerification } from './service.ts';
import {
  type ApiTokenRow,
  apiTokensOfUser,
  deleteEmail,
  emailsOfUser,
  findEmail,
  findUser,
  insertApiToken,
  insertEmail,
  makeEmailPrimary,
  revokeApiToken,
  type UserEmailRow,
} from './store.ts';

export async function listMyEmails(deps: Deps, actor: Actor | null): Promise<UserEmailRow[]> {
  const me = requireSession(actor);
  return emailsOfUser(deps.db, me.user.id);
}

/** Adds an unverified address and mails it a confirmation link; an address of any account is refused. */
export async function addMyEmail(deps: Deps, actor: Actor | null, rawEmail: string): Promise<UserEmailRow> {
  const me = requireSession(actor);
  const email = normalizeEmail(rawEmail);
  const taken = new ConflictError('This email already belongs to an account.', 'email-taken');
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (await findEmail(trx, email)) throw taken;
      const user = await findUser(trx, me.user.id);
      if (!user) throw new NotFoundError('user');
      const row = await insertEmail(trx, { userId: user.id, email, isPrimary: false, verifiedAt: null });
      await sendVerification(deps, trx, user, email);
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken;
    throw error;
  }
}

export async function removeMyEmail(deps: Deps, actor: Actor | null, id: string): Promise<void> {
  const me = requireSession(actor);
  await deps.db.transaction().execute(async (trx) => {
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
    const target = (await emailsOfUser(trx, me.user.id)).find((e) => e.id === id);
    if (!target) throw new NotFoundError('email');
    if (!target.verifiedAt) {
      throw new ConflictError('Confirm this email before making it primary.', 'email-not-verified');
    }
    await makeEmailPrimary(trx, me.user.id, id);
    return emailsOfUser(trx, me.user.id);
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
