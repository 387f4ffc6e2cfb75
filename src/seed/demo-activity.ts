// A year of activity at Northwind Academy, so the dashboards (/issue, /operate) show figures on a fresh install:
// demo learners enrol, learn, hand in essays the assessor reviews (the newest still wait), earn badges, and
// accept, decline, leave open or share them; alumni hold badges that expire within 90 days; the newest learners'
// first badges wait for the issuance fee. Everything goes through the services with the clock set to the day it
// happened (Deps.now); only the accounts' creation dates, which the database stamps itself, are moved afterwards
// in one set-based update.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import {
  awardBadge,
  DEFAULT_VALIDITY_DAYS,
  latestPublishedVersion,
  processLearningEvents,
  recordAcceptance,
  recordDecline,
} from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import type { Actor } from '../identity/actor.ts';
import { createUser } from '../identity/index.ts';
import { answerQuestion, enrol, openUnit, reviewSubmission, submitEvidence } from '../learning/index.ts';
import { changeSharing } from '../showcase/index.ts';

const DAY_MS = 86_400_000;
/** Learners whose year of activity the dashboards show; a few dozen, spread over the last twelve months. */
export const DEMO_LEARNER_COUNT = 30;

export interface DemoActivityContext {
  issuerOrgId: string;
  /** The free demo courses: payroll (lesson and assessment), structured interviewing (lesson and essay). */
  courseIds: string[];
  assessorUserId: string;
}

interface DemoLearner {
  actor: Actor;
  email: string;
  name: string;
  joined: Date;
}

const FIRST = ['Amara', 'Bruno', 'Chen', 'Dalia', 'Emeka', 'Freya', 'Goran', 'Hana', 'Ivo', 'Jonas', 'Keiko'];
const LAST = ['Okafor', 'Silva', 'Wei', 'Haddad', 'Nwosu', 'Larsen', 'Petrovic', 'Sato', 'Novak', 'Berg'];

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
const daysAfter = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
/** The services as they ran on that day. */
const on = (deps: Deps, date: Date): Deps => ({ ...deps, now: () => date });

function learnerActor(userId: string, name: string): Actor {
  return {
    user: { id: userId, name, isOperator: false },
    via: 'session',
    memberships: [],
    activeOrgId: null,
    scopes: 'all',
  };
}

async function aDemoLearner(deps: Deps, index: number, joined: Date): Promise<DemoLearner> {
  const name = `${FIRST[index % FIRST.length]} ${LAST[(index * 3) % LAST.length]}`;
  const email = `learner${String(index + 1).padStart(2, '0')}@northwind.example`;
  // Nobody logs in as these learners: their passwords are random and never shown.
  const created = await createUser(on(deps, joined), {
    email,
    name,
    password: randomBytes(12).toString('base64url'),
    verified: true,
  });
  return { actor: learnerActor(created.user.id, name), email, name, joined };
}

/** Reads the payroll lesson and answers its check correctly on `day`: the course completes. */
async function completePayroll(deps: Deps, learner: DemoLearner, courseId: string, day: Date) {
  const { enrolment } = await enrol(on(deps, learner.joined), learner.actor, courseId);
  await openUnit(on(deps, learner.joined), learner.actor, enrolment.id, 'gross-to-net');
  await answerQuestion(on(deps, day), learner.actor, enrolment.id, {
    unitId: 'check',
    questionId: 'first-step',
    answer: { optionIds: ['gross'] },
  });
  await answerQuestion(on(deps, day), learner.actor, enrolment.id, {
    unitId: 'check',
    questionId: 'pay-periods',
    answer: { number: 26 },
  });
}

const ESSAY_PARAGRAPH =
  'In the interview I ran for a payroll assistant, every candidate answered the same five questions in the same ' +
  'order, and two of us scored each answer on a four-point scale we had written down before the first interview. ' +
  'We compared our scores only after each interview, which kept us from nudging each other. Next time I would ' +
  'add a work sample, because one candidate described a reconciliation well but could not show it. ';

/** Reads the interviewing lesson and hands in the essay on `day`; returns the submission. */
async function handInEssay(deps: Deps, learner: DemoLearner, courseId: string, day: Date) {
  const { enrolment } = await enrol(on(deps, learner.joined), learner.actor, courseId);
  await openUnit(on(deps, learner.joined), learner.actor, enrolment.id, 'structure');
  // About 350 words: the task asks for 300–500.
  return submitEvidence(on(deps, day), learner.actor, enrolment.id, {
    unitId: 'reflection',
    response: { text: ESSAY_PARAGRAPH.repeat(6).trim() },
  });
}

/**
 * What a learner did with the badges offered to them, two days later: most accept (every third shares it
 * publicly), some decline, some never answer.
 */
async function decideOffers(deps: Deps, learner: DemoLearner, index: number, day: Date) {
  const offered = await deps.db
    .selectFrom('awards')
    .select('id')
    .where('recipientEmail', '=', learner.email)
    .where('state', '=', 'offered')
    .orderBy('issuedAt')
    .execute();
  const when = on(deps, day);
  for (const [n, award] of offered.entries()) {
    const choice = (index + n) % 7;
    if (choice === 3) {
      await deps.db.transaction().execute((trx) => recordDecline(when, trx, award.id));
    } else if (choice !== 5) {
      await deps.db
        .transaction()
        .execute((trx) => recordAcceptance(when, trx, award.id, learner.actor.user.id));
      if ((index + n) % 3 === 0) await changeSharing(when, learner.actor, award.id, { visibility: 'public' });
    }
  }
}

