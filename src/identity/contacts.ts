// Who a person is to other contexts that work inside their own transaction (the award engine): name,
// locale, primary and verified addresses. Takes an executor, so it never leaves the caller's transaction.
import type { Executor } from '../db/database.ts';
import { normalizeEmail } from './model.ts';
import { emailsOfUser, findEmail, findUser } from './store.ts';

export interface AccountContact {
  userId: string;
  name: string;
  locale: string;
  primaryEmail: string | null;
  /** Lower-case addresses the person has proven they own. */
  verifiedEmails: string[];
}

export async function accountContact(db: Executor, userId: string): Promise<AccountContact | undefined> {
  const user = await findUser(db, userId);
  if (!user) return undefined;
  const emails = await emailsOfUser(db, userId);
  return {
    userId: user.id,
    name: user.name,
    locale: user.locale,
    primaryEmail: emails.find((e) => e.isPrimary)?.email ?? emails[0]?.email ?? null,
    verifiedEmails: emails.filter((e) => e.verifiedAt !== null).map((e) => e.email),
  };
}

/** The account that verified this address, if any. */
export async function accountIdByVerifiedEmail(db: Executor, rawEmail: string): Promise<string | undefined> {
  const row = await findEmail(db, normalizeEmail(rawEmail));
  return row?.verifiedAt ? row.userId : undefined;
}
