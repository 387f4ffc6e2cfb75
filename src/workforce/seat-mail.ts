// The "your employer sponsored this for you — claim it" mail: one per seat, sent once when the order is paid,
// in the person's language, to their primary address. The link needs the person signed in: no secret in it.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { accountContact } from '../identity/index.ts';
import { queueMail } from '../mail/index.ts';

export const seatsPageUrl = (deps: Deps) => `${deps.config.publicUrl}/learn/seats`;

export async function queueSeatOfferMail(
  deps: Deps,
  trx: Executor,
  seat: { id: string; userId: string; orgName: string; itemTitle: string },
): Promise<void> {
  const contact = await accountContact(trx, seat.userId);
  if (!contact?.primaryEmail) return;
  await queueMail(deps, trx, {
    to: contact.primaryEmail,
    locale: contact.locale,
    template: {
      kind: 'seat-offered',
      name: contact.name,
      orgName: seat.orgName,
      itemTitle: seat.itemTitle,
      link: seatsPageUrl(deps),
    },
    idempotencyKey: `seat-offered:${seat.id}`,
  });
}
