// The issuer's dashboard figures over a period: awards by state (over time and in total), accepted badges
// expiring soon, enrolments, completions and the median days to complete per course, the acceptance rate
// per badge, and the assessors' review queue. Owners, admins and staff (who may read the awards), scope read.
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import { type Actor, requireScope } from '../identity/index.ts';
import { requireMembership } from '../orgs/index.ts';
import {
  bounds,
  DAY_MS,
  EXPIRING_SOON_DAYS,
  fillSeries,
  type Interval,
  type Period,
  rate,
  resolvePeriod,
  round1,
} from '../periods/index.ts';
import {
  type AwardBucket,
  acceptancePerBadge,
  awardsPerBucket,
  type CourseFigures,
  type ExpiringAward,
  expiringAwards,
  type LearningBucket,
  learningPerBucket,
  perCourse,
  type ReviewBucket,
  reviewQueueNow,
  reviewsPerBucket,
} from './issuer-store.ts';

/** Who may read the figures: the roles that may read the award list. */
export const FIGURE_READERS = ['owner', 'admin', 'staff'] as const;
/** The expiring awards listed by name (the count covers them all). */
export const EXPIRING_LISTED = 50;

export interface FiguresQuery {
  from?: string;
  to?: string;
  interval?: Interval;
}

type AwardCounts = Omit<AwardBucket, 'period'>;

export interface IssuerFigures {
  period: Period;
  awards: {
    totals: AwardCounts;
    overTime: AwardBucket[];
    expiringSoon: { days: number; total: number; first: ExpiringAward[] };
  };
  learning: {
    enrolments: number;
    completions: number;
    medianDaysToComplete: number | null;
    overTime: LearningBucket[];
    perCourse: CourseFigures[];
  };
  badges: Array<{
    badgeId: string;
    name: string;
    issued: number;
    offered: number;
    accepted: number;
    declined: number;
    awaitingFee: number;
    /** accepted ÷ (accepted + declined + offered): of the awards that reached the learner; null for none. */
    acceptanceRate: number | null;
  }>;
  reviewQueue: {
    pending: number;
    oldestAgeDays: number | null;
    medianAgeDays: number | null;
    overTime: ReviewBucket[];
  };
}

const ZERO_AWARDS: AwardCounts = {
  issued: 0,
  offered: 0,
  accepted: 0,
  declined: 0,
  awaitingFee: 0,
  sharedPublicly: 0,
};

/** The sum of each count over the buckets. */
function totalOf<K extends string>(
  rows: ReadonlyArray<Record<K, number>>,
  zero: Record<K, number>,
): Record<K, number> {
  const total = { ...zero };
  for (const row of rows) for (const key of Object.keys(zero) as K[]) total[key] += row[key];
  return total;
}

export function periodOf(deps: Deps, query: FiguresQuery): Period {
  const { period, problems } = resolvePeriod(query, deps.now());
  if (problems.length > 0)
    throw new InvalidError(
      'The period is not valid.',
      problems.map((p) => ({ ...p, path: `querystring.${p.path}` })),
    );
  return period;
}

export async function issuerFigures(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  query: FiguresQuery,
): Promise<IssuerFigures> {
  requireScope(actor, 'read');
  requireMembership(actor, orgId, FIGURE_READERS);
  const period = periodOf(deps, query);
  const { start, end } = bounds(period);
  const now = deps.now();
  const soon = new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY_MS);
  const db = deps.db;
  // One after another: PGlite serves one query at a time anyway, and a pool stays free for other requests.
  const awardRows = await awardsPerBucket(db, orgId, start, end, period.interval);
  const expiring = await expiringAwards(db, orgId, now, soon, EXPIRING_LISTED);
  const badgeRows = await acceptancePerBadge(db, orgId, start, end);
  const courses = await perCourse(db, orgId, start, end);
  const learningRows = await learningPerBucket(db, orgId, start, end, period.interval);
  const queue = await reviewQueueNow(db, orgId, now);
  const reviewRows = await reviewsPerBucket(db, orgId, start, end, period.interval);

  const awardsOverTime = fillSeries(period, awardRows, ZERO_AWARDS);
  const learningOverTime = fillSeries(period, learningRows, { enrolments: 0, completions: 0 });
  const learningTotals = totalOf<'enrolments' | 'completions'>(learningOverTime, {
    enrolments: 0,
    completions: 0,
  });
  return {
    period,
    awards: {
      totals: totalOf<keyof AwardCounts>(awardsOverTime, ZERO_AWARDS),
      overTime: awardsOverTime,
      expiringSoon: { days: EXPIRING_SOON_DAYS, ...expiring },
    },
    learning: {
      enrolments: learningTotals.enrolments,
      completions: learningTotals.completions,
      medianDaysToComplete:
        courses.medianDaysToComplete === null ? null : round1(courses.medianDaysToComplete),
      overTime: learningOverTime,
      perCourse: courses.courses.map((c) => ({
        ...c,
        medianDaysToComplete: c.medianDaysToComplete === null ? null : round1(c.medianDaysToComplete),
      })),
    },
    badges: badgeRows.map((b) => ({
      ...b,
      acceptanceRate: rate(b.accepted, b.accepted + b.declined + b.offered),
    })),
    reviewQueue: {
      pending: queue.pending,
      oldestAgeDays:
        queue.oldestSubmittedAt === null
          ? null
          : round1((now.getTime() - queue.oldestSubmittedAt.getTime()) / DAY_MS),
      medianAgeDays: queue.medianAgeDays === null ? null : round1(queue.medianAgeDays),
      overTime: fillSeries(period, reviewRows, { submitted: 0, reviewed: 0 }),
    },
  };
}
