// The award.expired webhook event: validity ends with time, not with a request, so a ticker finds the awards
// whose validity ended and records the event for each, once. The award_expiry_notices primary key decides: the
// marker is inserted in the transaction that records the event, so a second sweep, a restart or another worker
// finds it and announces nothing. Awards whose validity ended more than LOOKBACK_DAYS ago are no longer looked
// for (they were announced then, or the workers were down for a month); superseded awards count when they were
// superseded only after they had expired (a late renewal), and revoked or declined awards do not expire audibly.
import type { Deps } from '../deps.ts';
import type { Ticker } from '../jobs/ticker.ts';
import { type AwardRow, findAwardInOrg } from './award-store.ts';
import { recordAwardEvent } from './award-webhooks.ts';

const BATCH = 200;
const LOOKBACK_DAYS = 30;

async function expiredUnannounced(deps: Deps, now: Date): Promise<Array<Pick<AwardRow, 'id' | 'orgId'>>> {
  const since = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000);
  return deps.db
    .selectFrom('awards as a')
    .innerJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .select(['a.id', 'a.orgId'])
    .where('a.validUntil', '<=', now)
    .where('a.validUntil', '>', since)
    .where('a.state', 'in', ['offered', 'accepted'])
    .where('c.state', '!=', 'revoked')
    .where((eb) =>
      eb.or([eb('a.supersededAt', 'is', null), eb('a.supersededAt', '>=', eb.ref('a.validUntil'))]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('awardExpiryNotices as n').select('n.awardId').whereRef('n.awardId', '=', 'a.id')),
      ),
    )
    .orderBy('a.validUntil')
    .orderBy('a.id')
    .limit(BATCH)
    .execute();
}

/** Marks the award's expiry as announced and records the event, in one transaction; false when already marked. */
async function announce(deps: Deps, award: Pick<AwardRow, 'id' | 'orgId'>, now: Date): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const marked = await trx
      .insertInto('awardExpiryNotices')
      .values({ awardId: award.id, noticedAt: now })
      .onConflict((oc) => oc.column('awardId').doNothing())
      .returning('awardId')
      .executeTakeFirst();
    if (!marked) return false;
    const current = await findAwardInOrg(trx, award.orgId, award.id);
    if (!current) return false;
    await recordAwardEvent(deps, trx, 'award.expired', current, {
      expiredAt: current.validUntil?.toISOString() ?? null,
    });
    return true;
  });
}

/** Records award.expired for every award whose validity ended and was not announced yet; returns how many. */
export async function announceExpiredAwards(deps: Deps): Promise<number> {
  const now = deps.now();
  let announced = 0;
  for (;;) {
    const due = await expiredUnannounced(deps, now);
    let markedNow = 0;
    for (const award of due) if (await announce(deps, award, now)) markedNow += 1;
    announced += markedNow;
    // A full batch that announced nothing would come back the same: stop rather than spin.
    if (due.length < BATCH || markedNow === 0) return announced;
  }
}

/** Every five minutes in every worker; the notices' primary key keeps concurrent workers from announcing twice. */
export const expiredAwardsTicker: Ticker = {
  name: 'badges.expired-awards',
  everySeconds: 300,
  run: (deps) => announceExpiredAwards(deps),
};
