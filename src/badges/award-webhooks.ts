// What an organization's webhook endpoints hear of its awards (docs/integrations.md). The recipient's address
// is one the issuer already sees in its award list; nothing else about the learner is sent.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { recordWebhookEvent, type WebhookEventType } from '../webhooks/index.ts';
import type { AwardRow } from './award-store.ts';

type AwardEvent = Extract<WebhookEventType, `award.${string}`>;

export async function recordAwardEvent(
  deps: Deps,
  trx: Executor,
  type: AwardEvent,
  award: AwardRow,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await recordWebhookEvent(deps, trx, {
    orgId: award.orgId,
    type,
    data: {
      awardId: award.id,
      badgeId: award.badgeId,
      badgeVersionId: award.badgeVersionId,
      credentialId: award.credentialId,
      recipientEmail: award.recipientEmail,
      userId: award.userId,
      cycle: award.cycle,
      source: award.source,
      state: award.state,
      issuedAt: award.issuedAt.toISOString(),
      validUntil: award.validUntil?.toISOString() ?? null,
      ...extra,
    },
  });
}
