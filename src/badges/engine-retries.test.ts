// The award engine when an award fails: a failure that can pass (a race with another process, a
// serialization failure) leaves the event pending for the next run; one that cannot is recorded once.
// Faults are raised by the database itself: a trigger on awards fails the inserts for one recipient,
// counted by a sequence (sequences ignore rollbacks, so the count survives the engine's savepoint).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import type { Deps } from '../deps.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { aOneLessonCourse, awardsOfBadge, completeOneLessonCourse } from './award-testing.ts';
import { MAX_EVENT_ATTEMPTS, processLearningEvents } from './engine.ts';
import { aPublishedBadge } from './testing.ts';

let faults = 0;

/** The next `times` award inserts for `email` fail with SQLSTATE `sqlstate`. */
async function failAwardInserts(deps: Deps, email: string, sqlstate: string, times: number): Promise<void> {
  faults += 1;
  const sequence = `injected_award_fault_${faults}`;
  await sql.raw(`create sequence ${sequence}`).execute(deps.db);
  await sql`create table if not exists injected_award_faults (email text primary key, sqlstate text not null,
    times int not null, sequence text not null)`.execute(deps.db);
  await sql`insert into injected_award_faults values (${email.toLowerCase()}, ${sqlstate}, ${times}, ${sequence})`.execute(
    deps.db,
  );
  await sql`create or replace function injected_award_fault() returns trigger language plpgsql as $$
    declare fault record;
    begin
      select * into fault from injected_award_faults where email = new.recipient_email;
      if found and nextval(fault.sequence::regclass) <= fault.times then
        raise exception 'injected fault for %', new.recipient_email using errcode = fault.sqlstate;
      end if;
      return new;
    end $$`.execute(deps.db);
  await sql`drop trigger if exists injected_award_fault on awards`.execute(deps.db);
  await sql`create trigger injected_award_fault before insert on awards
    for each row execute function injected_award_fault()`.execute(deps.db);
}

async function eventOf(deps: Deps, userId: string) {
  return deps.db
    .selectFrom('learningEvents')
    .select(['attempts', 'lastError', 'consumedAt', 'failedAt'])
    .where(sql<boolean>`payload->>'userId' = ${userId}`)
    .executeTakeFirstOrThrow();
}

describe('the award engine when an award fails', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
  });
  afterAll(() => t?.close());

  async function aLearnerWhoCompletedABadgeCourse() {
    const course = await aOneLessonCourse(t.app, issuer);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [course] });
    const learner = await aLoggedInUser(t.app, t.deps);
    return { badge, learner, complete: () => completeOneLessonCourse(t.app, learner, course) };
  }

  it('keeps the event pending after a race with another process and awards it on the next run', async () => {
    const { badge, learner, complete } = await aLearnerWhoCompletedABadgeCourse();
    await failAwardInserts(t.deps, learner.email, '23505', 1);
    await complete();

    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(0);
    expect(await eventOf(t.deps, learner.userId)).toMatchObject({
      attempts: 1,
      consumedAt: null,
      failedAt: null,
      lastError: expect.stringContaining('23505'),
    });

    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(1);
    expect((await eventOf(t.deps, learner.userId)).consumedAt).toBeInstanceOf(Date);
  });

  it('retries after a serialization failure too', async () => {
    const { badge, learner, complete } = await aLearnerWhoCompletedABadgeCourse();
    await failAwardInserts(t.deps, learner.email, '40001', 2);
    await complete();

    await processLearningEvents(t.deps);
    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(0);
    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(1);
    expect(await eventOf(t.deps, learner.userId)).toMatchObject({ attempts: 2, failedAt: null });
  });

  it('records an award that fails on its data as failed with the reason, and does not retry it', async () => {
    const { badge, learner, complete } = await aLearnerWhoCompletedABadgeCourse();
    const other = await aLearnerWhoCompletedABadgeCourse();
    await failAwardInserts(t.deps, learner.email, '23514', 1000);
    await complete();
    await other.complete();

    await processLearningEvents(t.deps);
    const failed = await eventOf(t.deps, learner.userId);
    expect(failed).toMatchObject({ attempts: 1, lastError: expect.stringContaining('injected fault') });
    expect(failed.failedAt).toBeInstanceOf(Date);
    expect(failed.consumedAt).toEqual(failed.failedAt);
    expect(await awardsOfBadge(t.deps, other.badge.id)).toHaveLength(1);

    await processLearningEvents(t.deps);
    expect((await eventOf(t.deps, learner.userId)).attempts).toBe(1);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(0);
  });

  it('records an event that still fails after every retry as failed, with the last reason', async () => {
    const { learner, complete } = await aLearnerWhoCompletedABadgeCourse();
    await failAwardInserts(t.deps, learner.email, '40P01', MAX_EVENT_ATTEMPTS + 5);
    await complete();

    for (let run = 1; run < MAX_EVENT_ATTEMPTS; run++) await processLearningEvents(t.deps);
    expect(await eventOf(t.deps, learner.userId)).toMatchObject({
      attempts: MAX_EVENT_ATTEMPTS - 1,
      failedAt: null,
    });
    await processLearningEvents(t.deps);
    const gaveUp = await eventOf(t.deps, learner.userId);
    expect(gaveUp).toMatchObject({
      attempts: MAX_EVENT_ATTEMPTS,
      lastError: expect.stringContaining('40P01'),
    });
    expect(gaveUp.failedAt).toBeInstanceOf(Date);
  });
});
