import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment, playerOf } from './testing.ts';

describe('supervisor attestation', () => {
  let t: TestApp;
  let clock = new Date('2026-05-04T08:00:00Z');
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Attest Academy');
  });
  afterAll(() => t?.close());

  const courseWith = (needsReview: boolean) =>
    aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      title: 'Payroll at work',
      units: [
        {
          id: 'apply',
          kind: 'evidence',
          title: 'Apply it at work',
          task: 'supervisor-attestation',
          instructions: 'Run one payroll cycle under supervision.',
          needsReview,
        },
      ],
    });

  let supervisors = 0;
  const aRequest = async (needsReview = false) => {
    supervisors += 1;
    const supervisorEmail = `boss${supervisors}@employer.example`;
    const learner = await aLoggedInUser(t.app, t.deps, { name: 'Ana Núñez' });
    const player = playerOf(t.app, learner, await anEnrolment(t.app, learner, await courseWith(needsReview)));
    const submitted = await player.submit('apply', {
      statement: 'I ran the March payroll for 12 people.',
      supervisorName: 'Bea Boss',
      supervisorEmail,
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json().status).toBe('attesting');
    const mail = await t.deps.db
      .selectFrom('mailMessages')
      .select(['subject', 'textBody'])
      .where('toAddress', '=', supervisorEmail)
      .executeTakeFirstOrThrow();
    const token = /\/attestations\/([A-Za-z0-9_-]{43})/.exec(mail.textBody)?.[1] ?? '';
    return { player, token, mail };
  };
  const decide = (token: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/attestations/${token}`, payload });

  it('emails the supervisor a link that shows what to confirm', async () => {
    const { player, token, mail } = await aRequest();
    expect(mail.subject).toBe('Ana Núñez asks you to confirm their work');
    expect(mail.textBody).toContain('I ran the March payroll for 12 people.');
    const page = await t.app.inject({ method: 'GET', url: `/attestations/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      supervisorName: 'Bea Boss',
      learnerName: 'Ana Núñez',
      courseTitle: 'Payroll at work',
      taskTitle: 'Apply it at work',
      decision: null,
    });
    expect((await player.state()).json().units[0].status).toBe('awaiting-supervisor');
    const stored = await t.deps.db.selectFrom('attestations').select('tokenHash').execute();
    expect(stored.map((s) => s.tokenHash)).not.toContain(token);
  });

  it('completes the course when the supervisor confirms a task that needs no review', async () => {
    const { player, token } = await aRequest();
    const confirmed = await decide(token, { decision: 'confirm', comment: 'Done well.' });
    expect(confirmed.json()).toMatchObject({ decision: 'confirmed' });
    const state = (await player.state()).json();
    expect(state.units[0].status).toBe('done');
    expect(state.completion.activityCode).toMatch(/^HRCI-PAY-/);
    expect((await decide(token, { decision: 'decline' })).statusCode).toBe(409);
  });

  it('sends a confirmed task that needs review to the assessor queue', async () => {
    const { token } = await aRequest(true);
    await decide(token, { decision: 'confirm' });
    const queue = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/reviews`,
      headers: issuer.owner.headers,
    });
    expect(queue.json().items.map((i: { submission: { task: string } }) => i.submission.task)).toContain(
      'supervisor-attestation',
    );
  });

  it('shows the assessor that the supervisor confirmed, when, and with what words', async () => {
    const { token, player } = await aRequest(true);
    const decidedAt = new Date(clock.getTime() + 3_600_000);
    clock = decidedAt;
    await decide(token, { decision: 'confirm', comment: 'Ran the March payroll without help.' });
    const submissionId = (await player.open('apply')).json().submission.id;
    const queue = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/reviews`,
      headers: issuer.owner.headers,
    });
    const item = queue
      .json()
      .items.find((i: { submission: { id: string } }) => i.submission.id === submissionId);
    expect(item.attestation).toEqual({
      supervisorName: 'Bea Boss',
      supervisorEmail: `boss${supervisors}@employer.example`,
      decision: 'confirmed',
      decidedAt: decidedAt.toISOString(),
      comment: 'Ran the March payroll without help.',
    });
  });

  it('returns the task to the learner with the supervisor’s words when declined', async () => {
    const { player, token } = await aRequest();
    await decide(token, { decision: 'decline', comment: 'I did not see this happen.' });
    const unit = (await player.open('apply')).json();
    expect(unit.submission).toMatchObject({
      status: 'returned',
      feedback: 'Bea Boss did not confirm: I did not see this happen.',
    });
    const again = await player.submit('apply', {
      statement: 'Second try.',
      supervisorName: 'Carl',
      supervisorEmail: 'carl@employer.example',
    });
    expect(again.json().status).toBe('attesting');
  });

  it('refuses unknown and expired links', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/attestations/${'x'.repeat(43)}` })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ method: 'GET', url: '/attestations/short' })).statusCode).toBe(400);
    const { token } = await aRequest();
    clock = new Date(clock.getTime() + 15 * 86_400_000);
    const late = await decide(token, { decision: 'confirm' });
    expect(late.statusCode).toBe(422);
    expect(late.json().type).toBe('/problems/attestation-expired');
  });
});
