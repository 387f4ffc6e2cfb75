// The dashboards' tables as CSV files (a header, then one row per line of the table), through the project's
// CSV writer: text that would start a spreadsheet formula is neutralised, cells are quoted as needed.
import { csvRow } from '../csv/index.ts';
import type { IssuerFigures } from './issuer-figures.ts';
import type { OperatorFigures } from './operator-figures.ts';
import type { IssuerTable, OperatorTable } from './schemas.ts';

type Cell = string | number | null;

const file = (header: string[], rows: Cell[][]): string =>
  [header, ...rows].map((row) => csvRow(row)).join('');

export function issuerCsv(f: IssuerFigures, table: IssuerTable): string {
  switch (table) {
    case 'awardsOverTime':
      return file(
        ['period', 'issued', 'offered', 'accepted', 'declined', 'awaiting_fee', 'shared_publicly'],
        f.awards.overTime.map((b) => [
          b.period,
          b.issued,
          b.offered,
          b.accepted,
          b.declined,
          b.awaitingFee,
          b.sharedPublicly,
        ]),
      );
    case 'expiringSoon':
      return file(
        ['award_id', 'badge', 'recipient', 'valid_until'],
        f.awards.expiringSoon.first.map((e) => [
          e.awardId,
          e.badgeName,
          e.recipient,
          e.validUntil.toISOString(),
        ]),
      );
    case 'learningOverTime':
      return file(
        ['period', 'enrolments', 'completions'],
        f.learning.overTime.map((b) => [b.period, b.enrolments, b.completions]),
      );
    case 'courses':
      return file(
        ['course_id', 'title', 'enrolments', 'completions', 'median_days_to_complete'],
        f.learning.perCourse.map((c) => [
          c.courseId,
          c.title,
          c.enrolments,
          c.completions,
          c.medianDaysToComplete,
        ]),
      );
    case 'badges':
      return file(
        ['badge_id', 'name', 'issued', 'offered', 'accepted', 'declined', 'awaiting_fee', 'acceptance_rate'],
        f.badges.map((b) => [
          b.badgeId,
          b.name,
          b.issued,
          b.offered,
          b.accepted,
          b.declined,
          b.awaitingFee,
          b.acceptanceRate,
        ]),
      );
    case 'reviewsOverTime':
      return file(
        ['period', 'submitted', 'reviewed'],
        f.reviewQueue.overTime.map((b) => [b.period, b.submitted, b.reviewed]),
      );
  }
}

export function operatorCsv(f: OperatorFigures, table: OperatorTable): string {
  switch (table) {
    case 'usersOverTime':
      return file(
        ['period', 'new_users'],
        f.users.overTime.map((b) => [b.period, b.users]),
      );
    case 'mailOverTime':
      return file(
        ['period', 'sent', 'failed', 'queued'],
        f.mail.overTime.map((b) => [b.period, b.sent, b.failed, b.queued]),
      );
    case 'jobFailures':
      return file(
        ['job', 'failed_at', 'attempts', 'message'],
        f.jobs.lastFailures.map((j) => [j.name, j.failedAt.toISOString(), j.attempts, j.message]),
      );
  }
}

/** A file name safe in a Content-Disposition header. */
export const downloadName = (...parts: string[]): string =>
  parts
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 120);
