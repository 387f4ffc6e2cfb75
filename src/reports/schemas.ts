// Request and reply shapes of the dashboards' figures (issuer and platform operator), with the presenters
// that fill them. The web app's dashboards are built on exactly these shapes.

import { z } from 'zod';
import { schemaMessage } from '../errors.ts';
import { INTERVALS } from '../periods/index.ts';
import type { IssuerFigures } from './issuer-figures.ts';
import type { OperatorFigures } from './operator-figures.ts';

export const ISSUER_TABLES = [
  'awardsOverTime',
  'expiringSoon',
  'learningOverTime',
  'courses',
  'badges',
  'reviewsOverTime',
] as const;
export type IssuerTable = (typeof ISSUER_TABLES)[number];
export const OPERATOR_TABLES = ['usersOverTime', 'mailOverTime', 'jobFailures'] as const;
export type OperatorTable = (typeof OPERATOR_TABLES)[number];

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, schemaMessage('day-format', 'Use a day written YYYY-MM-DD, e.g. 2026-01-31.'))
  .describe('A calendar day, YYYY-MM-DD (UTC)');

const periodQuery = {
  from: day.optional().describe('First day (default: the first day of the month eleven months before `to`)'),
  to: day.optional().describe('Last day, included (default: today); at most five years after `from`'),
  interval: z.enum(INTERVALS).optional().describe('Buckets of the series: month (default) or ISO week'),
  format: z
    .enum(['json', 'csv'])
    .optional()
    .describe('json (the default; asked for explicitly, it comes as a download) or csv (with `table`)'),
};

export const issuerFiguresQuery = z.strictObject({
  ...periodQuery,
  table: z.enum(ISSUER_TABLES).optional().describe('With format=csv: which table to download'),
});
export const operatorFiguresQuery = z.strictObject({
  ...periodQuery,
  table: z.enum(OPERATOR_TABLES).optional().describe('With format=csv: which table to download'),
});
export const orgParams = z.object({ orgId: z.uuid() });

const count = z.number().int();
const days = z.number().nullable();
const period = z.object({ from: z.string(), to: z.string(), interval: z.enum(INTERVALS) });
const awardCounts = {
  issued: count.describe('Awards issued in the bucket (every state)'),
  offered: count.describe('Of them, waiting for the learner to accept'),
  accepted: count,
  declined: count,
  awaitingFee: count.describe('Waiting for the first-badge issuance fee'),
  sharedPublicly: count.describe('Accepted and made public by the learner'),
};

export const issuerFiguresReply = z
  .object({
    period,
    awards: z.object({
      totals: z.object(awardCounts).describe('Awards issued in the period, by the state each is in now'),
      overTime: z.array(z.object({ period: z.string(), ...awardCounts })),
      expiringSoon: z
        .object({
          days: count,
          total: count,
          first: z.array(
            z.object({
              awardId: z.uuid(),
              badgeName: z.string(),
              recipient: z.string(),
              validUntil: z.iso.datetime(),
            }),
          ),
        })
        .describe('Accepted awards still valid whose validity ends within `days` from now (the first 50)'),
    }),
    learning: z.object({
      enrolments: count,
      completions: count,
      medianDaysToComplete: days.describe(
        'Median days from enrolment to completion (completions in the period)',
      ),
      overTime: z.array(z.object({ period: z.string(), enrolments: count, completions: count })),
      perCourse: z.array(
        z.object({
          courseId: z.uuid(),
          title: z.string(),
          enrolments: count,
          completions: count,
          medianDaysToComplete: days,
        }),
      ),
    }),
    badges: z.array(
      z.object({
        badgeId: z.uuid(),
        name: z.string(),
        issued: count,
        offered: count,
        accepted: count,
        declined: count,
        awaitingFee: count,
        acceptanceRate: z
          .number()
          .nullable()
          .describe(
            'accepted ÷ (accepted + declined + offered), three decimals; null when none reached a learner',
          ),
      }),
    ),
    reviewQueue: z.object({
      pending: count.describe('Evidence waiting for an assessor now'),
      oldestAgeDays: days,
      medianAgeDays: days,
      overTime: z.array(z.object({ period: z.string(), submitted: count, reviewed: count })),
    }),
  })
  .describe('The issuer dashboard: awards, learning, badges and the review queue over a period');

export const operatorFiguresReply = z
  .object({
    period,
    organizations: z.object({ total: count, issuers: count, employers: count }),
    users: z.object({
      total: count,
      verified: count.describe('Accounts with at least one confirmed address'),
      operators: count,
      overTime: z.array(z.object({ period: z.string(), users: count })).describe('Accounts created'),
    }),
    jobs: z.object({
      queued: count,
      running: count,
      completedLastDay: count,
      failedLastDay: count,
      failedLastWeek: count,
      lastFailures: z.array(
        z.object({
          name: z.string(),
          failedAt: z.iso.datetime(),
          attempts: count,
          message: z.string().nullable().describe('The error message, links, addresses and tokens redacted'),
        }),
      ),
    }),
    mail: z.object({
      transport: z.enum(['smtp', 'outbox']),
      queued: count,
      sent: count,
      failed: count,
      sentLastDay: count,
      failedLastWeek: count,
      inOutbox: count,
      bounced: z.null().describe('Bounces are not reported back to Tessera: not tracked'),
      overTime: z.array(z.object({ period: z.string(), sent: count, failed: count, queued: count })),
    }),
    storage: z.object({
      kind: z.enum(['local', 's3']),
      fileBytes: count
        .nullable()
        .describe('Uploaded files (local storage); null for an S3 bucket: not available'),
      files: count.nullable(),
      filesComplete: z.boolean(),
      databaseBytes: count.nullable().describe('pg_database_size of the database; null: not available'),
    }),
    versions: z.object({
      app: z.string(),
      node: z.string(),
      database: z.object({ engine: z.enum(['pglite', 'postgresql']), version: z.string() }),
      migrations: z.object({ applied: count, latest: z.string().nullable() }),
    }),
  })
  .describe('The platform: organizations, users, jobs, mail, storage and versions');

export function presentIssuerFigures(f: IssuerFigures): z.infer<typeof issuerFiguresReply> {
  return {
    ...f,
    awards: {
      ...f.awards,
      expiringSoon: {
        ...f.awards.expiringSoon,
        first: f.awards.expiringSoon.first.map((e) => ({ ...e, validUntil: e.validUntil.toISOString() })),
      },
    },
  };
}

export function presentOperatorFigures(f: OperatorFigures): z.infer<typeof operatorFiguresReply> {
  return {
    ...f,
    jobs: {
      ...f.jobs,
      lastFailures: f.jobs.lastFailures.map((j) => ({ ...j, failedAt: j.failedAt.toISOString() })),
    },
  };
}
