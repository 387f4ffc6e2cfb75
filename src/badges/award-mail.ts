// The "Accept your badge" mail: issuer, badge, the single-use claim link and when it expires; in the
// recipient's language when they have an account, else English. Its HTML shows the badge's picture and the
// issuer's logo (absolute URLs of public, cross-origin images).
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { accountContact, accountIdByVerifiedEmail } from '../identity/index.ts';
import { queueMail } from '../mail/index.ts';
import { organizationBranding, organizationById } from '../orgs/index.ts';
import { versionImageUrl } from './achievement.ts';
import type { AwardRow } from './award-store.ts';
import { findVersion } from './definition-store.ts';

export const CLAIM_DAYS = 30;

export function claimLink(deps: Deps, token: string): string {
  return `${deps.config.publicUrl}/claim/${token}`;
}

/**
 * The mail's "Add to wallet" link: the badge's page at its wallet section, where the learner, logged in and
 * having accepted, makes a fresh single-use offer. No live offer or pre-authorized code ever goes in a mail.
 */
export function walletLink(deps: Deps, awardId: string): string {
  return `${deps.config.publicUrl}/learn/badges/${awardId}#wallet`;
}

async function recipientContact(trx: Executor, award: AwardRow) {
  const userId = award.userId ?? (await accountIdByVerifiedEmail(trx, award.recipientEmail));
  return userId ? accountContact(trx, userId) : undefined;
}

/** Who the mail goes to, in which language, and the names it speaks of. */
async function mailFacts(trx: Executor, award: AwardRow) {
  const version = await findVersion(trx, award.badgeVersionId);
  const org = await organizationById(trx, award.orgId);
  const contact = await recipientContact(trx, award);
  return {
    locale: contact?.locale ?? 'en',
    name: award.recipientName ?? contact?.name ?? award.recipientEmail,
    issuerName: org?.name ?? '',
    badgeName: version?.name ?? '',
    version,
    org,
  };
}

/** The badge's picture and the issuer's logo, as absolute URLs a mail client can load. */
export function awardMailImages(
  deps: Deps,
  version: Parameters<typeof versionImageUrl>[1] | undefined,
  org: Parameters<typeof organizationBranding.present>[0] | undefined,
): { badgeImageUrl?: string; issuerLogoUrl: string | null } {
  const logo = org ? organizationBranding.present(org).logoUrl : null;
  return {
    ...(version ? { badgeImageUrl: versionImageUrl(deps, version) } : {}),
    issuerLogoUrl: logo ? `${deps.config.publicUrl}${logo}` : null,
  };
}

/** Queued in the awarding transaction; `key` keeps a retried award (or resend) to one message. */
export async function queueAwardMail(
  deps: Deps,
  trx: Executor,
  award: AwardRow,
  token: string,
  key = `badge-awarded:${award.id}`,
): Promise<void> {
  const { locale, version, org, ...names } = await mailFacts(trx, award);
  await queueMail(deps, trx, {
    to: award.recipientEmail,
    locale,
    template: {
      kind: 'badge-awarded',
      ...names,
      ...awardMailImages(deps, version, org),
      link: claimLink(deps, token),
      walletLink: walletLink(deps, award.id),
      days: CLAIM_DAYS,
    },
    idempotencyKey: key,
  });
}

/** A renewal of an accepted badge goes straight to the backpack: the mail says so and links there. */
export async function queueRenewalMail(deps: Deps, trx: Executor, award: AwardRow): Promise<void> {
  const { locale, version: _version, org: _org, ...names } = await mailFacts(trx, award);
  await queueMail(deps, trx, {
    to: award.recipientEmail,
    locale,
    template: {
      kind: 'badge-renewed',
      ...names,
      expiresAt: award.validUntil?.toISOString() ?? null,
      link: `${deps.config.publicUrl}/learn/badges/${award.id}`,
    },
    idempotencyKey: `badge-renewed:${award.id}`,
  });
}
