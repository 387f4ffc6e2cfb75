// The employer's figures over a period: people and who shares, badges earned (per person and over time),
// skills gained and the most widespread ones, sponsored learning, and renewals. Everything counts only what
// each active person shares now (analytics-sharing.ts) and, for learning, only the seats the employer paid
// for. Owners, admins and managers of an employer organization (the workforce access check).
import type { Deps } from '../deps.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/index.ts';
import { conceptsByRef } from '../skills/index.ts';
import {
  bounds,
  bucketLabel,
  daysBetween,
  EXPIRING_LISTED,
  EXPIRING_SOON_DAYS,
  fillBuckets,
  type Interval,
  median,
  type Period,
  parseDay,
  rate,
  resolvePeriod,
  round1,
  TOP_PEOPLE,
  TOP_SKILLS,
} from './analytics-model.ts';
import { type Scope, type SharedImport, sharedImportsOf } from './analytics-sharing.ts';
import {
  type ConceptFirstSeen,
  type ImportCount,
  type PersonCount,
  peopleRanking,
  seatEnrolments,
  sharedFigures,
} from './analytics-store.ts';
import { requireWorkforce } from './role-service.ts';
import { findTeam } from './team-store.ts';

export interface AnalyticsQuery {
  from?: string;
  to?: string;
  teamId?: string;
  interval?: Interval;
}

export interface EmployerAnalytics {
  period: Period;
  team: { id: string; name: string } | null;
  people: number;
  sharingPeople: number;
  badges: {
    total: number;
    /** The TOP_PEOPLE people with most badges (the whole ranking: badgesPerPerson). */
    perEmployee: PersonCount[];
    /** How many people have each number of badges (zeros included), fewest first. */
    distribution: Array<{ badges: number; people: number }>;
    overTime: Array<{ period: string; count: number }>;
  };
  skills: {
    overTime: Array<{ period: string; gained: number }>;
    top: Array<{ framework: 'onet' | 'esco'; code: string; label: string; people: number }>;
  };
  learning: {
    started: number;
    completed: number;
    completionRate: number | null;
    medianDaysToComplete: number | null;
    perCourse: Array<{ courseId: string; title: string; started: number; completed: number }>;
  };
  renewals: {
    /** The soonest EXPIRING_LISTED (or all, when asked: the CSV download). */
    expiringSoon: Array<{ employeeId: string; name: string; badgeName: string; validUntil: Date }>;
    /** How many shared badges expire soon in all. */
    expiringSoonTotal: number;
    expired: number;
  };
}

/** The access check, then the scope: the whole organization or one of its teams (another's → 404). */
export async function analyticsScope(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  teamId: string | undefined,
): Promise<{ scope: Scope; team: { id: string; name: string } | null }> {
  await requireWorkforce(deps, actor, orgId);
  if (teamId === undefined) return { scope: { orgId, teamId: null }, team: null };
  const team = await findTeam(deps.db, orgId, teamId);
  if (!team) throw new NotFoundError('team');
  return { scope: { orgId, teamId }, team: { id: team.id, name: team.name } };
}

const inside = (date: Date | null, start: Date, end: Date): date is Date =>
  date !== null && date.getTime() >= start.getTime() && date.getTime() < end.getTime();

const bucketOfDay = (day: string, interval: Interval) => bucketLabel(parseDay(day)!, interval);

/** The period asked for, after the access check and the scope (a bad period: 400 naming the parameter). */
async function periodAndScope(deps: Deps, actor: Actor | null, orgId: string, query: AnalyticsQuery) {
  const { period, problems } = resolvePeriod(query, deps.now());
  const { scope, team } = await analyticsScope(deps, actor, orgId, query.teamId);
  if (problems.length > 0)
    throw new InvalidError(
      'The period is not valid.',
      problems.map((p) => ({ ...p, path: `querystring.${p.path}` })),
    );
  return { period, scope, team, ...bounds(period) };
}

