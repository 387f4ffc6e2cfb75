// SQL of the employer's figures: one statement computes every figure of what is shared (the shared awards
// are read once per request, then counted, ranked, bucketed and matched to skills in the database), another
// the sponsored learning; never a query per person. Built on what analytics-sharing.ts says is shared.
// Learning progress is read only through the employer's sponsored seats (workforce_seats →
// workforce_seat_courses → the claimed enrolment).
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Interval } from './analytics-model.ts';
import { type Scope, sharedAwardsCte } from './analytics-sharing.ts';
import { sharedSkillsCtes } from './analytics-skills.ts';

const teamFilter = (scope: Scope) =>
  scope.teamId === null
    ? sql``
    : sql`and e.id in (select m.employee_id from workforce_team_members m where m.team_id = ${scope.teamId})`;

/** Per person, the imported badges they share (counted in JavaScript, see sharedImportsOf). */
export interface ImportCount {
  employeeId: string;
  /** Of them, issued within the period. */
  inPeriod: number;
}

/**
 * `, counts as (…), ranked as (…)` after sharedAwardsCte: every active person in scope (sharing or not) with
 * their name, the shared badges issued in [start, end) (awards counted here, imports added from
 * `imports`) and whether they share anything at all.
 */
function rankedCte(scope: Scope, start: Date, end: Date, imports: ImportCount[]): RawBuilder<unknown> {
  const imported = JSON.stringify(imports.map((i) => ({ employee_id: i.employeeId, in_period: i.inPeriod })));
  return sql`,
    counts as (
      select employee_id, count(*) filter (where issued_at >= ${start} and issued_at < ${end}) as in_period
      from shared group by employee_id
    ),
    imported as (
      select employee_id, sum(in_period) as in_period
      from jsonb_to_recordset(cast(${imported} as jsonb)) as i(employee_id uuid, in_period int)
      group by employee_id
    ),
    ranked as (
      select e.id as employee_id, coalesce(u.name, e.invited_email) as name,
             coalesce(c.in_period, 0) + coalesce(i.in_period, 0) as count,
             (c.employee_id is not null or i.employee_id is not null) as sharing
      from workforce_employees e
      left join users u on u.id = e.user_id
      left join counts c on c.employee_id = e.id
      left join imported i on i.employee_id = e.id
      where e.org_id = ${scope.orgId} and e.status = 'active' ${teamFilter(scope)}
    )`;
}

/** Most badges first, then by name (the database's collation), then by id: the order of every ranking. */
const RANK_ORDER = sql`count desc, name, employee_id`;

export interface PersonCount {
  employeeId: string;
  name: string;
  count: number;
}

/**
 * One page of the people in scope ranked by the shared badges issued in [start, end) (zeros included), and
 * how many people there are in all. `limit` null: everybody (the CSV download).
 */
export async function peopleRanking(
  db: Executor,
  scope: Scope,
  window: { start: Date; end: Date; imports: ImportCount[] },
  page: { limit: number | null; offset: number },
): Promise<{ total: number; people: PersonCount[] }> {
  const { rows } = await sql<{ total: string; people: PersonCount[] | null }>`
    ${sharedAwardsCte(scope)}${rankedCte(scope, window.start, window.end, window.imports)}
    select (select count(*) from ranked) as total,
           (select json_agg(json_build_object('employeeId', employee_id, 'name', name, 'count', count)
                            order by ${RANK_ORDER})
            from (select * from ranked order by ${RANK_ORDER}
                  limit ${page.limit === null ? sql`all` : page.limit} offset ${page.offset}) t) as people`.execute(
    db,
  );
  const row = rows[0];
  return { total: Number(row?.total ?? 0), people: row?.people ?? [] };
}

/**
 * Per concept and bucket of the period (its first day; null: first shown before the period; 'infinity':
 * after it, not counted, but its name is still one of the names the concept's badges give it), how many
 * people first showed it, with the concept's name (the greatest). The whole organization's is summed from
 * its per-day counts (workforce_skill_days, migration 0056: only active people have rows to count); a team's
 * is grouped from its people's rows. The period's bounds are UTC midnights, so days compare exactly.
 */
