import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { pdfText } from '../../test/support/pdf.ts';
import { aPublishedCourse, sampleCourse } from '../catalog/testing.ts';
import { aLoggedInUser, logInAs, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment, playerOf } from './testing.ts';

/** The text drawn on a PDF's pages: content streams inflated, hex strings decoded. */
describe('completion, activity codes and certificates', () => {
  let t: TestApp;
  let clock = new Date('2026-03-01T09:00:00Z');
  let issuer: TestIssuer;
  let quizOnly: string;

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Certificate Academy');
    quizOnly = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      title: 'Gestión de nóminas',
      estimatedMinutes: 75,
      accessDays: 30,
      units: sampleCourse().units.filter((u) => u.kind === 'assessment'),
    });
  });
  afterAll(() => t?.close());

  const aLearner = async (name?: string) => {
    const learner = await aLoggedInUser(t.app, t.deps, name ? { name } : {});
    const enrolmentId = await anEnrolment(t.app, learner, quizOnly);
    return { learner, enrolmentId, player: playerOf(t.app, learner, enrolmentId) };
  };
  const completionsOf = (learner: TestSession) =>
    t.app.inject({ method: 'GET', url: '/api/v1/me/completions', headers: learner.headers });

  it('records a completion exactly once when the last answers arrive at the same time', async () => {
    const { learner, enrolmentId, player } = await aLearner();
    await player.answer('quiz', 'q1', { optionIds: ['gross'] });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2
          ? player.answer('quiz', 'q2', { number: 52 })
          : player.answer('quiz', 'q1', { optionIds: ['gross'] }),
      ),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const ids = new Set(results.map((r) => r.json().completion?.id).filter(Boolean));
    expect(ids.size).toBe(1);
    const rows = await t.deps.db
      .selectFrom('completions')
      .selectAll()
      .where('enrolmentId', '=', enrolmentId)
      .execute();
    expect(rows).toHaveLength(1);
    const events = await t.deps.db
      .selectFrom('learningEvents')
      .selectAll()
      .where('subjectId', '=', rows[0]?.id ?? '')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['course.completed']);
    expect(events[0]?.payload).toMatchObject({
      revision: 1,
      activityCode: rows[0]?.activityCode,
      courseId: quizOnly,
    });
    const listed = (await completionsOf(learner)).json().items;
    expect(listed).toHaveLength(1);
    // Counted when the course completed: the answers that arrived later do not change the record.
    expect(listed[0].score).toMatchObject({ questions: 2, firstTimeCorrect: 2, evidenceAccepted: 0 });
    expect(listed[0].score.answersGiven).toBeGreaterThanOrEqual(2);
  });

  it('gives every completion its own activity code, and the database refuses a duplicate', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { player } = await aLearner();
      await player.answer('quiz', 'q1', { optionIds: ['net'] });
      await player.answer('quiz', 'q1', { optionIds: ['gross'] });
      codes.push((await player.answer('quiz', 'q2', { number: 52 })).json().completion.activityCode);
    }
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^HRCI-PAY-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const [existing] = await t.deps.db.selectFrom('completions').selectAll().limit(1).execute();
    const { enrolmentId } = await aLearner();
    const duplicate = t.deps.db
      .insertInto('completions')
      .values({ ...existing!, id: undefined, enrolmentId, score: JSON.stringify(existing!.score) })
      .execute();
    await expect(duplicate).rejects.toMatchObject({ code: '23505' });
  });

  it('serves a PDF certificate with the learner, course, hours, issuer and activity code', async () => {
    const { learner, player } = await aLearner('Ana Núñez');
    await player.answer('quiz', 'q1', { optionIds: ['gross'] });
    const completion = (await player.answer('quiz', 'q2', { number: 52 })).json().completion;
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/completions/${completion.id}/certificate.pdf`,
      headers: learner.headers,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf.rawPayload);
    for (const fact of [
      completion.activityCode,
      'Ana Núñez',
      'Gestión de nóminas',
      'Certificate Academy',
      '1.25 hours',
      'March 1, 2026',
    ]) {
      // Standard PDF fonts use WinAnsi, which matches Latin-1 for these letters.
      expect(text).toContain(fact);
    }
    const document = await PDFDocument.load(pdf.rawPayload);
    expect(document.getSubject()).toBe(`Activity code ${completion.activityCode}`);
    expect(document.getKeywords()).toContain(`http://localhost:3000/certificates/${completion.activityCode}`);

    const stranger = await aLoggedInUser(t.app, t.deps);
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/completions/${completion.id}/certificate.pdf`,
      headers: stranger.headers,
    });
    expect(theirs.statusCode).toBe(404);
  });

  it('lets anyone check a certificate by its activity code', async () => {
    const { player } = await aLearner('Lena Learner');
    await player.answer('quiz', 'q1', { optionIds: ['gross'] });
    const code = (await player.answer('quiz', 'q2', { number: 52 })).json().completion.activityCode;
    const checked = await t.app.inject({ method: 'GET', url: `/certificates/${code}` });
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({
      valid: true,
      activityCode: code,
      learnerName: 'Lena Learner',
      courseTitle: 'Gestión de nóminas',
      hours: 1.25,
      revision: 1,
      issuer: { name: 'Certificate Academy', slug: issuer.slug },
    });
    expect(checked.body).not.toMatch(/@|email/);
    expect(
      (await t.app.inject({ method: 'GET', url: '/certificates/HRCI-PAY-00000-00000' })).statusCode,
    ).toBe(404);
  });

  it('lets a learner in progress finish an archived course, with the course’s code prefix', async () => {
    const { player } = await aLearner();
    await player.answer('quiz', 'q1', { optionIds: ['gross'] });
    const archived = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/courses/${quizOnly}/archive`,
      headers: issuer.owner.headers,
    });
    expect(archived.json().state).toBe('archived');
    const last = await player.answer('quiz', 'q2', { number: 52 });
    expect(last.json().completion.activityCode).toMatch(/^HRCI-PAY-/);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/courses/${quizOnly}/publish`,
      headers: issuer.owner.headers,
    });
  });

  it('refuses the player after the access window ends and lets the learner enrol again', async () => {
    const { learner, enrolmentId, player } = await aLearner();
    await player.answer('quiz', 'q1', { optionIds: ['gross'] });
    clock = new Date(clock.getTime() + 31 * 86_400_000);
    const session = await logInAs(t.app, learner.email);
    const expired = playerOf(t.app, session, enrolmentId);
    const refused = await expired.answer('quiz', 'q2', { number: 52 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ type: '/problems/access-expired' });
    expect(refused.json().detail).toContain('enrol again');
    expect((await expired.open('quiz')).statusCode).toBe(422);
    expect((await expired.state()).json().expired).toBe(true);
    const again = await anEnrolment(t.app, session, quizOnly);
    const fresh = playerOf(t.app, session, again);
    expect((await fresh.state()).json()).toMatchObject({ expired: false, progress: { done: 0 } });
    expect((await fresh.answer('quiz', 'q2', { number: 52 })).json().correct).toBe(true);
  });
});