/** Per person, the shared imports issued in [start, end) (imports are few; their dates parsed here). */
const importCounts = (imports: SharedImport[], start: Date, end: Date): ImportCount[] => {
  const counts = new Map<string, number>();
  for (const i of imports)
    counts.set(i.employeeId, (counts.get(i.employeeId) ?? 0) + (inside(i.issuedAt, start, end) ? 1 : 0));
  return [...counts].map(([employeeId, inPeriod]) => ({ employeeId, inPeriod }));
};

/**
 * The people in scope ranked by the shared badges issued in the period (most first, zeros included), one
 * page at a time (`limit` null: everybody, for the CSV download), with how many people there are.
 */
export async function badgesPerPerson(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  query: AnalyticsQuery,
  page: { limit: number | null; offset: number },
): Promise<{
  period: Period;
  team: { id: string; name: string } | null;
  total: number;
  people: PersonCount[];
}> {
  const { period, scope, team, start, end } = await periodAndScope(deps, actor, orgId, query);
  const imports = await sharedImportsOf(deps.db, scope);
  const ranking = await peopleRanking(
    deps.db,
    scope,
    { start, end, imports: importCounts(imports, start, end) },
    page,
  );
  return { period, team, ...ranking };
}

/** `expiringListed`: how many of the badges expiring soon to list (null: all of them, for the CSV download). */
export async function employerAnalytics(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  query: AnalyticsQuery,
  expiringListed: number | null = EXPIRING_LISTED,
): Promise<EmployerAnalytics> {
  const now = deps.now();
  const { period, scope, team, start, end } = await periodAndScope(deps, actor, orgId, query);
  const soon = new Date(now.getTime() + EXPIRING_SOON_DAYS * 86_400_000);
  const db = deps.db;
  // Two statements at once: what is shared (after the imports, few, whose dates JavaScript reads) and the
  // sponsored learning.
  const [{ imports, figures }, enrolments] = await Promise.all([
    sharedImportsOf(db, scope).then(async (imports) => ({
      imports,
      figures: await sharedFigures(db, scope, {
        start,
        end,
        now,
        soon,
        interval: period.interval,
        imports: importCounts(imports, start, end),
        top: TOP_PEOPLE,
        expiringLimit: expiringListed,
      }),
    })),
    seatEnrolments(db, scope, start, end),
  ]);

  // Badges over time: awards bucketed by the database, imported badges added here.
  const perBucket = new Map<string, number>();
  for (const b of figures.buckets) {
    const label = bucketOfDay(b.bucket, period.interval);
    perBucket.set(label, (perBucket.get(label) ?? 0) + b.count);
  }
  const expiringImports: EmployerAnalytics['renewals']['expiringSoon'] = [];
  const names = await namesOf(deps, imports);
  let expiredImports = 0;
  for (const i of imports) {
    if (inside(i.issuedAt, start, end)) {
      const label = bucketLabel(i.issuedAt, period.interval);
      perBucket.set(label, (perBucket.get(label) ?? 0) + 1);
    }
    if (i.validUntil && i.validUntil.getTime() <= now.getTime()) expiredImports += 1;
    if (i.validUntil && i.validUntil.getTime() > now.getTime() && i.validUntil.getTime() <= soon.getTime())
      expiringImports.push({
        employeeId: i.employeeId,
        name: names.get(i.employeeId) ?? '',
        badgeName: i.name,
        validUntil: i.validUntil,
      });
  }

  return {
    period,
    team,
    people: figures.people,
    sharingPeople: figures.sharingPeople,
    badges: {
      total: figures.total,
      perEmployee: figures.top,
      distribution: figures.distribution,
      overTime: fillBuckets(period, perBucket).map(([label, count]) => ({ period: label, count })),
    },
    skills: await skillFigures(deps, period, figures.concepts),
    learning: learningFigures(enrolments, start, end),
    renewals: {
      expiringSoon: [...figures.expiring, ...expiringImports]
        .sort((a, b) => a.validUntil.getTime() - b.validUntil.getTime() || a.name.localeCompare(b.name))
        .slice(0, expiringListed ?? undefined),
      expiringSoonTotal: figures.expiringTotal + expiringImports.length,
      expired: figures.expired + expiredImports,
    },
  };
}