/** Awards the engine makes from the completions recorded so far, as of `day`. */
async function runAwardEngine(deps: Deps, day: Date) {
  while ((await processLearningEvents(on(deps, day))) > 0) {
    // until every pending learning event is consumed
  }
}

/** The year before the issuance fee: learning, reviews and badges over the last twelve months. */
export async function seedDemoYear(deps: Deps, context: DemoActivityContext): Promise<void> {
  const now = deps.now();
  const [payroll, interviewing] = context.courseIds as [string, string];
  const assessor = await assessorActor(deps, context);
  const joinedAt = new Map<string, Date>();
  for (let i = 0; i < DEMO_LEARNER_COUNT; i++) {
    const joined = daysBefore(now, Math.round(350 - (i * 330) / DEMO_LEARNER_COUNT));
    const learner = await aDemoLearner(deps, i, joined);
    joinedAt.set(learner.actor.user.id, joined);
    // Four in five finish the payroll course, one to nine days after enrolling; the rest are still at it.
    if (i % 5 !== 4) {
      const done = daysAfter(joined, 1 + (i % 9));
      await completePayroll(deps, learner, payroll, done);
      await runAwardEngine(deps, done);
      await decideOffers(deps, learner, i, daysAfter(done, 2));
    }
    if (i % 2 !== 0) continue;
    // Every other learner writes the essay; the newest ones still wait for the assessor, at different ages.
    const waiting = i >= DEMO_LEARNER_COUNT - 8;
    const handedIn = waiting
      ? daysBefore(now, 2 + (DEMO_LEARNER_COUNT - 2 - i) * 5)
      : daysAfter(joined, 3 + (i % 5));
    const submission = await handInEssay(deps, learner, interviewing, handedIn);
    if (waiting) continue;
    const reviewed = daysAfter(handedIn, 1 + (i % 6));
    await reviewSubmission(on(deps, reviewed), assessor, context.issuerOrgId, submission.id, {
      decision: 'accept',
      feedback: 'Clear structure and a concrete improvement: well done.',
      scores: [
        { criterion: 'Uses the structure', level: 'fully' },
        { criterion: 'Concrete improvement', level: 'present' },
      ],
    });
    await runAwardEngine(deps, reviewed);
    await decideOffers(deps, learner, i + 1, daysAfter(reviewed, 2));
  }
  await seedExpiringAlumni(deps, context, joinedAt);
  await backdateAccounts(deps, joinedAt);
}

/** Alumni of three years ago: their Structured Interviewer badges expire within the next 90 days. */
async function seedExpiringAlumni(deps: Deps, context: DemoActivityContext, joinedAt: Map<string, Date>) {
  const badge = await deps.db
    .selectFrom('badges')
    .select('id')
    .where('orgId', '=', context.issuerOrgId)
    .where('name', '=', 'Structured Interviewer')
    .executeTakeFirstOrThrow();
  const now = deps.now();
  for (let k = 0; k < 4; k++) {
    const issued = daysBefore(now, DEFAULT_VALIDITY_DAYS - (12 + k * 21));
    const learner = await aDemoLearner(deps, DEMO_LEARNER_COUNT + 10 + k, daysBefore(issued, 30));
    joinedAt.set(learner.actor.user.id, learner.joined);
    await deps.db.transaction().execute(async (trx) => {
      const version = await latestPublishedVersion(trx, badge.id);
      if (!version) throw new Error('the demo badge is not published');
      const { award } = await awardBadge(on(deps, issued), trx, {
        version,
        email: learner.email,
        name: learner.name,
        userId: learner.actor.user.id,
        source: 'manual',
        narrative: 'Completed the classroom edition of Structured interviewing.',
      });
      await recordAcceptance(on(deps, daysAfter(issued, 3)), trx, award.id, learner.actor.user.id);
    });
  }
}

/** After the issuance fee: the newest learners finished payroll, and their first badge waits for the fee. */
export async function seedDemoFeeWaiting(deps: Deps, context: DemoActivityContext): Promise<void> {
  const now = deps.now();
  const [payroll] = context.courseIds as [string];
  const joinedAt = new Map<string, Date>();
  for (const [k, daysAgo] of [26, 15, 6].entries()) {
    const learner = await aDemoLearner(deps, DEMO_LEARNER_COUNT + k, daysBefore(now, daysAgo));
    joinedAt.set(learner.actor.user.id, learner.joined);
    const done = daysAfter(learner.joined, 2);
    await completePayroll(deps, learner, payroll, done);
    await runAwardEngine(deps, done);
  }
  await backdateAccounts(deps, joinedAt);
}

async function assessorActor(deps: Deps, context: DemoActivityContext): Promise<Actor> {
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', '=', context.assessorUserId)
    .executeTakeFirstOrThrow();
  return {
    user: { id: user.id, name: user.name, isOperator: false },
    via: 'session',
    memberships: [{ orgId: context.issuerOrgId, role: 'assessor' }],
    activeOrgId: context.issuerOrgId,
    scopes: 'all',
  };
}

/** The database stamps an account's creation itself: set it to the day each demo learner joined. */
async function backdateAccounts(deps: Deps, joinedAt: Map<string, Date>) {
  if (joinedAt.size === 0) return;
  const rows = [...joinedAt].map(([id, at]) => sql`(${id}::uuid, ${at.toISOString()}::timestamptz)`);
  await sql`
    update users set created_at = joined.at
    from (values ${sql.join(rows)}) as joined(id, at)
    where users.id = joined.id`.execute(deps.db);
}
