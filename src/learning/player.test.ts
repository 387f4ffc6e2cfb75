import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse, sampleCourse } from '../catalog/testing.ts';
import { aLoggedInUser, logInAs } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment, playerOf } from './testing.ts';

describe('the course player', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let courseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Player Academy');
    courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
  });
  afterAll(() => t?.close());

  const aLearnerIn = async (course = courseId) => {
    const learner = await aLoggedInUser(t.app, t.deps);
    const enrolmentId = await anEnrolment(t.app, learner, course);
    return { learner, enrolmentId, player: playerOf(t.app, learner, enrolmentId) };
  };

  it('enrols in a free course with one year of access and the first unit available', async () => {
    const { player } = await aLearnerIn();
    const state = (await player.state()).json();
    expect(new Date(state.accessUntil).getTime() - new Date(state.enrolledAt).getTime()).toBe(
      365 * 86_400_000,
    );
    expect(state.units.map((u: { status: string }) => u.status)).toEqual(['available', 'locked', 'locked']);
    expect(state).toMatchObject({
      firstOpenedAt: null,
      position: null,
      progress: { done: 0, total: 3 },
      course: { revision: 1 },
    });
  });

  it('never sends correct answers or feedback in player responses', async () => {
    const { player } = await aLearnerIn();
    await player.open('intro');
    const quiz = await player.open('quiz');
    expect(quiz.statusCode).toBe(200);
    const unit = quiz.json().unit;
    expect(unit.questions[0].options).toEqual([
      { id: 'gross', text: 'Gross pay' },
      { id: 'net', text: 'Net pay' },
    ]);
    // (No bare numbers: ids and timestamps may contain the digits of an answer.)
    expect(quiz.body).not.toMatch(/"correct"|feedback|"answer"|tolerance|acceptedAnswers/);
  });

  it('records the first open once and resumes at the unit last opened', async () => {
    const { learner, enrolmentId, player } = await aLearnerIn();
    const first = (await player.open('intro')).json().enrolment.firstOpenedAt;
    expect(first).not.toBeNull();
    await player.open('quiz');
    await player.open('intro');
    await player.open('quiz');
    // Leave and come back in a new session: the position is kept.
    const again = playerOf(t.app, await logInAs(t.app, learner.email), enrolmentId);
    const state = (await again.state()).json();
    expect(state.firstOpenedAt).toBe(first);
    expect(state.position).toBe('quiz');
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/enrolments',
      headers: learner.headers,
    });
    expect(mine.json().items[0]).toMatchObject({
      id: enrolmentId,
      position: 'quiz',
      progress: { done: 1, total: 3 },
    });
  });

  it('marks a wrong answer with the chosen option’s feedback, then accepts the right one', async () => {
    const { player } = await aLearnerIn();
    await player.open('intro');
    const wrong = await player.answer('quiz', 'q1', { optionIds: ['net'] });
    expect(wrong.json()).toEqual({
      correct: false,
      feedback: ['Net is what is left after deductions.'],
      unitDone: false,
      completion: null,
    });
    const right = await player.answer('quiz', 'q1', { optionIds: ['gross'] });
    expect(right.json()).toMatchObject({
      correct: true,
      feedback: ['Yes: gross first, then deductions.'],
      unitDone: false,
    });
    const numeric = await player.answer('quiz', 'q2', { number: 52.4 });
    expect(numeric.json()).toMatchObject({ correct: true, feedback: ['Right.'], unitDone: true });
    const reopened = (await player.open('quiz')).json();
    expect(
      reopened.answers.map((a: { questionId: string; correct: boolean }) => [a.questionId, a.correct]).sort(),
    ).toEqual([
      ['q1', true],
      ['q2', true],
    ]);
    expect(reopened.enrolment.units.map((u: { status: string }) => u.status)).toEqual([
      'done',
      'done',
      'available',
    ]);
  });

  it('keeps every answer and counts the last one per question', async () => {
    const { enrolmentId, player } = await aLearnerIn();
    await player.open('intro');
    await Promise.all([
      player.answer('quiz', 'q1', { optionIds: ['gross'] }),
      player.answer('quiz', 'q2', { number: 52 }),
    ]);
    await player.answer('quiz', 'q1', { optionIds: ['net'] });
    const history = await t.deps.db
      .selectFrom('answers')
      .select(['questionId', 'correct'])
      .where('enrolmentId', '=', enrolmentId)
      .orderBy('seq')
      .execute();
    expect(history).toHaveLength(3);
    const state = (await player.state()).json();
    expect(state.units[1].status).toBe('in-progress');
  });

  it('refuses a unit not yet reached, and questions that are not in the enrolled revision', async () => {
    const { player } = await aLearnerIn();
    const early = await player.answer('quiz', 'q1', { optionIds: ['gross'] });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      type: '/problems/unit-not-reached',
      detail: 'Finish "Gross to net" before opening "Check yourself".',
    });
    expect((await player.open('essay')).statusCode).toBe(409);
    await player.open('intro');
    expect((await player.answer('quiz', 'q9', { optionIds: ['gross'] })).statusCode).toBe(404);
    expect((await player.answer('nope', 'q1', { optionIds: ['gross'] })).statusCode).toBe(404);
    const stale = await player.answer('quiz', 'q1', { optionIds: ['gross'] }, { revision: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toBe('/problems/revision-mismatch');
  });

  it('refuses answers of the wrong shape and unknown options with 400', async () => {
    const { player } = await aLearnerIn();
    await player.open('intro');
    const shape = await player.answer('quiz', 'q2', { text: 'fifty-two' });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().errors[0].path).toBe('body.answer');
    expect((await player.answer('quiz', 'q1', { optionIds: ['maybe'] })).statusCode).toBe(400);
    expect((await player.answer('quiz', 'q1', { optionIds: [] })).statusCode).toBe(400);
  });

  it('keeps learners who started revision 1 on it after revision 2 is published', async () => {
    const pinned = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    const early = await aLearnerIn(pinned);
    const changed = sampleCourse().units.map((u) =>
      u.id === 'quiz'
        ? {
            ...u,
            title: 'New quiz',
            questions: [{ id: 'q3', type: 'true-false', prompt: 'Payroll is fun?', answer: true }],
          }
        : u,
    );
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${issuer.orgId}/courses/${pinned}`,
      headers: issuer.owner.headers,
      payload: { units: changed },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/courses/${pinned}/publish`,
      headers: issuer.owner.headers,
    });
    const late = await aLearnerIn(pinned);
    await early.player.open('intro');
    await late.player.open('intro');
    expect((await early.player.state()).json().course.revision).toBe(1);
    expect((await early.player.answer('quiz', 'q1', { optionIds: ['gross'] })).statusCode).toBe(200);
    expect((await early.player.answer('quiz', 'q3', { value: true })).statusCode).toBe(404);
    expect((await late.player.state()).json().course.revision).toBe(2);
    expect((await late.player.answer('quiz', 'q3', { value: true })).json().correct).toBe(true);
    expect((await late.player.answer('quiz', 'q1', { optionIds: ['gross'] })).statusCode).toBe(404);
  });

  it('does not let another learner reach my enrolment', async () => {
    const { enrolmentId } = await aLearnerIn();
    const stranger = await aLoggedInUser(t.app, t.deps);
    const theirs = playerOf(t.app, stranger, enrolmentId);
    expect((await theirs.state()).statusCode).toBe(404);
    expect((await theirs.open('intro')).statusCode).toBe(404);
  });

  it('makes one enrolment of two sent at the same moment', async () => {
    const learner = await aLoggedInUser(t.app, t.deps);
    const enrol = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/enrolments',
        headers: learner.headers,
        payload: { courseId },
      });
    const statuses = (await Promise.all([enrol(), enrol(), enrol()])).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409]);
  });

  it('refuses enrolling twice while access lasts, paid courses, and courses not published', async () => {
    const { learner } = await aLearnerIn();
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/enrolments',
      headers: learner.headers,
      payload: { courseId },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/already-enrolled');
    const paid = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      price: { amountMinor: 2500, currency: 'EUR' },
    });
    const buy = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/enrolments',
      headers: learner.headers,
      payload: { courseId: paid },
    });
    expect(buy.json()).toMatchObject({ type: '/problems/payment-required' });
    expect(buy.statusCode).toBe(402);
    const draft = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/courses`,
      headers: issuer.owner.headers,
      payload: sampleCourse(),
    });
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/enrolments',
      headers: learner.headers,
      payload: { courseId: draft.json().id },
    });
    expect(none.statusCode).toBe(404);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/enrolments',
      payload: { courseId },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('shows a unit to a read-only API token without recording progress, and records it with learning:write', async () => {
    const { learner, enrolmentId, player } = await aLearnerIn();
    const tokenWith = async (scopes: string[]) => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: learner.headers,
        payload: { name: scopes.join(' '), scopes },
      });
      expect(created.statusCode, created.body).toBe(201);
      return { authorization: `Bearer ${created.json().token}` };
    };
    const open = async (headers: Record<string, string>) =>
      t.app.inject({ method: 'GET', url: `/api/v1/me/enrolments/${enrolmentId}/units/intro`, headers });

    const read = await open(await tokenWith(['read']));
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().unit.id).toBe('intro');
    expect((await player.state()).json()).toMatchObject({ firstOpenedAt: null, progress: { done: 0 } });

    expect((await open(await tokenWith(['read', 'learning:write']))).statusCode).toBe(200);
    expect((await player.state()).json()).toMatchObject({ position: 'intro', progress: { done: 1 } });
  });
});