/** The names of the people sharing these imports (none: no query). */
async function namesOf(deps: Deps, imports: SharedImport[]): Promise<Map<string, string>> {
  const ids = [...new Set(imports.map((i) => i.employeeId))];
  if (ids.length === 0) return new Map();
  const rows = await deps.db
    .selectFrom('workforceEmployees as e')
    .leftJoin('users as u', 'u.id', 'e.userId')
    .select(['e.id', 'e.invitedEmail', 'u.name'])
    .where('e.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name ?? r.invitedEmail]));
}

async function skillFigures(
  deps: Deps,
  period: Period,
  concepts: ConceptFirstSeen[],
): Promise<EmployerAnalytics['skills']> {
  const gained = new Map<string, number>();
  const holders = new Map<
    string,
    { framework: 'onet' | 'esco'; code: string; name: string; people: number }
  >();
  for (const c of concepts) {
    if (c.bucket !== null) {
      const label = bucketOfDay(c.bucket, period.interval);
      gained.set(label, (gained.get(label) ?? 0) + c.people);
    }
    const key = `${c.framework}\u0000${c.code}`;
    const known = holders.get(key);
    holders.set(key, {
      framework: c.framework,
      code: c.code,
      name: c.name,
      people: (known?.people ?? 0) + c.people,
    });
  }
  const top = [...holders.values()]
    .sort((a, b) => b.people - a.people || a.code.localeCompare(b.code))
    .slice(0, TOP_SKILLS);
  const labels = await conceptsByRef(
    deps.db,
    top.map(({ framework, code }) => ({ framework, code })),
  );
  return {
    overTime: fillBuckets(period, gained).map(([label, count]) => ({ period: label, gained: count })),
    top: top.map((t) => ({
      framework: t.framework,
      code: t.code,
      label: labels.get(`${t.framework}\u0000${t.code}`)?.label ?? (t.name || t.code),
      people: t.people,
    })),
  };
}

/**
 * Sponsored learning in the period: started = first opened in it, completed = completed in it; the rate is
 * the share of those started in the period that were completed by its end; the median counts the days from
 * enrolment to completion of those completed in it.
 */
export function learningFigures(
  enrolments: Awaited<ReturnType<typeof seatEnrolments>>,
  start: Date,
  end: Date,
): EmployerAnalytics['learning'] {
  const perCourse = new Map<
    string,
    { courseId: string; title: string; started: number; completed: number }
  >();
  let started = 0;
  let startedAndDone = 0;
  const days: number[] = [];
  for (const e of enrolments) {
    const course = perCourse.get(e.courseId) ?? {
      courseId: e.courseId,
      title: e.title,
      started: 0,
      completed: 0,
    };
    if (inside(e.firstOpenedAt, start, end)) {
      started += 1;
      course.started += 1;
      if (e.completedAt && e.completedAt.getTime() < end.getTime()) startedAndDone += 1;
    }
    if (inside(e.completedAt, start, end)) {
      course.completed += 1;
      days.push(daysBetween(e.enrolledAt, e.completedAt));
    }
    perCourse.set(e.courseId, course);
  }
  const middle = median(days);
  return {
    started,
    completed: days.length,
    completionRate: rate(startedAndDone, started),
    medianDaysToComplete: middle === null ? null : round1(middle),
    perCourse: [...perCourse.values()].sort(
      (a, b) => b.started - a.started || b.completed - a.completed || a.title.localeCompare(b.title),
    ),
  };
}
