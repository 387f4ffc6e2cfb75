// Which Tessera account a platform's user signs in as. A platform is registered by an organization's admin, so
// what it asserts is trusted only as far as it cannot reach other people's accounts:
// - a link made by an earlier launch that created the account, or confirmed by its owner, signs in;
// - an email no account has yet: the launch creates the account (its owner can later set a password through
//   "forgot password", which proves the address);
// - an email an existing account has: nothing signs in until that account's owner, signed in to Tessera with
//   their own password, agrees on /lti/link/{id}. A membership read (NRPS) links people for their grades only.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { createUser, findUserByEmail, findUserIdByVerifiedEmail } from '../identity/index.ts';
import { type LaunchClaims, LtiRefusal } from './model.ts';
import {
  consumePendingLink,
  findLtiUser,
  findPendingLink,
  insertPendingLink,
  type PlatformRow,
  platformById,
  upsertLtiUser,
} from './store.ts';

/** How long the owner of an existing account has to agree to sign in through the platform. */
export const PENDING_LINK_TTL_MS = 30 * 60_000;

const token = () => randomBytes(24).toString('base64url');

export type AccountOutcome = { kind: 'account'; userId: string } | { kind: 'confirm'; pendingLinkId: string };

/** The account a resource launch signs in as, or the confirmation its email's existing account must give. */
export async function accountFor(
  deps: Deps,
  platform: PlatformRow,
  claims: LaunchClaims,
  landingPath: string,
): Promise<AccountOutcome> {
  const known = await findLtiUser(deps.db, platform.id, claims.sub);
  const person = { platformId: platform.id, sub: claims.sub, email: claims.email, name: claims.name };
  if (known?.userId && known.signInConfirmedAt) {
    await upsertLtiUser(deps.db, { ...person, userId: known.userId }, deps.now());
    return { kind: 'account', userId: known.userId };
  }
  const email = claims.email ?? known?.email ?? null;
  if (!email)
    throw new LtiRefusal(
      'no-email',
      'The platform did not share your email address; ask its administrator to share it with Tessera.',
      403,
    );
  const existing = await findUserIdByVerifiedEmail(deps, email);
  if (existing) {
    const pendingLinkId = token();
    await insertPendingLink(deps.db, {
      id: pendingLinkId,
      platformId: platform.id,
      sub: claims.sub,
      userId: existing,
      landingPath,
      expiresAt: new Date(deps.now().getTime() + PENDING_LINK_TTL_MS),
    });
    await upsertLtiUser(deps.db, { ...person, userId: known?.userId ?? null }, deps.now());
    return { kind: 'confirm', pendingLinkId };
  }
  if (await findUserByEmail(deps, email))
    throw new LtiRefusal(
      'account-refused',
      'A Tessera account with this email waits for its address to be confirmed: confirm it, then launch again.',
      403,
    );
  const created = await createUser(deps, {
    email,
    name: (claims.name ?? email.split('@')[0] ?? email).slice(0, 200),
    // Nobody knows this password: the person signs in through the LMS, or sets one with "forgot password".
    password: token(),
    verified: true,
  });
  await upsertLtiUser(
    deps.db,
    { ...person, userId: created.user.id, signInConfirmedAt: deps.now() },
    deps.now(),
  );
  return { kind: 'account', userId: created.user.id };
}

export interface PendingLinkView {
  platformName: string;
  /** The account that must agree (the one the launch's email names). */
  userId: string;
}

/** What /lti/link/{id} shows, or a refusal when the link was used, expired or its platform removed. */
export async function pendingLinkView(deps: Deps, id: string): Promise<PendingLinkView> {
  const pending = await findPendingLink(deps.db, id, deps.now());
  const platform = pending ? await platformById(deps.db, pending.platformId) : undefined;
  if (!pending || !platform)
    throw new LtiRefusal('link-unknown', 'This sign-in link was already used or has expired.', 404);
  return { platformName: platform.name, userId: pending.userId };
}

/** The signed-in owner agrees: the platform's user signs in as them from now on; returns where to go. */
export async function confirmPendingLink(deps: Deps, id: string, signedInUserId: string): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    const pending = await consumePendingLink(trx, id, deps.now());
    if (!pending)
      throw new LtiRefusal('link-unknown', 'This sign-in link was already used or has expired.', 404);
    if (pending.userId !== signedInUserId)
      throw new LtiRefusal('link-other-account', 'Signed in as another account than the launch names.', 403);
    await upsertLtiUser(
      trx,
      {
        platformId: pending.platformId,
        sub: pending.sub,
        email: null,
        name: null,
        userId: pending.userId,
        signInConfirmedAt: deps.now(),
      },
      deps.now(),
    );
    return pending.landingPath;
  });
}
