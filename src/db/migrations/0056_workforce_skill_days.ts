// Employer analytics at size (issue #17): per organization, how many people first showed each framework
// concept on each day (UTC), under each name their badges give it. The organization-wide "skills gained" of a
// period is summed from these few thousand rows instead of grouping every person × concept row of
// workforce_shared_skills (migration 0044) on each request; a team's is still read person by person.
//
// Kept by statement triggers on workforce_shared_skills, so every writer keeps it in its own transaction
// (recompute, forget, rebuild, a person or organization deleted). Every shared-skills row belongs to a person
// with a consent, and a consent only exists while the person is active (workforce/store.ts ends it with the
// employment), so the counts are of active people. Counter rows of one organization are changed under a
// transaction-scoped advisory lock on it; workforce/analytics-visible.ts takes the same locks, in order,
// before it changes a person's rows, so two transactions never wait on each other's counter rows.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table workforce_skill_days (
    org_id uuid not null references organizations (id) on delete cascade,
    framework text not null,
    code text not null,
    day date not null,
    name text not null,
    people integer not null check (people >= 0),
    primary key (org_id, framework, code, day, name)
  )`.execute(db);
  await sql`create function workforce_skill_days_count() returns trigger language plpgsql as $$
    begin
      if tg_op in ('DELETE', 'UPDATE') then
        perform pg_advisory_xact_lock(hashtextextended('skill-days:' || o.org_id::text, 0))
        from (select distinct org_id from gone order by org_id) o;
        update workforce_skill_days d set people = d.people - g.people
        from (select org_id, framework, code, (first_at at time zone 'UTC')::date as day, name, count(*) as people
              from gone group by 1, 2, 3, 4, 5) g
        where d.org_id = g.org_id and d.framework = g.framework and d.code = g.code and d.day = g.day
          and d.name = g.name;
        delete from workforce_skill_days d
        using (select distinct org_id, framework, code, (first_at at time zone 'UTC')::date as day, name
               from gone) g
        where d.org_id = g.org_id and d.framework = g.framework and d.code = g.code and d.day = g.day
          and d.name = g.name and d.people = 0;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        perform pg_advisory_xact_lock(hashtextextended('skill-days:' || o.org_id::text, 0))
        from (select distinct org_id from added order by org_id) o;
        insert into workforce_skill_days (org_id, framework, code, day, name, people)
        select org_id, framework, code, (first_at at time zone 'UTC')::date, name, count(*)
        from added group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
        on conflict (org_id, framework, code, day, name) do update set people = workforce_skill_days.people + excluded.people;
      end if;
      return null;
    end
  $$`.execute(db);
  await sql`create trigger workforce_skill_days_on_insert after insert on workforce_shared_skills
    referencing new table as added for each statement execute function workforce_skill_days_count()`.execute(
    db,
  );
  await sql`create trigger workforce_skill_days_on_delete after delete on workforce_shared_skills
    referencing old table as gone for each statement execute function workforce_skill_days_count()`.execute(
    db,
  );
  await sql`create trigger workforce_skill_days_on_update after update on workforce_shared_skills
    referencing old table as gone new table as added
    for each statement execute function workforce_skill_days_count()`.execute(db);
  await sql`
    insert into workforce_skill_days (org_id, framework, code, day, name, people)
    select org_id, framework, code, (first_at at time zone 'UTC')::date, name, count(*)
    from workforce_shared_skills group by 1, 2, 3, 4, 5`.execute(db);
}
