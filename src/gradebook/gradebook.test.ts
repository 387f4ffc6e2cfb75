// The gradebook with the award engine: grades recorded for a learner award the badges whose grade
// requirements they reach, once; the badge editor lists the organization's line items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { awardsOfBadge } from '../badges/award-testing.ts';
import { processLearningEvents } from '../badges/engine.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { listLineItems, recordGrade, upsertLineItem } from './service.ts';
import { aLineItem } from './testing.ts';

describe('the gradebook', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
  });
  afterAll(() => t?.close());

  const gradeBadge = (lineItemId: string, min: Record<string, unknown>) =>
    aPublishedBadge(t.app, issuer, {
      courseIds: [],
      extra: { requirements: { items: [{ kind: 'grade', lineItemId, min }], required: null } },
    });

  const record = (lineItemId: string, userId: string, scoreGiven: number | null, letterGrade?: string) =>
    t.deps.db.transaction().execute((trx) =>
      recordGrade(t.deps, trx, {
        orgId: issuer.orgId,
        lineItemId,
        userId,
        scoreGiven,
        scoreMaximum: 100,
        letterGrade: letterGrade ?? null,
        gradedAt: new Date(),
      }),
    );

  const runEngine = async () => {
    while ((await processLearningEvents(t.deps)) > 0);
  };

  it('awards a grade badge once the recorded grade reaches the bar, and only once when it changes again', async () => {
    const exam = await aLineItem(t.deps.db, issuer.orgId);
    const badge = await gradeBadge(exam, { percent: 80 });
    const learner = await aLoggedInUser(t.app, t.deps);

    expect(await record(exam, learner.userId, 85)).toEqual({ changed: true });
    await runEngine();
    const awards = await awardsOfBadge(t.deps, badge.id);
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({ userId: learner.userId, source: 'completion', cycle: 1 });

    expect(await record(exam, learner.userId, 85)).toEqual({ changed: false });
    expect(await record(exam, learner.userId, 95)).toEqual({ changed: true });
    await runEngine();
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(1);

    // Falling below the bar later revokes nothing.
    expect(await record(exam, learner.userId, 10)).toEqual({ changed: true });
    await runEngine();
    const kept = await awardsOfBadge(t.deps, badge.id);
    expect(kept.map((a) => a.state)).toEqual(['offered']);
  });

  it('awards nothing for a grade below the bar, then awards once the regrade reaches it', async () => {
    const project = await aLineItem(t.deps.db, issuer.orgId, { label: 'Project' });
    const badge = await gradeBadge(project, {
      letter: 'B',
      scale: [
        { letter: 'A', minPercent: 90 },
        { letter: 'B', minPercent: 80 },
        { letter: 'C', minPercent: 70 },
      ],
    });
    const learner = await aLoggedInUser(t.app, t.deps);

    await record(project, learner.userId, 72);
    await runEngine();
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(0);

    await record(project, learner.userId, 72, 'A');
    await runEngine();
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(1);
  });

  it('awards an "all of" group only when every grade in it is reached', async () => {
    const quiz = await aLineItem(t.deps.db, issuer.orgId, { label: 'Quiz' });
    const essay = await aLineItem(t.deps.db, issuer.orgId, { label: 'Essay' });
    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [],
      extra: {
        requirements: {
          items: [
            {
              kind: 'group',
              mode: 'all',
              items: [
                { kind: 'grade', lineItemId: quiz, min: { points: 50 } },
                { kind: 'grade', lineItemId: essay, min: { percent: 60 } },
              ],
            },
          ],
          required: null,
        },
      },
    });
    expect(badge.generatedCriteria).toContain('Reach at least 50 points in "Quiz"');
    expect(badge.requirementNames).toMatchObject({ [`grade:${quiz}`]: 'Quiz', [`grade:${essay}`]: 'Essay' });
    const learner = await aLoggedInUser(t.app, t.deps);

    await record(quiz, learner.userId, 55);
    await runEngine();
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(0);
    await record(essay, learner.userId, 60);
    await runEngine();
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(1);
  });

  it('shows the learner an "any of" group of grades with where each lives, its bar, their grade and whether it is met', async () => {
    const source = { platformName: 'Canvas', contextTitle: 'Course X' };
    const final = await aLineItem(t.deps.db, issuer.orgId, { label: 'Final', ...source });
    const lab = await aLineItem(t.deps.db, issuer.orgId, { label: 'Lab', scoreMaximum: 50, ...source });
    const scale = [
      { letter: 'A', minPercent: 90 },
      { letter: 'B', minPercent: 80 },
    ];
    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [],
      name: 'Either grade',
      extra: {
        requirements: {
          items: [
            {
              kind: 'group',
              mode: 'any',
              items: [
                { kind: 'grade', lineItemId: final, min: { percent: 80 } },
                { kind: 'grade', lineItemId: lab, min: { letter: 'B', scale } },
              ],
            },
          ],
          required: null,
        },
      },
    });
    const learner = await aLoggedInUser(t.app, t.deps);
    await record(final, learner.userId, 72);
    await runEngine();

    const progress = await t.app.inject({ url: '/api/v1/me/badge-progress', headers: learner.headers });
    expect(progress.statusCode, progress.body).toBe(200);
    const item = progress.json().items.find((i: { badge: { id: string } }) => i.badge.id === badge.id);
    expect(item.requirements).toMatchObject([
      {
        kind: 'group',
        mode: 'any',
        status: 'not-started',
        items: [
          {
            kind: 'grade',
            lineItemId: final,
            status: 'not-started',
            grade: {
              lineItem: {
                label: 'Final',
                platformName: 'Canvas',
                contextTitle: 'Course X',
                scoreMaximum: 100,
              },
              bar: { percent: 80 },
              current: { scoreGiven: 72, scoreMaximum: 100, letterGrade: null, percent: 72 },
            },
          },
          {
            kind: 'grade',
            lineItemId: lab,
            status: 'not-started',
            grade: {
              lineItem: { label: 'Lab', scoreMaximum: 50 },
              bar: { letter: 'B', scale },
              current: null,
            },
          },
        ],
      },
    ]);
  });

  it('refuses a badge naming a line item of another organization', async () => {
    const elsewhere = await anIssuerWithOwner(t.app, t.deps);
    const foreign = await aLineItem(t.deps.db, elsewhere.orgId);
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges`,
      headers: issuer.owner.headers,
      payload: {
        name: 'Foreign grade',
        description: 'Names a line item it does not own.',
        requirements: { items: [{ kind: 'grade', lineItemId: foreign, min: { points: 1 } }], required: null },
      },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().errors).toMatchObject([
      { path: 'requirements.items.0', message: 'no such LMS line item in this organization' },
    ]);
  });

  it('refuses a grade for a line item of another organization, and a negative score', async () => {
    const elsewhere = await anIssuerWithOwner(t.app, t.deps);
    const foreign = await aLineItem(t.deps.db, elsewhere.orgId);
    const learner = await aLoggedInUser(t.app, t.deps);
    await expect(record(foreign, learner.userId, 50)).rejects.toThrow(/line item/);
    const own = await aLineItem(t.deps.db, issuer.orgId);
    await expect(record(own, learner.userId, -1)).rejects.toThrow(/grade is refused/);
  });

  it('updates a line item reported again under the same URL and lists it for members', async () => {
    const other = await anIssuerWithOwner(t.app, t.deps);
    const input = {
      orgId: other.orgId,
      platformId: '44444444-4444-4444-8444-444444444444',
      lineItemUrl: 'https://lms.example.org/line_items/1',
      label: 'Midterm',
      scoreMaximum: 40,
    };
    const first = await upsertLineItem(t.deps.db, input);
    const again = await upsertLineItem(t.deps.db, { ...input, label: 'Midterm exam', scoreMaximum: 50 });
    expect(again.id).toBe(first.id);
    expect(await listLineItems(t.deps.db, other.orgId)).toMatchObject([
      { id: first.id, label: 'Midterm exam', scoreMaximum: 50 },
    ]);
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${other.orgId}/lms/line-items`,
      headers: other.owner.headers,
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toMatchObject([{ id: first.id, label: 'Midterm exam', scoreMaximum: 50 }]);
  });
});
