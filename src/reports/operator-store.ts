// SQL of the platform operator's figures: organizations, users, the job queue (pg-boss's table in its own
// schema), mail, the database's size and the migrations applied. Whole-platform counts, set-based.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Interval } from '../periods/index.ts';
import { bucketOf } from './issuer-store.ts';

const n = (value: unknown): number => Number(value ?? 0);

export async function organizationsByKind(db: Executor): Promise<Record<string, number>> {
  const { rows } = await sql<{ kind: string; count: string }>`
    select kind, count(*) as count from organizations group by kind`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.kind, n(r.count)]));
}

export interface UserCounts {
  total: number;
  /** Accounts with at least one confirmed address. */
  verified: number;
  operators: number;
}

export async function userCounts(db: Executor): Promise<UserCounts> {
  const { rows } = await sql<Record<string, unknown>>`
    select count(*) as total,
           count(*) filter (where exists (
             select 1 from user_emails e where e.user_id = u.id and e.verified_at is not null)) as verified,
           count(*) filter (where u.is_operator) as operators
    from users u`.execute(db);
  const row = rows[0] ?? {};
  return { total: n(row.total), verified: n(row.verified), operators: n(row.operators) };
}

/** Accounts created per bucket of [start, end). */
export async function newUsersPerBucket(
  db: Executor,
  start: Date,
  end: Date,
  interval: Interval,
): Promise<Array<{ period: string; users: number }>> {
  const { rows } = await sql<{ period: string; users: string }>`
    select ${bucketOf(sql.ref('created_at'), interval)} as period, count(*) as users
    from users where created_at >= ${start} and created_at < ${end} group by 1`.execute(db);
  return rows.map((r) => ({ period: r.period, users: n(r.users) }));
}

export interface JobCounts {
  queued: number;
  running: number;
  completedLastDay: number;
  failedLastDay: number;
  failedLastWeek: number;
}

export interface FailedJob {
  name: string;
  failedAt: Date;
  attempts: number;
  /** The error's message as pg-boss kept it (the stack and the payload are never read). */
  message: string | null;
}

/** The job queue now: waiting and running jobs, completions and failures in the last day and week. */
export async function jobCounts(db: Executor, jobsSchema: string, now: Date): Promise<JobCounts> {
  const day = new Date(now.getTime() - 86_400_000);
  const week = new Date(now.getTime() - 7 * 86_400_000);
  const { rows } = await sql<Record<string, unknown>>`
    select count(*) filter (where state in ('created', 'retry')) as queued,
           count(*) filter (where state = 'active') as running,
           count(*) filter (where state = 'completed' and completed_on >= ${day}) as completed_last_day,
           count(*) filter (where state = 'failed' and completed_on >= ${day}) as failed_last_day,
           count(*) filter (where state = 'failed' and completed_on >= ${week}) as failed_last_week
    from ${sql.table(`${jobsSchema}.job`)}`.execute(db);
  const row = rows[0] ?? {};
  return {
    queued: n(row.queued),
    running: n(row.running),
    completedLastDay: n(row.completedLastDay),
    failedLastDay: n(row.failedLastDay),
    failedLastWeek: n(row.failedLastWeek),
  };
}

/** The last failed jobs, newest first: their kind, when, attempts and the error message only. */
export async function lastFailedJobs(db: Executor, jobsSchema: string, limit: number): Promise<FailedJob[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select name, completed_on, retry_count, output ->> 'message' as message
    from ${sql.table(`${jobsSchema}.job`)}
    where state = 'failed'
    order by completed_on desc nulls last, id
    limit ${limit}`.execute(db);
  return rows.map((r) => ({
    name: String(r.name),
    failedAt: new Date(r.completedOn as string),
    attempts: n(r.retryCount) + 1,
    message: typeof r.message === 'string' ? r.message : null,
  }));
}

export interface MailCounts {
  queued: number;
  sent: number;
  failed: number;
  sentLastDay: number;
  failedLastWeek: number;
  /** Kept in the outbox (no SMTP) rather than sent over SMTP. */
  inOutbox: number;
}

export async function mailCounts(db: Executor, now: Date): Promise<MailCounts> {
  const day = new Date(now.getTime() - 86_400_000);
  const week = new Date(now.getTime() - 7 * 86_400_000);
  const { rows } = await sql<Record<string, unknown>>`
    select count(*) filter (where status = 'queued') as queued,
           count(*) filter (where status = 'sent') as sent,
           count(*) filter (where status = 'failed') as failed,
           count(*) filter (where status = 'sent' and sent_at >= ${day}) as sent_last_day,
           count(*) filter (where status = 'failed' and created_at >= ${week}) as failed_last_week,
           count(*) filter (where transport = 'outbox') as in_outbox
    from mail_messages`.execute(db);
  const row = rows[0] ?? {};
  return {
    queued: n(row.queued),
    sent: n(row.sent),
    failed: n(row.failed),
    sentLastDay: n(row.sentLastDay),
    failedLastWeek: n(row.failedLastWeek),
    inOutbox: n(row.inOutbox),
  };
}

/** Mail recorded per bucket of [start, end), by what became of it. */
export async function mailPerBucket(
  db: Executor,
  start: Date,
  end: Date,
  interval: Interval,
): Promise<Array<{ period: string; sent: number; failed: number; queued: number }>> {
  const { rows } = await sql<Record<string, unknown>>`
    select ${bucketOf(sql.ref('created_at'), interval)} as period,
           count(*) filter (where status = 'sent') as sent,
           count(*) filter (where status = 'failed') as failed,
           count(*) filter (where status = 'queued') as queued
    from mail_messages where created_at >= ${start} and created_at < ${end} group by 1`.execute(db);
  return rows.map((r) => ({
    period: String(r.period),
    sent: n(r.sent),
    failed: n(r.failed),
    queued: n(r.queued),
  }));
}

/** The database's size in bytes (PGlite and PostgreSQL both answer); null when the role may not ask. */
export async function databaseBytes(db: Executor): Promise<number | null> {
  try {
    const { rows } = await sql<{ bytes: string }>`
      select pg_database_size(current_database()) as bytes`.execute(db);
    return rows[0] ? n(rows[0].bytes) : null;
  } catch {
    return null;
  }
}

export async function databaseVersion(db: Executor): Promise<string> {
  const { rows } = await sql<{ serverVersion: string }>`show server_version`.execute(db);
  return rows[0]?.serverVersion ?? 'unknown';
}

/** The migrations applied to the application's schema, in order. */
export async function migrationsApplied(db: Executor, schema: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from ${sql.table(`${schema}.kysely_migration`)} order by name`.execute(db);
  return rows.map((r) => r.name);
}
