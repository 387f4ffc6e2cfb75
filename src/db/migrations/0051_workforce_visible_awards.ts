// Employer analytics at size (issue #17): which accepted awards each organization may see of each person now,
// one row per organization, person and award, with what the figures read of it (dates, the credential's state
// when it is not active, the badge version, the issuer). Kept by workforce/analytics-visible.ts in the
// transactions that change it (consent, chosen badges, awards accepted or renewed, credentials revoked,
// suspended or reinstated), as migration 0044 keeps the shared skills: the figures read it as it is instead of
// deciding consent, chosen badges and revocation for every person's awards on every request. Whether the person
// is active (and in a team) is joined when read. Backfilled here with the SQL analytics used until now.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table workforce_visible_awards (
    org_id uuid not null references organizations (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    award_id uuid not null references awards (id) on delete cascade,
    issued_at timestamptz not null,
    valid_until timestamptz,
    superseded_at timestamptz,
    credential_state text,
    badge_version_id uuid not null,
    issuer_org_id uuid not null,
    primary key (org_id, user_id, award_id)
  )`.execute(db);
  // A person's rows at every organization are recomputed together (their awards changed).
  await sql`create index workforce_visible_awards_by_user on workforce_visible_awards (user_id)`.execute(db);
  await sql`
    insert into workforce_visible_awards (org_id, user_id, award_id, issued_at, valid_until, superseded_at,
                                          credential_state, badge_version_id, issuer_org_id)
    select c.org_id, c.user_id, a.id, a.issued_at, a.valid_until, a.superseded_at, ic.state, a.badge_version_id,
           a.org_id
    from workforce_consents c
    join awards a on a.user_id = c.user_id and a.state = 'accepted'
    left join issued_credentials ic on ic.id = a.credential_id and ic.state <> 'active'
    where (ic.state is null or ic.state <> 'revoked')
      and ((c.share = 'all' and a.superseded_at is null)
        or (c.share = 'chosen' and exists (
              select 1 from workforce_shared_awards s
              where s.org_id = c.org_id and s.user_id = c.user_id and s.award_id = a.id)))`.execute(db);
}
