// The weekly digest to an employer's managers (docs/endorsements.md): computed per employer, sent once per
// employer and week (the digest_runs key decides, in the same transaction as the queued mails, so several
// processes never send twice), to each owner, admin and manager who did not turn it off. Each mail carries
// a signed link that turns the reader's digest off.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { type Actor, requireActor, requireScope } from '../identity/index.ts';
import type { Ticker } from '../jobs/ticker.ts';
import { queueMail } from '../mail/index.ts';
import { organizationById, requireMembership } from '../orgs/index.ts';
import { digestSections, isEmptyDigest, weekOf } from './digest-model.ts';
import {
  claimWeek,
  digestEnabled,
  digestRecipients,
  employerIds,
  isEmployerMember,
  previousRunAt,
  recordMails,
  rolesOfEmployer,
  saveDigestEnabled,
  sharedAwardsOfEmployer,
} from './digest-store.ts';
import { EMPLOYER_ROLES } from './model.ts';

// --- the member's own choice ---

async function employerOf(deps: Deps, actor: Actor | null, orgId: string) {
  requireMembership(actor, orgId, EMPLOYER_ROLES);
  const org = await organizationById(deps.db, orgId);
  if (!org) throw new NotFoundError('organization');
  if (org.kind !== 'employer')
    throw new ConflictError('Only an employer organization has a digest.', 'not-an-employer');
  return org;
}

export async function myDigest(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
): Promise<{ enabled: boolean }> {
  await employerOf(deps, actor, orgId);
  return { enabled: await digestEnabled(deps.db, orgId, requireActor(actor).user.id) };
}

export async function setMyDigest(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  enabled: boolean,
): Promise<{ enabled: boolean }> {
  const me = requireScope(actor, 'workforce:write');
  await employerOf(deps, actor, orgId);
  await saveDigestEnabled(deps.db, orgId, me.user.id, enabled, deps.now());
  return { enabled };
}

// --- the signed "turn off these mails" link ---

/** 16 bytes of the organization's id, 16 of the member's, 32 of the MAC: 86 base64url characters. */
export const UNSUBSCRIBE_TOKEN = /^[A-Za-z0-9_-]{86}$/;

function mac(deps: Deps, orgId: string, userId: string): Buffer {
  // Keyed by the server's key-encryption key: nobody without it can make a link for another member.
  return createHmac('sha256', deps.secrets.keyEncryptionKey)
    .update(`tessera-digest-unsubscribe\u0000${orgId}\u0000${userId}`)
    .digest();
}

const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const uuidOf = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export const unsubscribeToken = (deps: Deps, orgId: string, userId: string) =>
  Buffer.concat([uuidBytes(orgId), uuidBytes(userId), mac(deps, orgId, userId)]).toString('base64url');

/** The organization and member a link is for; undefined for a link this server did not make. */
async function readToken(deps: Deps, token: string) {
  if (!UNSUBSCRIBE_TOKEN.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 64) return undefined;
  const orgId = uuidOf(bytes.subarray(0, 16));
  const userId = uuidOf(bytes.subarray(16, 32));
  if (!timingSafeEqual(bytes.subarray(32), mac(deps, orgId, userId))) return undefined;
  const org = await organizationById(deps.db, orgId);
  if (!org || !(await isEmployerMember(deps.db, orgId, userId))) return undefined;
  return { org, userId };
}

export async function unsubscribeTarget(deps: Deps, token: string): Promise<{ orgName: string }> {
  const target = await readToken(deps, token);
  if (!target) throw new NotFoundError('link');
  return { orgName: target.org.name };
}

export async function unsubscribe(deps: Deps, token: string): Promise<{ orgName: string }> {
  const target = await readToken(deps, token);
  if (!target) throw new NotFoundError('link');
  await saveDigestEnabled(deps.db, target.org.id, target.userId, false, deps.now());
  return { orgName: target.org.name };
}

// --- sending ---

/** Sends the employer's digest of the week `now` is in, unless it went out already; returns the mails queued. */
export async function sendDigestOf(deps: Deps, orgId: string): Promise<number> {
  const now = deps.now();
  const week = weekOf(now);
  const base = deps.config.publicUrl;
  return deps.db.transaction().execute(async (trx) => {
    const previous = await previousRunAt(trx, orgId, week);
    if (!(await claimWeek(trx, orgId, week, now))) return 0;
    const org = await organizationById(trx, orgId);
    if (!org) return 0;
    const sections = digestSections(
      await sharedAwardsOfEmployer(trx, orgId),
      await rolesOfEmployer(trx, orgId),
      now,
      previous,
    );
    if (isEmptyDigest(sections)) return 0;
    const recipients = await digestRecipients(trx, orgId);
    for (const recipient of recipients) {
      await queueMail(deps, trx, {
        to: recipient.email,
        locale: recipient.locale,
        template: {
          kind: 'employer-digest',
          name: recipient.name,
          orgName: org.name,
          weekEnd: now.toISOString(),
          newBadges: sections.newBadges,
          gapsClosed: sections.gapsClosed,
          renewals: sections.renewals.map((r) => ({ ...r, validUntil: r.validUntil.toISOString() })),
          peopleLink: `${base}/employ/people`,
          settingsLink: `${base}/employ/settings`,
          unsubscribeLink: `${base}/digest/unsubscribe/${unsubscribeToken(deps, orgId, recipient.userId)}`,
        },
        idempotencyKey: `employer-digest:${orgId}:${week}:${recipient.userId}`,
      });
    }
    await recordMails(trx, orgId, week, recipients.length);
    return recipients.length;
  });
}

/** Every employer's digest of this week (those already sent are skipped); returns the mails queued. */
export async function sendWeeklyDigests(deps: Deps): Promise<number> {
  let sent = 0;
  for (const orgId of await employerIds(deps.db)) sent += await sendDigestOf(deps, orgId);
  return sent;
}

/** Hourly in every worker: the first run of a week (from Monday 00:00 UTC) sends it, the rest find it sent. */
export const weeklyDigestTicker: Ticker = {
  name: 'workforce.weekly-digest',
  everySeconds: 3600,
  run: (deps) => sendWeeklyDigests(deps),
};
