// Employer analytics at size (issue #17 item 3): an employer of 5,000 active people sharing 50,000 awards whose
// badges align framework skills, 30 role profiles, 100 teams of 50 and 1,000 sponsored seats. Times the team
// heat map, the organization-wide heat map, the figures of a year (organization and team) and a page of the
// people ranking over HTTP (app.inject: routing, validation, access check, SQL, serialization; no socket),
// counts the SQL statements per request (constant: set-based, never one per person) and reports the heap and
// RSS before and after the runs.
// Seeds with set-based SQL (INSERT … SELECT generate_series), not 50,000 API calls. Prints figures only.
// Run: npx tsx bench/employer.ts [--runs 200] [--warmup 20]
//   on PostgreSQL: DATABASE_URL (an admin connection; default postgres://postgres@127.0.0.1:5432/postgres) is
//   used to create a fresh database, dropped at the end. NODE_OPTIONS=--expose-gc makes the memory figures exact.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type KyselyPlugin, sql } from 'kysely';
import pg from 'pg';
import { rebuildSkillRollup } from '../src/badges/index.ts';
import { aPublishedBadge, aPublishedCourse } from '../src/badges/testing.ts';
import { aRecordedOrder } from '../src/commerce/receipt-testing.ts';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';
import { SAMPLE } from '../src/insights/testing.ts';
import { anIssuerWithOwner } from '../src/issuing/testing.ts';
import { openRuntime } from '../src/runtime.ts';
import { importOnet } from '../src/skills/index.ts';
import { anEmployerWithManager } from '../src/workforce/testing.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    /** Keep the database (its name is printed) to look at query plans afterwards. */
    keep: { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const PEOPLE = 5_000;
const AWARDS_EACH = 10;
const BADGES = 40;
const ROLES = 30;
const TEAMS = 100;

// --- a fresh PostgreSQL database of its own
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `tessera_employer_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${databaseName}`);
const url = new URL(adminUrl);
url.pathname = `/${databaseName}`;
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-employer-bench-'));
const runtime = await openRuntime(
  loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PUBLIC_URL: 'https://tessera.example.org',
    DATA_DIR: dataDir,
    DATABASE_URL: url.toString(),
    KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SEED_DEMO_DATA: 'false',
    WORKERS: 'off',
    MAIL_OUTBOX_ONLY: 'true',
  }),
);

// --- every SQL statement is counted
let statements = 0;
const counter: KyselyPlugin = {
  transformQuery({ node }) {
    statements += 1;
    return node;
  },
  transformResult: async ({ result }) => result,
};
const deps = { ...runtime.deps, db: runtime.deps.db.withPlugin(counter) };
const db = runtime.deps.db;
const app = await buildApp(deps, { logger: false });
await app.ready();

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