function perBucket(scope: Scope, start: Date, end: Date, interval: Interval): RawBuilder<unknown> {
  const bucketOf = (at: RawBuilder<unknown>) => sql`case when ${at} < ${start} then null
                  when ${at} < ${end} then date_trunc(${interval}, ${at} at time zone 'UTC')
                  else 'infinity'::timestamp end`;
  if (scope.teamId === null) {
    return sql`
      select framework, code, ${bucketOf(sql`(cast(day as timestamp) at time zone 'UTC')`)} as bucket,
             sum(people) as people, max(max(name)) over (partition by framework, code) as name
      from workforce_skill_days where org_id = ${scope.orgId} group by 1, 2, 3`;
  }
  return sql`with ${sharedSkillsCtes(scope)}
      select framework, code, ${bucketOf(sql`first_at`)} as bucket, count(*) as people,
             max(max(name)) over (partition by framework, code) as name
      from shared_skills group by 1, 2, 3`;
}

export interface ConceptFirstSeen {
  framework: 'onet' | 'esco';
  code: string;
  /** The badge's own name for the skill (a fallback label). */
  name: string;
  /** The bucket (first day) in which the people below first showed it; null: before the period. */
  bucket: string | null;
  people: number;
}

export interface ExpiringAward {
  employeeId: string;
  name: string;
  badgeName: string;
  validUntil: Date;
}

export interface SharedFigures {
  /** Active people in scope; of them, those sharing at least one award or import now. */
  people: number;
  sharingPeople: number;
  /** Shared badges issued in the period (imports included). */
  total: number;
  /** How many people have each number of badges issued in the period (zeros included), fewest first. */
  distribution: Array<{ badges: number; people: number }>;
  /** The first `top` people of the ranking. */
  top: PersonCount[];
  /** Shared awards (not imports) issued in the period, per bucket (its first day, YYYY-MM-DD, UTC). */
  buckets: Array<{ bucket: string; count: number }>;
  /**
   * Per concept: how many people first showed it (their earliest shared badge evidencing it) in each bucket
   * of the period, and how many before it (bucket null). Showing it after the period does not count.
   */
  concepts: ConceptFirstSeen[];
  /** Shared awards, valid now (not suspended, not expired), whose validity ends before `soon`: the soonest. */
  expiring: ExpiringAward[];
  /** How many such awards there are in all. */
  expiringTotal: number;
  /** Shared awards (not imports) expired at `now` and not renewed. */
  expired: number;
}

/**
 * Every figure of what the people in scope share, in one statement: the shared awards are read once (the
 * CTE is materialized, being referenced by each figure) and everything is counted by the database; only
 * the first `top` people of the ranking are returned, with the distribution of counts over everybody.
 */
