import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment, playerOf } from './testing.ts';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const FORM = 'application/x-www-form-urlencoded';

describe('the supervisor attestation page', () => {
  let t: TestApp;
  let clock = new Date('2026-05-04T08:00:00Z');
  let issuer: TestIssuer;
  let course: string;

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Attest Academy');
    course = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      title: 'Payroll at work',
      units: [
        {
          id: 'apply',
          kind: 'evidence',
          title: 'Apply it at work',
          task: 'supervisor-attestation',
          instructions: 'Run one payroll cycle under supervision.',
          needsReview: false,
        },
      ],
    });
  });
  afterAll(() => t?.close());

  let supervisors = 0;
  /** A learner who asks a supervisor to attest; the token from the emailed link. */
  const aRequest = async (
    learnerName = 'Ana Núñez',
    statement = 'I ran the March payroll for 12 people.',
  ) => {
    supervisors += 1;
    const supervisorEmail = `page-boss${supervisors}@employer.example`;
    const learner = await aLoggedInUser(t.app, t.deps, { name: learnerName });
    const player = playerOf(t.app, learner, await anEnrolment(t.app, learner, course));
    const submitted = await player.submit('apply', {
      statement,
      supervisorName: 'Bea Boss',
      supervisorEmail,
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const mail = await t.deps.db
      .selectFrom('mailMessages')
      .select('textBody')
      .where('toAddress', '=', supervisorEmail)
      .executeTakeFirstOrThrow();
    const token = /\/attestations\/([A-Za-z0-9_-]{43})/.exec(mail.textBody)?.[1] ?? '';
    return { player, token };
  };
  const open = (token: string, query = '', headers: Record<string, string> = { accept: BROWSER }) =>
    t.app.inject({ method: 'GET', url: `/attestations/${token}${query}`, headers });
  const answer = (token: string, form: Record<string, string>, query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/attestations/${token}${query}`,
      headers: { accept: BROWSER, 'content-type': FORM },
      payload: new URLSearchParams(form).toString(),
    });

  it('shows a browser what is attested and a form to confirm or decline', async () => {
    const { token } = await aRequest();
    const page = await open(token);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('<h1>Did Ana Núñez apply this at work?</h1>');
    for (const text of [
      'Payroll at work',
      'Apply it at work',
      'Run one payroll cycle under supervision.',
      'I ran the March payroll for 12 people.',
      'Bea Boss',
      'May 18, 2026',
    ])
      expect(page.body).toContain(text);
    expect(page.body).toContain(`<form class="panel" method="post" action="/attestations/${token}?lang=en"`);
    expect(page.body).toContain('<label for="comment">');
    expect(page.body).toContain('name="decision" value="confirm"');
    expect(page.body).toContain('name="decision" value="decline"');
    expect(page.body).not.toMatch(/<script|style=/);
  });

  it('keeps answering JSON to API clients, by Accept header or ?format=json', async () => {
    const { token } = await aRequest();
    const byHeader = await open(token, '', { accept: 'application/json' });
    expect(byHeader.json()).toMatchObject({ learnerName: 'Ana Núñez', decision: null });
    expect((await open(token, '?format=json')).json()).toMatchObject({ courseTitle: 'Payroll at work' });
  });

  it('records a confirmation sent through the form, and the learner sees it', async () => {
    const { token, player } = await aRequest();
    const result = await answer(token, { decision: 'confirm', comment: '' });
    expect(result.statusCode, result.body).toBe(200);
    expect(result.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(result.body).toContain('Thank you: you confirmed it');
    expect(result.body).toContain('It was confirmed on');
    const state = (await player.state()).json();
    expect(state.units[0].status).toBe('done');
    expect(state.completion.activityCode).toMatch(/^HRCI-PAY-/);
    expect((await open(token, '', { accept: 'application/json' })).json()).toMatchObject({
      decision: 'confirmed',
    });
  });

  it('records a decline with its comment, returned to the learner', async () => {
    const { token, player } = await aRequest();
    const result = await answer(token, { decision: 'decline', comment: '  I did not see this happen.  ' });
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Thank you: you did not confirm it');
    expect(result.body).toContain('I did not see this happen.');
    const unit = (await player.open('apply')).json();
    expect(unit.submission).toMatchObject({
      status: 'returned',
      feedback: 'Bea Boss did not confirm: I did not see this happen.',
    });
  });

  it('shows a used link as already answered: 200 to look at, 409 to answer again', async () => {
    const { token } = await aRequest();
    await answer(token, { decision: 'confirm', comment: 'Well done.' });
    const page = await open(token);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This request was already answered');
    expect(page.body).toContain('Well done.');
    expect(page.body).not.toContain('<form');
    const again = await answer(token, { decision: 'decline' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(again.body).toContain('This request was already answered');
    expect(again.body).toContain('It was confirmed on');
    const json = await t.app.inject({
      method: 'POST',
      url: `/attestations/${token}`,
      payload: { decision: 'decline' },
    });
    expect(json.statusCode).toBe(409);
    expect(json.json().type).toBe('/problems/attestation-already-decided');
  });

  it('shows unknown and malformed links as not found', async () => {
    const unknown = await open('x'.repeat(43));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('We could not find this request');
    const cut = await open('abc123');
    expect(cut.statusCode).toBe(400);
    expect(cut.body).toContain('We could not find this request');
    const posted = await answer('y'.repeat(43), { decision: 'confirm' });
    expect(posted.statusCode).toBe(404);
    expect(posted.body).toContain('We could not find this request');
  });

  it('shows the form again with the problem when the answer cannot be read', async () => {
    const { token, player } = await aRequest();
    const result = await answer(token, { comment: 'No button pressed' });
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('role="alert"');
    expect(result.body).toContain('Your answer could not be read');
    expect(result.body).toContain('<form');
    expect((await player.state()).json().units[0].status).toBe('awaiting-supervisor');
  });

  it('ignores a logged-in visitor’s session: the link alone decides, without a CSRF token', async () => {
    const { token } = await aRequest();
    const visitor = await aLoggedInUser(t.app, t.deps);
    const result = await t.app.inject({
      method: 'POST',
      url: `/attestations/${token}`,
      headers: { accept: BROWSER, 'content-type': FORM, cookie: visitor.headers.cookie },
      payload: 'decision=confirm',
    });
    expect(result.statusCode).toBe(200);
  });

  it('escapes the learner’s name and statement', async () => {
    const { token } = await aRequest('<script>alert(1)</script>', '<img src=x onerror=alert(2)> done');
    const page = await open(token);
    expect(page.body).not.toContain('<script>');
    expect(page.body).not.toContain('<img');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).toContain('&lt;img src=x onerror=alert(2)&gt; done');
  });

  it('speaks Spanish with ?lang=es, through to the result page', async () => {
    const { token } = await aRequest();
    const page = await open(token, '?lang=es');
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('¿Aplicó Ana Núñez esto en el trabajo?');
    expect(page.body).toContain('18 de mayo de 2026');
    expect(page.body).toContain(`action="/attestations/${token}?lang=es"`);
    expect(page.body).toContain('>No confirmar</button>');
    const result = await answer(token, { decision: 'decline' }, '?lang=es');
    expect(result.body).toContain('Gracias: no lo ha confirmado');
    expect((await open(token, '?lang=es')).body).toContain('Esta solicitud ya fue respondida');
  });

  it('shows an expired link as expired, with 410, and does not take the answer', async () => {
    const { token, player } = await aRequest();
    clock = new Date(clock.getTime() + 15 * 86_400_000);
    try {
      const page = await open(token);
      expect(page.statusCode).toBe(410);
      expect(page.body).toContain('This link has expired');
      const late = await answer(token, { decision: 'confirm' });
      expect(late.statusCode).toBe(410);
      expect(late.body).toContain('This link has expired');
    } finally {
      clock = new Date(clock.getTime() - 15 * 86_400_000);
    }
    expect((await player.state()).json().units[0].status).toBe('awaiting-supervisor');
  });
});
