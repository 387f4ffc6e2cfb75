// What opening a confirmation link does to the address it was mailed to. The token only says which account
// and which address; the address may be the account's own (a sign-up's primary), pending on the account
// (added in the settings), or gone (removed since).
import type { Executor } from '../db/database.ts';
import { deletePendingEmail, findEmail, insertEmail, markEmailVerified } from './store.ts';

/**
 * - `confirmed`: the address is now a verified address of the account.
 * - `held-elsewhere`: it was pending, but another account holds the address by now; the pending row is gone.
 * - `held-elsewhere-unconfirmed`: the same, where the other account has not confirmed it yet (a sign-up).
 * - `removed`: the account no longer has the address, pending or not.
 */
export type ConfirmationOutcome = 'confirmed' | 'held-elsewhere' | 'held-elsewhere-unconfirmed' | 'removed';

/**
 * Runs in the caller's transaction after the token is used. Inserting the address can still lose a race with
 * another account confirming it at the same moment: the unique index refuses, and the caller runs it again.
 */
export async function confirmAddress(
  trx: Executor,
  target: { userId: string; email: string },
  now: Date,
): Promise<ConfirmationOutcome> {
  if (await markEmailVerified(trx, target.userId, target.email, now)) {
    await deletePendingEmail(trx, target.userId, { email: target.email });
    return 'confirmed';
  }
  const pending = await deletePendingEmail(trx, target.userId, { email: target.email });
  if (!pending) return 'removed';
  const holder = await findEmail(trx, target.email);
  if (holder) return holder.verifiedAt ? 'held-elsewhere' : 'held-elsewhere-unconfirmed';
  // The same id: whoever listed the address while it was pending keeps using it (make primary, remove).
  await insertEmail(trx, {
    id: pending.id,
    userId: pending.userId,
    email: pending.email,
    isPrimary: false,
    verifiedAt: now,
  });
  return 'confirmed';
}
