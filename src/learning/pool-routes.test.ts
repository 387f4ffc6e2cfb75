import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment, playerOf } from './testing.ts';

const question = (n: number) => ({
  id: `p${n}`,
  type: 'single-choice',
  prompt: `Pool question ${n}?`,
  options: [
    { id: `p${n}-right`, text: `Right ${n}`, correct: true, feedback: null },
    { id: `p${n}-wrong`, text: `Wrong ${n}`, correct: false, feedback: null },
    { id: `p${n}-other`, text: `Other ${n}`, correct: false, feedback: null },
  ],
});

const pooledQuiz = (draw: number | null, count = 6) => ({
  id: 'pool',
  kind: 'assessment',
  title: 'Pooled check',
  questions: Array.from({ length: count }, (_, i) => question(i + 1)),
  draw,
  shuffleQuestions: true,
  shuffleOptions: true,
});

describe('question pools over HTTP', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let courseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Pool Academy');
    courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, { units: [pooledQuiz(3)] });
  });
  afterAll(() => t?.close());

  const aLearner = async () => {
    const learner = await aLoggedInUser(t.app, t.deps);
    const enrolmentId = await anEnrolment(t.app, learner, courseId);
    return playerOf(t.app, learner, enrolmentId);
  };
  const askedIn = async (player: Awaited<ReturnType<typeof aLearner>>) => {
    const opened = await player.open('pool');
    expect(opened.statusCode).toBe(200);
    return opened.json().unit.questions as Array<{ id: string; options: Array<{ id: string }> }>;
  };

  it('refuses to draw more questions than the pool holds, naming the field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/courses`,
      headers: issuer.owner.headers,
      payload: {
        title: 'Too few',
        summary: 'Not enough questions.',
        estimatedMinutes: 5,
        units: [pooledQuiz(7)],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(
      expect.objectContaining({
        path: 'body.units.0.draw',
        message: 'cannot draw 7 questions from a pool of 6',
      }),
    );
  });

  it('keeps the pool settings on the authored course', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/courses/${courseId}`,
      headers: issuer.owner.headers,
    });
    expect(response.json().units[0]).toMatchObject({ draw: 3, shuffleQuestions: true, shuffleOptions: true });
  });

  it('shows a learner the drawn questions, the same ones in the same order after a reload, without answers', async () => {
    const player = await aLearner();
    const first = await askedIn(player);
    expect(first).toHaveLength(3);
    expect(await askedIn(player)).toEqual(first);
    const body = (await player.open('pool')).body;
    expect(body).not.toMatch(/"correct"|feedback/);
  });

  it('tells the catalog how many questions an attempt asks', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/catalog/courses/${courseId}` });
    expect(page.json().units[0]).toMatchObject({ id: 'pool', questionCount: 3 });
  });

  it('refuses an answer to a question that was not drawn for this attempt', async () => {
    const player = await aLearner();
    const asked = new Set((await askedIn(player)).map((q) => q.id));
    const notDrawn = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].find((id) => !asked.has(id)) as string;
    const response = await player.answer('pool', notDrawn, { optionIds: [`${notDrawn}-right`] });
    expect(response.statusCode).toBe(404);
    expect(response.json().detail).toContain('among the questions drawn for this attempt');
  });

  it('completes the course once the drawn questions, and only those, are answered right', async () => {
    const player = await aLearner();
    const asked = await askedIn(player);
    let last: { unitDone: boolean; completion: { score: { questions: number } } | null } | undefined;
    for (const q of asked) {
      const response = await player.answer('pool', q.id, { optionIds: [`${q.id}-right`] });
      expect(response.statusCode).toBe(200);
      last = response.json();
    }
    expect(last?.unitDone).toBe(true);
    expect(last?.completion?.score.questions).toBe(3);
    expect((await player.state()).json().progress).toEqual({ done: 1, total: 1 });
  });

  it('draws the questions on the first answer when the unit was never opened', async () => {
    const player = await aLearner();
    const state = (await player.state()).json();
    expect(state.units[0].status).toBe('available');
    const anyAnswer = await player.answer('pool', 'p1', { optionIds: ['p1-right'] });
    const asked = (await askedIn(player)).map((q) => q.id);
    expect(anyAnswer.statusCode).toBe(asked.includes('p1') ? 200 : 404);
  });
});
