// The "join our organization" mail: who invites, the role and the single-use link; in the person's
// language when an account verified the address, else English. Only the token's hash is ever stored.
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { accountContact, accountIdByVerifiedEmail } from '../identity/index.ts';
import { queueMail } from '../mail/index.ts';
import type { MembershipRole } from './tables.ts';

export const INVITATION_DAYS = 14;

export const hashInvitationToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A fresh random token: only its hash is stored, the token itself goes into the mail and nowhere else. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashInvitationToken(token) };
}

/**
 * The mailed link. The invited address rides in the fragment, which browsers never send to a server (so
 * no log holds it): the page pre-fills sign-up with it for someone who has no account yet.
 */
export function invitationLink(deps: Deps, token: string, email: string): string {
  return `${deps.config.publicUrl}/join/org/${token}#email=${encodeURIComponent(email)}`;
}

export async function queueOrgInvitationMail(
  deps: Deps,
  trx: Executor,
  invitation: {
    id: string;
    email: string;
    orgName: string;
    role: MembershipRole;
    token: string;
    tokenHash: string;
  },
): Promise<void> {
  const userId = await accountIdByVerifiedEmail(trx, invitation.email);
  const contact = userId ? await accountContact(trx, userId) : undefined;
  await queueMail(deps, trx, {
    to: invitation.email,
    locale: contact?.locale ?? 'en',
    template: {
      kind: 'org-invitation',
      ...(contact ? { name: contact.name } : {}),
      orgName: invitation.orgName,
      role: invitation.role,
      link: invitationLink(deps, invitation.token, invitation.email),
      days: INVITATION_DAYS,
    },
    idempotencyKey: `org-invitation:${invitation.id}:${invitation.tokenHash.slice(0, 16)}`,
  });
}
