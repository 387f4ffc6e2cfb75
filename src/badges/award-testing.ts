// Test helpers of badge awarding: a course done in one click, a learner working through it, the award rows,
// mails and credentials a test asserts on.
// Written against the badge factory's own parameter types: it needs neither Fastify nor other contexts.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Deps } from '../deps.ts';
import { processLearningEvents } from './engine.ts';
import { aPublishedCourse } from './testing.ts';

type TestApp = Parameters<typeof aPublishedCourse>[0];
type TestSession = Parameters<typeof aPublishedCourse>[2];

/** A published course of one lesson: opening the lesson completes it. */
export async function aOneLessonCourse(
  app: TestApp,
  issuer: { orgId: string; owner: TestSession },
  overrides: Record<string, unknown> = {},
): Promise<string> {
  return aPublishedCourse(app, issuer.orgId, issuer.owner, {
    title: 'Payroll in one lesson',
    units: [{ id: 'intro', kind: 'lesson', title: 'Gross to net', markdown: '# Gross to net' }],
    ...overrides,
  });
}

/** Enrols and opens the one lesson: the course is complete and a course.completed event waits. */
export async function completeOneLessonCourse(
  app: TestApp,
  learner: TestSession,
  courseId: string,
): Promise<void> {
  const enrolled = await app.inject({
    method: 'POST',
    url: '/api/v1/me/enrolments',
    headers: learner.headers,
    payload: { courseId },
  });
  if (enrolled.statusCode !== 201)
    throw new Error(`enrolment failed: ${enrolled.statusCode} ${enrolled.body}`);
  const opened = await app.inject({
    method: 'GET',
    url: `/api/v1/me/enrolments/${enrolled.json().id}/units/intro`,
    headers: learner.headers,
  });
  if (opened.statusCode !== 200) throw new Error(`open failed: ${opened.statusCode} ${opened.body}`);
}

/**
 * Runs the award engine until no learning event waits. A server under test with its workers runs the engine on
 * its own ticker too, which may hold the events (skip locked) when this call looks for them: waiting until none
 * is pending means every award of them, and its mail, is committed and visible.
 */
export async function settleLearningEvents(deps: Deps, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await processLearningEvents(deps);
    const { pending } = await deps.db
      .selectFrom('learningEvents')
      .select((eb) => eb.fn.countAll<string>().as('pending'))
      .where('consumedAt', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(pending) === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${pending} learning events still pending after ${timeoutMs} ms`);
    await sleep(50);
  }
}

export async function awardsOfBadge(deps: Deps, badgeId: string) {
  return deps.db.selectFrom('awards').selectAll().where('badgeId', '=', badgeId).orderBy('cycle').execute();
}

/** "Accept your badge" mails sent to an address, oldest first. */
export async function badgeMailsTo(deps: Deps, email: string) {
  return deps.db
    .selectFrom('mailMessages')
    .selectAll()
    .where('toAddress', '=', email.toLowerCase())
    .where('idempotencyKey', 'like', 'badge-awarded:%')
    .orderBy('createdAt')
    .execute();
}

export function claimTokenIn(text: string): string {
  const match = /\/claim\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no claim link in mail:\n${text}`);
  return match[1];
}

/** The claim token of the newest badge mail to an address. */
export async function lastClaimToken(deps: Deps, email: string): Promise<string> {
  const mails = await badgeMailsTo(deps, email);
  const last = mails.at(-1);
  if (!last) throw new Error(`no badge mail to ${email}`);
  return claimTokenIn(last.textBody);
}

export async function issuedCredentialOf(deps: Deps, credentialId: string | null) {
  if (!credentialId) throw new Error('the award has no credential');
  const row = await deps.db
    .selectFrom('issuedCredentials')
    .selectAll()
    .where('id', '=', credentialId)
    .executeTakeFirstOrThrow();
  return row;
}

export async function verifyCredential(app: TestApp, credential: unknown) {
  const response = await app.inject({
    method: 'POST',
    url: '/credentials/verify',
    payload: { verifiableCredential: credential },
  });
  return response.json() as {
    verified: boolean;
    checks: Array<{ code: string; status: string; message: string }>;
  };
}