export async function sharedFigures(
  db: Executor,
  scope: Scope,
  w: {
    start: Date;
    end: Date;
    now: Date;
    soon: Date;
    interval: Interval;
    imports: ImportCount[];
    top: number;
    /** How many of the soonest expiring awards to list (null: all, for the CSV download). */
    expiringLimit: number | null;
  },
): Promise<SharedFigures> {
  const { rows } = await sql<Record<keyof SharedFigures, unknown>>`
    ${sharedAwardsCte(scope)}${rankedCte(scope, w.start, w.end, w.imports)},
    per_bucket as (${perBucket(scope, w.start, w.end, w.interval)})
    select
      (select count(*) from ranked) as people,
      (select count(*) from ranked where sharing) as sharing_people,
      (select coalesce(sum(count), 0) from ranked) as total,
      (select count(*) from shared where valid_until <= ${w.now} and superseded_at is null) as expired,
      (select json_agg(json_build_object('badges', count, 'people', people) order by count)
       from (select count, count(*) as people from ranked group by count) d) as distribution,
      (select json_agg(json_build_object('employeeId', employee_id, 'name', name, 'count', count)
                       order by ${RANK_ORDER})
       from (select * from ranked order by ${RANK_ORDER} limit ${w.top}) t) as top,
      (select json_agg(json_build_object('bucket', to_char(bucket, 'YYYY-MM-DD'), 'count', count))
       from (select date_trunc(${w.interval}, issued_at at time zone 'UTC') as bucket, count(*) as count
             from shared where issued_at >= ${w.start} and issued_at < ${w.end} group by 1) b) as buckets,
      (select json_agg(json_build_object(
                'framework', b.framework, 'code', b.code, 'bucket', to_char(b.bucket, 'YYYY-MM-DD'),
                'people', b.people, 'name', b.name))
       from per_bucket b where b.bucket is distinct from 'infinity'::timestamp) as concepts,
      (select json_agg(json_build_object('employeeId', x.employee_id, 'name', x.name, 'badgeName', x.badge_name,
                                         'validUntil', x.valid_until) order by x.valid_until, x.name, x.award_id)
       from (select s.employee_id, coalesce(u.name, e.invited_email) as name, v.name as badge_name,
                    s.valid_until, s.award_id
             from shared s
             join badge_versions v on v.id = s.badge_version_id
             join workforce_employees e on e.id = s.employee_id
             left join users u on u.id = e.user_id
             where s.valid_until > ${w.now} and s.valid_until <= ${w.soon}
               and (s.credential_state is null or s.credential_state <> 'suspended')
             order by s.valid_until, 2, s.award_id
             limit ${w.expiringLimit === null ? sql`all` : w.expiringLimit}) x) as expiring,
      (select count(*) from shared s
       where s.valid_until > ${w.now} and s.valid_until <= ${w.soon}
         and (s.credential_state is null or s.credential_state <> 'suspended')) as expiring_total`.execute(
    db,
  );
  const row = rows[0] ?? ({} as Record<keyof SharedFigures, unknown>);
  const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
  return {
    people: Number(row.people ?? 0),
    sharingPeople: Number(row.sharingPeople ?? 0),
    total: Number(row.total ?? 0),
    distribution: list(row.distribution),
    top: list(row.top),
    buckets: list(row.buckets),
    concepts: list(row.concepts),
    expiring: list<Omit<ExpiringAward, 'validUntil'> & { validUntil: string }>(row.expiring).map((x) => ({
      ...x,
      validUntil: new Date(x.validUntil),
    })),
    expiringTotal: Number(row.expiringTotal ?? 0),
    expired: Number(row.expired ?? 0),
  };
}

export interface SeatEnrolment {
  enrolmentId: string;
  courseId: string;
  title: string;
  enrolledAt: Date;
  firstOpenedAt: Date | null;
  completedAt: Date | null;
}

/**
 * The enrolments of the employer's sponsored seats held by the active people in scope, each once (a course
 * in two seats of one person is one enrolment), that were first opened or completed in [start, end).
 */
export async function seatEnrolments(
  db: Executor,
  scope: Scope,
  start: Date,
  end: Date,
): Promise<SeatEnrolment[]> {
  const { rows } = await sql<SeatEnrolment>`
    select distinct en.id as enrolment_id, en.course_id, c.title, en.enrolled_at, en.first_opened_at,
           cp.completed_at
    from workforce_seats st
    join workforce_employees e on e.id = st.employee_id
    join workforce_seat_courses sc on sc.seat_id = st.id
    join enrolments en on en.id = sc.enrolment_id
    join courses c on c.id = en.course_id
    left join completions cp on cp.enrolment_id = en.id
    where st.org_id = ${scope.orgId} and st.status <> 'cancelled'
      and e.org_id = ${scope.orgId} and e.status = 'active' ${teamFilter(scope)}
      and ((en.first_opened_at >= ${start} and en.first_opened_at < ${end})
        or (cp.completed_at >= ${start} and cp.completed_at < ${end}))`.execute(db);
  return rows.map((r) => ({
    ...r,
    enrolledAt: new Date(r.enrolledAt),
    firstOpenedAt: r.firstOpenedAt ? new Date(r.firstOpenedAt) : null,
    completedAt: r.completedAt ? new Date(r.completedAt) : null,
  }));
}
