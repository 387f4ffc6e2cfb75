// SQL of the issuer's figures: one set-based query per section (never one per award, course or badge), each
// filtered by the organization. Buckets are labelled by the database (`2026-01`, ISO `2026-W05`, UTC) so the
// service only fills the empty ones.
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Interval } from '../periods/index.ts';

/** The bucket label of an instant: `YYYY-MM` or the ISO week `IYYY-"W"IW`, read in UTC. */
export function bucketOf(column: RawBuilder<unknown>, interval: Interval): RawBuilder<string> {
  return interval === 'month'
    ? sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM')`
    : sql<string>`to_char(${column} at time zone 'UTC', 'IYYY-"W"IW')`;
}

const n = (value: unknown): number => Number(value ?? 0);
const nOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

export interface AwardBucket {
  period: string;
  issued: number;
  offered: number;
  accepted: number;
  declined: number;
  awaitingFee: number;
  sharedPublicly: number;
}

/** Awards issued in [start, end) per bucket, counted by the state each is in now. */
export async function awardsPerBucket(
  db: Executor,
  orgId: string,
  start: Date,
  end: Date,
  interval: Interval,
): Promise<AwardBucket[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select ${bucketOf(sql.ref('issued_at'), interval)} as period,
           count(*) as issued,
           count(*) filter (where state = 'offered') as offered,
           count(*) filter (where state = 'accepted') as accepted,
           count(*) filter (where state = 'declined') as declined,
           count(*) filter (where state = 'awaiting-fee') as awaiting_fee,
           count(*) filter (where state = 'accepted' and visibility = 'public') as shared_publicly
    from awards
    where org_id = ${orgId} and issued_at >= ${start} and issued_at < ${end}
    group by 1`.execute(db);
  return rows.map((r) => ({
    period: String(r.period),
    issued: n(r.issued),
    offered: n(r.offered),
    accepted: n(r.accepted),
    declined: n(r.declined),
    awaitingFee: n(r.awaitingFee),
    sharedPublicly: n(r.sharedPublicly),
  }));
}

export interface ExpiringAward {
  awardId: string;
  badgeName: string;
  recipient: string;
  validUntil: Date;
}

/**
 * Accepted awards that hold now (not superseded by a renewal, credential neither revoked nor suspended) and
 * whose validity ends in (now, until]: how many, and the first `limit` of them, soonest first.
 */
export async function expiringAwards(
  db: Executor,
  orgId: string,
  now: Date,
  until: Date,
  limit: number,
): Promise<{ total: number; first: ExpiringAward[] }> {
  const { rows } = await sql<Record<string, unknown>>`
    select a.id as award_id, v.name as badge_name, coalesce(a.recipient_name, a.recipient_email) as recipient,
           a.valid_until, count(*) over () as total
    from awards a
    join badge_versions v on v.id = a.badge_version_id
    left join issued_credentials c on c.id = a.credential_id
    where a.org_id = ${orgId} and a.state = 'accepted' and a.superseded_at is null
      and (c.state is null or c.state = 'active')
      and a.valid_until > ${now} and a.valid_until <= ${until}
    order by a.valid_until, a.id
    limit ${limit}`.execute(db);
  return {
    total: rows.length === 0 ? 0 : n(rows[0]?.total),
    first: rows.map((r) => ({
      awardId: String(r.awardId),
      badgeName: String(r.badgeName),
      recipient: String(r.recipient),
      validUntil: new Date(r.validUntil as string),
    })),
  };
}

export interface BadgeAcceptance {
  badgeId: string;
  name: string;
  issued: number;
  offered: number;
  accepted: number;
  declined: number;
  awaitingFee: number;
}

/** Every badge the organization ever published, with its awards issued in [start, end) by state. */
export async function acceptancePerBadge(
  db: Executor,
  orgId: string,
  start: Date,
  end: Date,
): Promise<BadgeAcceptance[]> {
  const { rows } = await sql<Record<string, unknown>>`
    with counted as (
      select badge_id,
             count(*) as issued,
             count(*) filter (where state = 'offered') as offered,
             count(*) filter (where state = 'accepted') as accepted,
             count(*) filter (where state = 'declined') as declined,
             count(*) filter (where state = 'awaiting-fee') as awaiting_fee
      from awards
      where org_id = ${orgId} and issued_at >= ${start} and issued_at < ${end}
      group by badge_id
    )
    select b.id as badge_id, b.name, coalesce(k.issued, 0) as issued, coalesce(k.offered, 0) as offered,
           coalesce(k.accepted, 0) as accepted, coalesce(k.declined, 0) as declined,
           coalesce(k.awaiting_fee, 0) as awaiting_fee
    from badges b left join counted k on k.badge_id = b.id
    where b.org_id = ${orgId} and (b.latest_version_id is not null or k.badge_id is not null)
    order by b.name, b.id`.execute(db);
  return rows.map((r) => ({
    badgeId: String(r.badgeId),
    name: String(r.name),
    issued: n(r.issued),
    offered: n(r.offered),
    accepted: n(r.accepted),
    declined: n(r.declined),
    awaitingFee: n(r.awaitingFee),
  }));
}

export interface CourseFigures {
  courseId: string;
  title: string;
  enrolments: number;
  completions: number;
  /** Median days from enrolment to completion of the completions in the period; null: none. */
  medianDaysToComplete: number | null;
}

const DAYS = sql`extract(epoch from (cp.completed_at - e.enrolled_at)) / 86400.0`;

/**
 * Per course: enrolments made and completions reached in [start, end), and the median days from enrolment to
 * completion of those completions; every published course listed (zeros included), and the whole
 * organization's median on its own row (courseId null).
 */
export async function perCourse(
  db: Executor,
  orgId: string,
  start: Date,
  end: Date,
): Promise<{ courses: CourseFigures[]; medianDaysToComplete: number | null }> {
  const { rows } = await sql<Record<string, unknown>>`
    with en as (
      select course_id, count(*) as enrolments
      from enrolments
      where org_id = ${orgId} and enrolled_at >= ${start} and enrolled_at < ${end}
      group by course_id
    ),
    done as (
      select cp.course_id, ${DAYS} as days
      from completions cp join enrolments e on e.id = cp.enrolment_id
      where cp.org_id = ${orgId} and cp.completed_at >= ${start} and cp.completed_at < ${end}
    ),
    cp as (
      select course_id, count(*) as completions,
             percentile_cont(0.5) within group (order by days) as median_days
      from done group by course_id
    )
    select c.id as course_id, c.title, coalesce(en.enrolments, 0) as enrolments,
           coalesce(cp.completions, 0) as completions, cp.median_days,
           (select percentile_cont(0.5) within group (order by days) from done) as overall_median
    from courses c
    left join en on en.course_id = c.id
    left join cp on cp.course_id = c.id
    where c.org_id = ${orgId}
      and (c.latest_revision_id is not null or en.course_id is not null or cp.course_id is not null)
    order by c.title, c.id`.execute(db);
  return {
    courses: rows.map((r) => ({
      courseId: String(r.courseId),
      title: String(r.title),
      enrolments: n(r.enrolments),
      completions: n(r.completions),
      medianDaysToComplete: nOrNull(r.medianDays),
    })),
    medianDaysToComplete: rows.length === 0 ? null : nOrNull(rows[0]?.overallMedian),
  };
}

export interface LearningBucket {
  period: string;
  enrolments: number;
  completions: number;
}

/** Enrolments made and completions reached per bucket of [start, end). */
export async function learningPerBucket(
  db: Executor,
  orgId: string,
  start: Date,
  end: Date,
  interval: Interval,
): Promise<LearningBucket[]> {
  const { rows } = await sql<Record<string, unknown>>`
    with happened as (
      select ${bucketOf(sql.ref('enrolled_at'), interval)} as period, 1 as enrolled, 0 as completed
      from enrolments where org_id = ${orgId} and enrolled_at >= ${start} and enrolled_at < ${end}
      union all
      select ${bucketOf(sql.ref('completed_at'), interval)}, 0, 1
      from completions where org_id = ${orgId} and completed_at >= ${start} and completed_at < ${end}
    )
    select period, sum(enrolled) as enrolments, sum(completed) as completions from happened group by period`.execute(
    db,
  );
  return rows.map((r) => ({
    period: String(r.period),
    enrolments: n(r.enrolments),
    completions: n(r.completions),
  }));
}

export interface ReviewQueueNow {
  pending: number;
  oldestSubmittedAt: Date | null;
  /** Median age of the waiting submissions at `now`, in days. */
  medianAgeDays: number | null;
}

/** The assessors' queue now: evidence waiting for review (status pending). */
export async function reviewQueueNow(db: Executor, orgId: string, now: Date): Promise<ReviewQueueNow> {
  const { rows } = await sql<Record<string, unknown>>`
    select count(*) as pending, min(submitted_at) as oldest,
           percentile_cont(0.5) within group (order by extract(epoch from (${now}::timestamptz - submitted_at)) / 86400.0) as median_age
    from evidence_submissions
    where org_id = ${orgId} and status = 'pending'`.execute(db);
  const row = rows[0] ?? {};
  return {
    pending: n(row.pending),
    oldestSubmittedAt: row.oldest ? new Date(row.oldest as string) : null,
    medianAgeDays: nOrNull(row.medianAge),
  };
}

export interface ReviewBucket {
  period: string;
  submitted: number;
  reviewed: number;
}

/** Evidence submitted and reviewed (accepted or returned) per bucket of [start, end). */
export async function reviewsPerBucket(
  db: Executor,
  orgId: string,
  start: Date,
  end: Date,
  interval: Interval,
): Promise<ReviewBucket[]> {
  const { rows } = await sql<Record<string, unknown>>`
    with happened as (
      select ${bucketOf(sql.ref('submitted_at'), interval)} as period, 1 as submitted, 0 as reviewed
      from evidence_submissions where org_id = ${orgId} and submitted_at >= ${start} and submitted_at < ${end}
      union all
      select ${bucketOf(sql.ref('reviewed_at'), interval)}, 0, 1
      from evidence_submissions where org_id = ${orgId} and reviewed_at >= ${start} and reviewed_at < ${end}
    )
    select period, sum(submitted) as submitted, sum(reviewed) as reviewed from happened group by period`.execute(
    db,
  );
  return rows.map((r) => ({ period: String(r.period), submitted: n(r.submitted), reviewed: n(r.reviewed) }));
}