try {
  // --- the cast, through the API: an issuer with 40 badges aligned to O*NET skills, an employer
  let t0 = performance.now();
  await importOnet(db, join(SAMPLE, 'onet'));
  const concepts = (
    await db
      .selectFrom('skillConcepts')
      .select(['code', 'label'])
      .where('framework', '=', 'onet')
      .orderBy('code')
      .limit(60)
      .execute()
  ).map((c, i) => ({ ...c, i }));
  const issuer = await anIssuerWithOwner(app, deps, 'Bench Academy');
  const courseId = await aPublishedCourse(app, issuer.orgId, issuer.owner);
  for (let b = 0; b < BADGES; b++) {
    const skills = [0, 1, 2].map((k) => {
      const c = concepts[(b * 3 + k * 11) % concepts.length] ?? concepts[0]!;
      return { name: c.label, concept: { framework: 'onet', code: c.code }, level: 1 + ((b + k) % 6) };
    });
    await aPublishedBadge(app, issuer, {
      courseIds: [courseId],
      name: `Bench badge ${b}`,
      extra: { skills },
    });
  }
  const employer = await anEmployerWithManager(app, deps);
  const org = employer.orgId;
  // One award through the API gives the issuer a status list the seeded credentials take slots of.
  const firstBadge = await db
    .selectFrom('badges')
    .select('id')
    .where('orgId', '=', issuer.orgId)
    .executeTakeFirstOrThrow();
  await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/badges/${firstBadge.id}/awards`,
    headers: issuer.owner.headers,
    payload: { email: 'status-list@example.org' },
  });
  const list = await db.selectFrom('issuedCredentials').select('statusListId').executeTakeFirstOrThrow();
  console.log(`cast through the API: ${seconds(performance.now() - t0)}`);

  // --- the people and their badges, set-based
  t0 = performance.now();
  await sql`insert into users (name, password_hash)
    select 'Bench person ' || lpad(g::text, 5, '0'), '!' from generate_series(1, ${PEOPLE}) g`.execute(db);
  await sql`insert into workforce_employees (org_id, user_id, invited_email, status, invited_at, accepted_at)
    select ${org}, u.id, 'bench' || row_number() over (order by u.name) || '@example.org', 'active', now(), now()
    from users u where u.name like 'Bench person %'`.execute(db);
  // Nine in ten share everything; one in ten chose half of their badges (below).
  await sql`insert into workforce_consents (org_id, user_id, share, include_imports, updated_at)
    select org_id, user_id, case when row_number() over (order by id) % 10 = 0 then 'chosen' else 'all' end,
           false, now()
    from workforce_employees where org_id = ${org}`.execute(db);
  // Ten distinct badges each ((3i + 7k) mod 40 differs for k < 10), issued over the last two years; one in
  // seven valid for 400 days (some expire soon, some expired).
  await sql`
    with b as (select id, latest_version_id, row_number() over (order by id) - 1 as n
               from badges where org_id = ${issuer.orgId} and state = 'published'),
         e as (select user_id, invited_email, row_number() over (order by id) - 1 as i
               from workforce_employees where org_id = ${org})
    insert into awards (org_id, badge_id, badge_version_id, recipient_email, user_id, cycle, source, state,
                        awarded_date, issued_at, valid_until, decided_at)
    select ${issuer.orgId}, b.id, b.latest_version_id, e.invited_email, e.user_id, 1, 'manual', 'accepted',
           t.at, t.at, case when (e.i + k) % 7 = 0 then t.at + interval '400 days' end, t.at
    from e cross join generate_series(0, ${AWARDS_EACH - 1}) k
    join b on b.n = (e.i * 3 + k * 7) % ${BADGES}
    cross join lateral (select now() - ((e.i * 37 + k * 101) % 730) * interval '1 day' as at) t`.execute(db);
  // Each award's credential (the joins read its state), in the status list's slots.
  await sql`
    insert into issued_credentials (id, org_id, credential, achievement_id, achievement_name, recipient_label,
                                    recipient_email, status_list_id, status_index, state, issued_at, valid_until)
    select a.id, a.org_id, '{}'::jsonb, 'urn:bench', 'Bench', a.recipient_email, a.recipient_email,
           ${list.statusListId}, 1000 + row_number() over (order by a.id),
           case when row_number() over (order by a.id) % 200 = 0 then 'revoked' else 'active' end,
           a.issued_at, a.valid_until
    from awards a where a.org_id = ${issuer.orgId} and a.credential_id is null and a.user_id is not null`.execute(
    db,
  );
  await sql`update awards set credential_id = id
    where org_id = ${issuer.orgId} and credential_id is null and user_id is not null`.execute(db);
  await sql`insert into workforce_shared_awards (org_id, user_id, award_id)
    select c.org_id, a.user_id, a.id from workforce_consents c join awards a on a.user_id = c.user_id
    where c.org_id = ${org} and c.share = 'chosen' and abs(hashtext(a.id::text)) % 2 = 0`.execute(db);

  // --- teams of 50, 30 role profiles of 15 skills, one or two roles each
  await sql`insert into workforce_teams (org_id, name)
    select ${org}, 'Team ' || lpad(g::text, 3, '0') from generate_series(1, ${TEAMS}) g`.execute(db);
  await sql`
    with t as (select id, row_number() over (order by name) - 1 as n from workforce_teams where org_id = ${org}),
         e as (select id, row_number() over (order by id) - 1 as i from workforce_employees where org_id = ${org})
    insert into workforce_team_members (team_id, employee_id)
    select t.id, e.id from e join t on t.n = e.i % ${TEAMS}`.execute(db);
  for (let r = 0; r < ROLES; r++) {
    const skills = Array.from({ length: 15 }, (_, k) => {
      const c = concepts[(r * 5 + k * 3) % concepts.length] ?? concepts[0]!;
      return {
        framework: 'onet',
        code: c.code,
        label: c.label,
        level: 2 + ((r + k) % 5),
        importance: 1 + ((r * k) % 5),
      };
    });
    const unique = [...new Map(skills.map((s) => [s.code, s])).values()];
    await db
      .insertInto('workforceRoleProfiles')
      .values({
        orgId: org,
        name: `Role ${r}`,
        description: '',
        source: null,
        skills: JSON.stringify(unique),
      })
      .execute();
  }
  await sql`
    with r as (select id, row_number() over (order by name) - 1 as n from workforce_role_profiles where org_id = ${org}),
         e as (select id, row_number() over (order by id) - 1 as i from workforce_employees where org_id = ${org})
    insert into workforce_role_assignments (employee_id, role_id)
    select e.id, r.id from e join r on r.n = e.i % ${ROLES}
    union
    select e.id, r.id from e join r on r.n = (e.i * 7 + 3) % ${ROLES} where e.i % 3 = 0`.execute(db);

  // --- 1,000 sponsored seats (one paid order), each claimed into an enrolment; most opened, half completed
  const order = await aRecordedOrder(deps, {
    orgId: issuer.orgId,
    userId: employer.manager.userId,
    buyerEmail: employer.manager.email,
    lines: [{ description: 'Seats', listMinor: 1000, courseId }],
    paid: { provider: 'manual', at: new Date() },
  });
  await sql`
    with e as (select id, user_id, row_number() over (order by id) - 1 as i from workforce_employees
               where org_id = ${org}),
         c as (select id, org_id, latest_revision_id from courses where id = ${courseId}),
         en as (
           insert into enrolments (user_id, course_id, org_id, revision_id, attempt, enrolled_at, access_until,
                                   first_opened_at)
           select e.user_id, c.id, c.org_id, c.latest_revision_id, 1, now() - (e.i % 300) * interval '1 day',
                  now() + interval '1 year',
                  case when e.i % 10 <> 0 then now() - (e.i % 300) * interval '1 day' + interval '1 day' end
           from e cross join c where e.i % 5 = 0
           returning id, user_id, course_id, org_id, revision_id, enrolled_at, first_opened_at),
         done as (
           insert into completions (enrolment_id, user_id, course_id, revision_id, org_id, activity_code, score,
                                    completed_at)
           select id, user_id, course_id, revision_id, org_id, 'BENCH-' || id, '{}'::jsonb,
                  first_opened_at + (abs(hashtext(id::text)) % 40) * interval '1 day'
           from en where first_opened_at is not null and abs(hashtext(id::text)) % 2 = 0
           returning enrolment_id),
         seats as (
           insert into workforce_seats (org_id, employee_id, seller_org_id, order_id, kind, course_id, status, claimed_at)
           select ${org}, e.id, ${issuer.orgId}, ${order.orderId}, 'course', ${courseId}, 'claimed', en.enrolled_at
           from en join e on e.user_id = en.user_id
           returning id, employee_id)
    insert into workforce_seat_courses (seat_id, course_id, enrolment_id)
    select s.id, ${courseId}, en.id from seats s join e on e.id = s.employee_id join en on en.user_id = e.user_id`.execute(
    db,
  );
  // The awards above were written around the award engine: build their skills rollup (migration 0036) as
  // the engine keeps it when awards are accepted, renewed or revoked.
  await rebuildSkillRollup(db);
  await sql`analyze`.execute(db);
  const counts = await sql<{ people: string; awards: string; seats: string }>`
    select (select count(*) from workforce_employees where org_id = ${org}) as people,
           (select count(*) from awards where org_id = ${issuer.orgId}) as awards,
           (select count(*) from workforce_seats where org_id = ${org}) as seats`.execute(db);
  const c = counts.rows[0];
  console.log(
    `seeded ${c?.people} people, ${c?.awards} awards, ${ROLES} roles, ${TEAMS} teams, ${c?.seats} seats in ${seconds(performance.now() - t0)}`,
  );

  // --- the runs
  const teams = (await db.selectFrom('workforceTeams').select('id').where('orgId', '=', org).execute()).map(
    (t) => t.id,
  );
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const base = `/api/v1/orgs/${org}`;
  const quantiles = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
  };
  const memory = () => {
    globalThis.gc?.();
    const m = process.memoryUsage();
    return { heap: m.heapUsed, rss: m.rss };
  };
  const rows: string[] = [];
  async function measure(what: string, urlOf: (i: number) => string, runs = RUNS) {
    let bytes = 0;
    for (let i = 0; i < WARMUP; i++)
      await app.inject({ method: 'GET', url: urlOf(i), headers: employer.manager.headers });
    const times: number[] = [];
    const sqlPer = new Set<number>();
    for (let i = 0; i < runs; i++) {
      const before = statements;
      const t = performance.now();
      const response = await app.inject({ method: 'GET', url: urlOf(i), headers: employer.manager.headers });
      times.push(performance.now() - t);
      if (response.statusCode !== 200)
        throw new Error(`${what}: HTTP ${response.statusCode} ${response.body.slice(0, 300)}`);
      bytes = response.body.length;
      sqlPer.add(statements - before);
    }
    const q = quantiles(times);
    rows.push(
      `${what.padEnd(44)} n=${String(runs).padStart(4)}  p50 ${q.p50.toFixed(1).padStart(6)} ms  p99 ${q.p99.toFixed(1).padStart(6)} ms  max ${q.max.toFixed(1).padStart(6)} ms  SQL/request ${[...sqlPer].join('/')}  reply ${(bytes / 1024).toFixed(0)} KB`,
    );
  }
  const before = memory();
  await measure('heat map, one team of 50', (i) => `${base}/analytics/gap?teamId=${teams[i % teams.length]}`);
  const warm = memory();
  await measure(
    'figures, organization (5,000), one year',
    () => `${base}/analytics?from=${yearAgo}&to=${today}`,
  );
  await measure(
    'figures, one team of 50, one year',
    (i) => `${base}/analytics?from=${yearAgo}&to=${today}&teamId=${teams[i % teams.length]}`,
  );
  await measure(
    'people ranking, organization, page of 100',
    (i) => `${base}/analytics/people?from=${yearAgo}&to=${today}&limit=100&offset=${(i % 50) * 100}`,
  );
  await measure(
    'figures, organization, weekly, one year',
    () => `${base}/analytics?from=${yearAgo}&to=${today}&interval=week`,
    Math.ceil(RUNS / 4),
  );
  // The whole organization's map is 5,000 rows × every skill its roles name: a download, not a page.
  await measure('heat map, organization (5,000 people)', () => `${base}/analytics/gap`, Math.ceil(RUNS / 20));
  const after = memory();
  for (const row of rows) console.log(row);
  console.log(
    `memory${globalThis.gc ? '' : ' (no --expose-gc: approximate)'}: heap ${mb(before.heap)} → ${mb(warm.heap)} (after the first ${RUNS + WARMUP} requests) → ${mb(after.heap)}, ` +
      `RSS ${mb(before.rss)} → ${mb(warm.rss)} → ${mb(after.rss)} after ${4 * RUNS + Math.ceil(RUNS / 4) + Math.ceil(RUNS / 20)} timed requests`,
  );
} finally {
  await app.close();
  await runtime.close();
  // A pool connection still idle somewhere is ended by the forced drop; that is expected here, not a failure.
  process.on('uncaughtException', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error;
  });
  if (args.keep) console.log(`kept database ${databaseName}`);
  else await admin.query(`drop database ${databaseName} with (force)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
