// The platform operator's dashboard figures: organizations by kind, users (total, verified, new over a
// period), the job queue and its last failures, mail delivery, storage and versions. Platform operators
// only (an API token bound to one organization is not the platform's), scope read. Nothing secret leaves:
// job payloads and stacks are never read, and failure messages lose links, tokens and addresses.
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Deps } from '../deps.ts';
import { ForbiddenError } from '../errors.ts';
import { type Actor, requireActor, requireScope } from '../identity/index.ts';
import { bounds, fillSeries, type Period } from '../periods/index.ts';
import { type FiguresQuery, periodOf } from './issuer-figures.ts';
import {
  databaseBytes,
  databaseVersion,
  type FailedJob,
  type JobCounts,
  jobCounts,
  lastFailedJobs,
  type MailCounts,
  mailCounts,
  mailPerBucket,
  migrationsApplied,
  newUsersPerBucket,
  organizationsByKind,
  type UserCounts,
  userCounts,
} from './operator-store.ts';

/** How many of the last failed jobs are listed. */
export const FAILURES_LISTED = 10;
/** Files counted at most when adding up local storage (the figure says when it stopped short). */
export const STORAGE_FILES_COUNTED = 200_000;
const MESSAGE_CHARS = 300;

const APP_VERSION: string = (() => {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
})();

export interface OperatorFigures {
  period: Period;
  organizations: { total: number; issuers: number; employers: number };
  users: UserCounts & { overTime: Array<{ period: string; users: number }> };
  jobs: JobCounts & { lastFailures: FailedJob[] };
  mail: MailCounts & {
    transport: 'smtp' | 'outbox';
    /** Bounces are not reported back to Tessera: null says "not tracked". */
    bounced: null;
    overTime: Array<{ period: string; sent: number; failed: number; queued: number }>;
  };
  storage: {
    kind: 'local' | 's3';
    /** Bytes of the uploaded files (local storage only; null for a bucket, whose size Tessera cannot see). */
    fileBytes: number | null;
    files: number | null;
    /** false: more files than were counted (fileBytes is a lower bound). */
    filesComplete: boolean;
    databaseBytes: number | null;
  };
  versions: {
    app: string;
    node: string;
    database: { engine: 'pglite' | 'postgresql'; version: string };
    migrations: { applied: number; latest: string | null };
  };
}

/**
 * A failure message fit for a dashboard: links lose their path and query (where tokens travel), email
 * addresses and long opaque strings (tokens, keys, hashes) are redacted, and it is cut to a readable length.
 */
export function redactMessage(message: string | null): string | null {
  if (message === null) return null;
  const redacted = message
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^/\s?#]+)[^\s]*/gi, (_, origin: string) =>
      origin.replace(/\/\/[^@/]*@/, '//[redacted]@'),
    )
    .replace(/[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/gi, '[address]')
    .replace(/[A-Za-z0-9+/_=-]{24,}/g, '[redacted]');
  return redacted.length > MESSAGE_CHARS ? `${redacted.slice(0, MESSAGE_CHARS - 1)}…` : redacted;
}

/** Platform operators only; an API token bound to an organization acts for that organization alone. */
export function requireOperator(actor: Actor | null): Actor {
  const me = requireActor(actor);
  if (!me.user.isOperator || (me.via === 'api-token' && me.activeOrgId !== null))
    throw new ForbiddenError('Only platform operators may read the platform’s figures.');
  requireScope(me, 'read');
  return me;
}

/** Bytes and files under a directory, counting at most `limit` files; a missing directory holds nothing. */
export async function directoryUsage(
  root: string,
  limit = STORAGE_FILES_COUNTED,
): Promise<{ bytes: number; files: number; complete: boolean }> {
  let bytes = 0;
  let files = 0;
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) {
        if (files >= limit) return { bytes, files, complete: false };
        try {
          bytes += (await stat(path)).size;
          files += 1;
        } catch {
          // removed meanwhile
        }
      }
    }
  }
  return { bytes, files, complete: true };
}

export async function operatorFigures(
  deps: Deps,
  actor: Actor | null,
  query: FiguresQuery,
): Promise<OperatorFigures> {
  requireOperator(actor);
  const period = periodOf(deps, query);
  const { start, end } = bounds(period);
  const now = deps.now();
  const { db, config } = deps;
  const orgs = await organizationsByKind(db);
  const users = await userCounts(db);
  const newUsers = await newUsersPerBucket(db, start, end, period.interval);
  const jobs = await jobCounts(db, config.jobsSchema, now);
  const failures = await lastFailedJobs(db, config.jobsSchema, FAILURES_LISTED);
  const mail = await mailCounts(db, now);
  const mailRows = await mailPerBucket(db, start, end, period.interval);
  const dbBytes = await databaseBytes(db);
  const dbVersion = await databaseVersion(db);
  const migrations = await migrationsApplied(db, config.database.schema);
  const files = config.storage.kind === 'local' ? await directoryUsage(config.storage.rootDir) : null;
  const issuers = orgs.issuer ?? 0;
  const employers = orgs.employer ?? 0;
  return {
    period,
    organizations: { total: issuers + employers, issuers, employers },
    users: { ...users, overTime: fillSeries(period, newUsers, { users: 0 }) },
    jobs: {
      ...jobs,
      lastFailures: failures.map((f) => ({ ...f, message: redactMessage(f.message) })),
    },
    mail: {
      ...mail,
      transport: config.mail.smtpUrl ? 'smtp' : 'outbox',
      bounced: null,
      overTime: fillSeries(period, mailRows, { sent: 0, failed: 0, queued: 0 }),
    },
    storage: {
      kind: config.storage.kind,
      fileBytes: files?.bytes ?? null,
      files: files?.files ?? null,
      filesComplete: files?.complete ?? false,
      databaseBytes: dbBytes,
    },
    versions: {
      app: APP_VERSION,
      node: process.version,
      database: {
        engine: config.database.kind === 'pglite' ? 'pglite' : 'postgresql',
        version: dbVersion,
      },
      migrations: { applied: migrations.length, latest: migrations.at(-1) ?? null },
    },
  };
}
