// The "join your employer on Tessera" mail: the organization and the single link; in the person's
// language when an account verified the address, else English.
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { accountContact, accountIdByVerifiedEmail } from '../identity/index.ts';
import { queueMail } from '../mail/index.ts';

export const hashInvitationToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A fresh random token: only its hash is stored, the token itself goes into the mail and nowhere else. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashInvitationToken(token) };
}

export function invitationLink(deps: Deps, token: string): string {
  return `${deps.config.publicUrl}/join/employer/${token}`;
}

export async function queueInvitationMail(
  deps: Deps,
  trx: Executor,
  invitation: { employeeId: string; email: string; orgName: string; token: string; tokenHash: string },
): Promise<void> {
  const userId = await accountIdByVerifiedEmail(trx, invitation.email);
  const contact = userId ? await accountContact(trx, userId) : undefined;
  await queueMail(deps, trx, {
    to: invitation.email,
    locale: contact?.locale ?? 'en',
    template: {
      kind: 'employer-invitation',
      ...(contact ? { name: contact.name } : {}),
      orgName: invitation.orgName,
      link: invitationLink(deps, invitation.token),
    },
    idempotencyKey: `employer-invitation:${invitation.employeeId}:${invitation.tokenHash.slice(0, 16)}`,
  });
}
