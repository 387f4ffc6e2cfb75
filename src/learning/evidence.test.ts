import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment, playerOf, workThroughSampleCourse } from './testing.ts';

describe('evidence and the assessor review queue', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let assessor: TestSession & { email: string };
  let courseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Review Academy');
    courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    assessor = await aLoggedInUser(t.app, t.deps, { name: 'Ravi Assessor' });
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: assessor.email, role: 'assessor' },
    });
    expect(added.statusCode).toBe(201);
  });
  afterAll(() => t?.close());

  const queue = (as: TestSession = assessor) =>
    t.app.inject({ method: 'GET', url: `/api/v1/orgs/${issuer.orgId}/reviews`, headers: as.headers });
  const review = (submissionId: string, payload: object, as: TestSession = assessor) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/reviews/${submissionId}`,
      headers: as.headers,
      payload,
    });

  let learners = 0;
  const aLearnerWithEssay = async () => {
    learners += 1;
    const name = `Ana Núñez ${learners}`;
    const learner = await aLoggedInUser(t.app, t.deps, { name });
    const player = playerOf(t.app, learner, await anEnrolment(t.app, learner, courseId));
    await workThroughSampleCourse(player);
    const items = (await queue()).json().items as Array<{
      submission: { id: string; response: string };
      learnerName: string;
    }>;
    const mine = items.find(
      (i) => i.learnerName === name && i.submission.response === 'We run payroll twice a month.',
    );
    return { learner, player, submissionId: mine?.submission.id ?? '' };
  };
  const reviewMailsTo = (email: string) =>
    t.deps.db
      .selectFrom('mailMessages')
      .select(['subject', 'textBody', 'idempotencyKey'])
      .where('toAddress', '=', email.toLowerCase())
      .where('idempotencyKey', 'like', 'evidence-reviewed:%')
      .execute();

  it('puts an essay that needs review in the assessor queue with its rubric', async () => {
    const { player, submissionId } = await aLearnerWithEssay();
    expect(submissionId).not.toBe('');
    const item = (await queue())
      .json()
      .items.find((i: { submission: { id: string } }) => i.submission.id === submissionId);
    expect(item).toMatchObject({
      courseTitle: 'Payroll basics',
      task: { title: 'Reflect', rubric: [{ criterion: 'Clarity' }] },
    });
    const state = (await player.state()).json();
    expect(state.units[2].status).toBe('submitted');
    expect(state.completion).toBeNull();
  });

  it('completes the course when the assessor accepts, shows the learner the scores and feedback, and mails them', async () => {
    const { learner, player, submissionId } = await aLearnerWithEssay();
    const accepted = await review(submissionId, {
      decision: 'accept',
      feedback: 'Clear and concrete.',
      scores: [{ criterion: 'Clarity', level: 'clear' }],
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      scores: [{ criterion: 'Clarity', level: 'clear', points: 2 }],
    });
    const essay = (await player.open('essay')).json();
    expect(essay.submission).toMatchObject({ status: 'accepted', feedback: 'Clear and concrete.' });
    const [mail, ...more] = await reviewMailsTo(learner.email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Your work on “Reflect” is accepted');
    expect(mail?.textBody).toContain('“Payroll basics”');
    expect(mail?.textBody).toContain('The assessor wrote: “Clear and concrete.”');
    expect(mail?.textBody).toContain(`/learn/${essay.enrolment.id}?unit=essay`);
    expect(essay.enrolment.completion.activityCode).toMatch(/^HRCI-PAY-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const again = await review(submissionId, {
      decision: 'return',
      feedback: 'Changed my mind.',
      scores: [{ criterion: 'Clarity', level: 'weak' }],
    });
    expect(again.statusCode).toBe(409);
  });

  it('returns an essay for resubmission with a mail saying so, and the resubmission goes back to the queue', async () => {
    const { learner, player, submissionId } = await aLearnerWithEssay();
    const returned = await review(submissionId, {
      decision: 'return',
      feedback: 'Say more about deductions.',
      scores: [{ criterion: 'Clarity', level: 'weak' }],
    });
    expect(returned.json().status).toBe('returned');
    const [mail] = await reviewMailsTo(learner.email);
    expect(mail?.subject).toBe('Your work on “Reflect” was returned: please revise it');
    expect(mail?.textBody).toContain('The assessor wrote: “Say more about deductions.”');
    const state = (await player.state()).json();
    expect(state.units[2].status).toBe('returned');
    expect((await player.open('essay')).json().submission.feedback).toBe('Say more about deductions.');
    const resubmitted = await player.submit('essay', { text: 'Deductions: tax, pension, benefits.' });
    expect(resubmitted.statusCode).toBe(201);
    expect(resubmitted.json().status).toBe('pending');
    expect((await player.submit('essay', { text: 'Twice?' })).statusCode).toBe(409);
  });

  it('lets the learner change an essay still waiting for review, but not once it is reviewed', async () => {
    const { learner, player, submissionId } = await aLearnerWithEssay();
    const enrolmentId = (await player.open('essay')).json().enrolment.id;
    const edit = (response: object) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/me/enrolments/${enrolmentId}/evidence/essay`,
        headers: learner.headers,
        payload: { response },
      });
    const changed = await edit({ text: 'We run payroll twice a month, on the 15th and the last day.' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ id: submissionId, status: 'pending' });
    const item = (await queue())
      .json()
      .items.find((i: { submission: { id: string } }) => i.submission.id === submissionId);
    expect(item.submission.response).toBe('We run payroll twice a month, on the 15th and the last day.');
    expect((await edit({ url: 'https://example.org/x' })).statusCode).toBe(400);

    const accepted = await review(submissionId, {
      decision: 'accept',
      feedback: 'Good.',
      scores: [{ criterion: 'Clarity', level: 'clear' }],
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const late = await edit({ text: 'Too late.' });
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toBe('/problems/evidence-not-editable');
  });

  it('holds an essay to the word limits its instructions state, and tells the player them', async () => {
    const limited = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      title: 'Interviews',
      activityCodePrefix: null,
      units: [
        {
          id: 'story',
          kind: 'evidence',
          title: 'An interview you ran',
          task: 'essay',
          instructions: 'Describe an interview you ran (5–8 words).',
          needsReview: true,
        },
      ],
    });
    const learner = await aLoggedInUser(t.app, t.deps);
    const player = playerOf(t.app, learner, await anEnrolment(t.app, learner, limited));
    const opened = await player.open('story');
    expect(opened.json().unit.wordLimits).toEqual({ min: 5, max: 8 });
    const short = await player.submit('story', { text: 'Two words' });
    expect(short.statusCode).toBe(400);
    expect(short.headers['content-type']).toContain('application/problem+json');
    expect(short.json()).toMatchObject({
      detail: 'Your essay has 2 words; this task asks for 5–8 words.',
      errors: [{ path: 'body.response.text' }],
    });
    expect(
      (await player.submit('story', { text: 'one two three four five six seven eight nine' })).statusCode,
    ).toBe(400);
    expect((await player.submit('story', { text: 'I asked five questions, scored each.' })).statusCode).toBe(
      201,
    );
  });

  it('refuses a review whose rubric scores do not match the task', async () => {
    const { submissionId } = await aLearnerWithEssay();
    const bad = await review(submissionId, {
      decision: 'accept',
      feedback: 'ok',
      scores: [
        { criterion: 'Clarity', level: 'superb' },
        { criterion: 'Style', level: 'x' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { message: string }) => e.message)).toEqual([
      '"superb" is not a level of "Clarity"',
      '"Style" is not a criterion of this task',
    ]);
    const missing = await review(submissionId, { decision: 'accept', feedback: 'ok' });
    expect(missing.statusCode).toBe(400);
  });

  it('lets assessors, admins and owners review, but not staff or learners', async () => {
    const staff = await aLoggedInUser(t.app, t.deps);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: staff.email, role: 'staff' },
    });
    expect((await queue(staff)).statusCode).toBe(403);
    expect((await queue(issuer.owner)).statusCode).toBe(200);
    const { learner } = await aLearnerWithEssay();
    expect((await queue(learner)).statusCode).toBe(404);
  });

  it('accepts URL and attendance-code evidence at once when no review is needed', async () => {
    const quick = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      activityCodePrefix: null,
      units: [
        {
          id: 'video',
          kind: 'evidence',
          title: 'Record a lesson',
          task: 'url',
          instructions: 'Link to your video.',
          needsReview: false,
        },
        {
          id: 'talk',
          kind: 'evidence',
          title: 'Webinar',
          task: 'attendance-code',
          instructions: 'Enter the code.',
          needsReview: false,
          attendanceCode: 'NW-2027',
        },
      ],
    });
    const learner = await aLoggedInUser(t.app, t.deps);
    const player = playerOf(t.app, learner, await anEnrolment(t.app, learner, quick));
    expect((await player.submit('video', { text: 'not a url' })).statusCode).toBe(400);
    expect((await player.submit('video', { url: 'javascript:alert(1)' })).statusCode).toBe(400);
    expect((await player.submit('video', { url: 'https://video.example.org/me' })).json().status).toBe(
      'accepted',
    );
    const wrong = await player.submit('talk', { code: 'NW-2026' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().type).toBe('/problems/wrong-attendance-code');
    const right = await player.submit('talk', { code: ' nw-2027 ' });
    expect(right.json().status).toBe('accepted');
    const state = (await player.state()).json();
    expect(state.completion.activityCode).toMatch(/^TSR-/);
  });
});
