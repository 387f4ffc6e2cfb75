// SQL of the employer's figures: a handful of set-based queries per request (never one per person), all
// built on what analytics-sharing.ts says is shared. Learning progress is read only through the employer's
// sponsored seats (workforce_seats → workforce_seat_courses → the claimed enrolment).
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Interval } from './analytics-model.ts';
import { type Scope, sharedAwardsCte } from './analytics-sharing.ts';

export interface PersonInScope {
  employeeId: string;
  name: string;
}

const teamFilter = (scope: Scope) =>
  scope.teamId === null
    ? sql``
    : sql`and e.id in (select m.employee_id from workforce_team_members m where m.team_id = ${scope.teamId})`;

/** The active people in scope (whether they share or not), by name. */
export async function peopleInScope(db: Executor, scope: Scope): Promise<PersonInScope[]> {
  const { rows } = await sql<PersonInScope>`
    select e.id as employee_id, coalesce(u.name, e.invited_email) as name
    from workforce_employees e
    left join users u on u.id = e.user_id
    where e.org_id = ${scope.orgId} and e.status = 'active' ${teamFilter(scope)}
    order by 2, 1`.execute(db);
  return rows;
}

export interface AwardCounts {
  employeeId: string;
  /** Shared awards issued within the period. */
  inPeriod: number;
  /** Every award shared now. */
  shared: number;
  /** Shared, expired at `now`, and not renewed. */
  expired: number;
}

/** Per person: awards issued in [start, end), awards shared at all, and expired ones not renewed. */
export async function awardCounts(
  db: Executor,
  scope: Scope,
  start: Date,
  end: Date,
  now: Date,
): Promise<AwardCounts[]> {
  const { rows } = await sql<{ employeeId: string; inPeriod: string; shared: string; expired: string }>`
    ${sharedAwardsCte(scope)}
    select employee_id,
           count(*) filter (where issued_at >= ${start} and issued_at < ${end}) as in_period,
           count(*) as shared,
           count(*) filter (where valid_until <= ${now} and superseded_at is null) as expired
    from shared group by employee_id`.execute(db);
  return rows.map((r) => ({
    employeeId: r.employeeId,
    inPeriod: Number(r.inPeriod),
    shared: Number(r.shared),
    expired: Number(r.expired),
  }));
}

/** The first day (YYYY-MM-DD, UTC) of the month or ISO week an instant falls in. */
const bucketStart = (column: RawBuilder<unknown>, interval: Interval) =>
  sql<string>`to_char(date_trunc(${interval}, ${column} at time zone 'UTC'), 'YYYY-MM-DD')`;

/** Shared awards issued in [start, end), per bucket (keyed by the bucket's first day). */
export async function awardsPerBucket(
  db: Executor,
  scope: Scope,
  start: Date,
  end: Date,
  interval: Interval,
): Promise<Array<{ bucket: string; count: number }>> {
  const { rows } = await sql<{ bucket: string; count: string }>`
    ${sharedAwardsCte(scope)}
    select ${bucketStart(sql.ref('issued_at'), interval)} as bucket, count(*) as count
    from shared where issued_at >= ${start} and issued_at < ${end}
    group by 1`.execute(db);
  return rows.map((r) => ({ bucket: r.bucket, count: Number(r.count) }));
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

/**
 * For each concept: how many people first showed it (their earliest shared badge evidencing it) in each
 * bucket of [start, end), and how many before `start`. Showing it after `end` does not count.
 */
export async function conceptsFirstSeen(
  db: Executor,
  scope: Scope,
  start: Date,
  end: Date,
  interval: Interval,
): Promise<ConceptFirstSeen[]> {
  const { rows } = await sql<Omit<ConceptFirstSeen, 'people'> & { people: string }>`
    ${sharedAwardsCte(scope)},
    first_seen as (
      select s.employee_id, c.framework, c.code, min(s.issued_at) as first_at
      from shared s join shared_concepts c on c.version_id = s.badge_version_id
      where s.issued_at < ${end}
      group by 1, 2, 3
    ),
    per_bucket as (
      select framework, code,
             case when first_at >= ${start} then date_trunc(${interval}, first_at at time zone 'UTC') end as bucket,
             count(*) as people
      from first_seen group by 1, 2, 3
    )
    select b.framework, b.code, to_char(b.bucket, 'YYYY-MM-DD') as bucket, b.people,
           (select max(c.name) from shared_concepts c where c.framework = b.framework and c.code = b.code) as name
    from per_bucket b`.execute(db);
  return rows.map((r) => ({ ...r, people: Number(r.people) }));
}

export interface ExpiringAward {
  employeeId: string;
  name: string;
  badgeName: string;
  validUntil: Date;
}

/** Shared awards, valid now (not suspended, not expired), whose validity ends before `until`. */
export async function expiringAwards(
  db: Executor,
  scope: Scope,
  now: Date,
  until: Date,
): Promise<ExpiringAward[]> {
  const { rows } = await sql<ExpiringAward>`
    ${sharedAwardsCte(scope)}
    select s.employee_id, coalesce(u.name, e.invited_email) as name, s.badge_name, s.valid_until
    from shared s
    join workforce_employees e on e.id = s.employee_id
    left join users u on u.id = e.user_id
    where s.valid_until > ${now} and s.valid_until <= ${until}
      and (s.credential_state is null or s.credential_state <> 'suspended')
    order by s.valid_until, 2, s.award_id`.execute(db);
  return rows.map((r) => ({ ...r, validUntil: new Date(r.validUntil) }));
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
