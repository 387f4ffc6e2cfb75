// Employer analytics at size (issue #17): what each organization may see of each person's framework skills,
// one row per organization, person and concept, kept by workforce/analytics-shared-skills.ts in the
// transactions that change it (consent, chosen badges, awards accepted or renewed, credentials revoked). The
// figures read it as it is instead of deciding consent, chosen badges and revocation per person per request.
// Backfilled here with the same SQL.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table workforce_shared_skills (
    org_id uuid not null references organizations (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    framework text not null,
    code text not null,
    name text not null,
    level numeric,
    first_at timestamptz not null,
    primary key (org_id, user_id, framework, code)
  )`.execute(db);
  await sql`
    insert into workforce_shared_skills (org_id, user_id, framework, code, name, level, first_at)
    select c.org_id, c.user_id, s.framework, s.code, max(s.name), max(s.level), min(s.issued_at)
    from workforce_consents c
    join award_skills s on s.user_id = c.user_id
    where ((c.share = 'all' and s.current)
        or (c.share = 'chosen' and exists (
              select 1 from workforce_shared_awards w
              where w.org_id = c.org_id and w.user_id = c.user_id and w.award_id = s.award_id)))
      and not exists (
        select 1 from issued_credentials ic where ic.id = s.credential_id and ic.state = 'revoked')
    group by c.org_id, c.user_id, s.framework, s.code`.execute(db);
}
