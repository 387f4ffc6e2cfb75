import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse, sampleCourse } from '../catalog/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { prefersHtml } from './pages.ts';
import { anEnrolment, playerOf } from './testing.ts';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8';

describe('the certificate check page', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let course: string;

  beforeAll(async () => {
    t = await createTestApp({ now: () => new Date('2026-03-01T09:00:00Z') });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Academia <b>Nómina</b>');
    course = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      title: 'Gestión de nóminas',
      estimatedMinutes: 75,
      units: sampleCourse().units.filter((u) => u.kind === 'assessment'),
    });
  });
  afterAll(() => t?.close());

  /** A learner who completes the quiz-only course; its activity code. */
  const aCompletion = async (name: string): Promise<string> => {
    const learner = await aLoggedInUser(t.app, t.deps, { name });
    const player = playerOf(t.app, learner, await anEnrolment(t.app, learner, course));
    await player.answer('quiz', 'q1', { optionIds: ['gross'] });
    return (await player.answer('quiz', 'q2', { number: 52 })).json().completion.activityCode;
  };
  const open = (url: string, headers: Record<string, string> = { accept: BROWSER }) =>
    t.app.inject({ method: 'GET', url, headers });

  it('shows a browser that the certificate is genuine, with what it states', async () => {
    const code = await aCompletion('Lena Learner');
    const page = await open(`/certificates/${code}`, {
      accept: BROWSER,
      'accept-language': 'en-GB,en;q=0.8',
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers.vary).toContain('Accept');
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('This certificate is genuine');
    for (const fact of ['Lena Learner', 'Gestión de nóminas', 'March 1, 2026', '1.25', code])
      expect(page.body).toContain(fact);
    expect(page.body).toContain('Academia &lt;b&gt;Nómina&lt;/b&gt;');
    expect(page.body).toContain('<link rel="stylesheet" href="/certificates/pages.css">');
    expect(page.body).not.toMatch(/<script|style=/);
    const css = await open('/certificates/pages.css', {});
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('keeps answering JSON to API clients, by Accept header or ?format=json', async () => {
    const code = await aCompletion('Jay Son');
    const expected = { valid: true, activityCode: code, learnerName: 'Jay Son', hours: 1.25 };
    const byHeader = await open(`/certificates/${code}`, { accept: 'application/json' });
    expect(byHeader.headers['content-type']).toContain('application/json');
    expect(byHeader.json()).toMatchObject(expected);
    expect((await open(`/certificates/${code}?format=json`)).json()).toMatchObject(expected);
    expect((await open(`/certificates/${code}`, {})).json()).toMatchObject(expected);
    const unknown = await open('/certificates/HRCI-PAY-00000-00000', { accept: 'application/json' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('says plainly, with 404, that no certificate has an unknown code', async () => {
    const page = await open('/certificates/HRCI-PAY-00000-00000');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('No certificate has this code');
    expect(page.body).toContain('HRCI-PAY-00000-00000');
    expect(page.body).not.toContain('This certificate is genuine');
    const tooLong = await open(`/certificates/${'X'.repeat(61)}`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('No certificate has this code');
  });

  it('escapes a learner name and a code that contain markup', async () => {
    const code = await aCompletion('<script>alert(1)</script> Mallory');
    const page = await open(`/certificates/${code}`);
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Mallory');
    const probe = await open(`/certificates/${encodeURIComponent('"><script>x</script>')}`);
    expect(probe.statusCode).toBe(404);
    expect(probe.body).not.toContain('<script>');
    expect(probe.body).toContain('&quot;&gt;&lt;script&gt;x&lt;/script&gt;');
  });

  it('speaks Spanish with ?lang=es or Accept-Language, dates and numbers included', async () => {
    const code = await aCompletion('Ana Núñez');
    const page = await open(`/certificates/${code}?lang=es`);
    expect(page.headers['content-language']).toBe('es');
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('Este certificado es auténtico');
    expect(page.body).toContain('1 de marzo de 2026');
    expect(page.body).toContain('1,25');
    const byHeader = await open(`/certificates/${code}`, { accept: BROWSER, 'accept-language': 'es-MX,es' });
    expect(byHeader.body).toContain('Código de actividad');
    const unknown = await open('/certificates/NOPE?lang=es');
    expect(unknown.body).toContain('Ningún certificado tiene este código');
  });
});

describe('choosing HTML or JSON', () => {
  it.each([
    [BROWSER, undefined, true],
    ['*/*', undefined, true],
    ['application/json', undefined, false],
    ['application/json, text/plain, */*', undefined, false],
    ['text/html;q=0.5, application/json', undefined, false],
    ['text/html, application/json;q=0.9', undefined, true],
    [undefined, undefined, false],
    [BROWSER, 'json', false],
    ['application/json', 'html', true],
  ])('Accept %s with ?format=%s → HTML is %s', (accept, format, html) => {
    expect(prefersHtml(accept, format)).toBe(html);
  });
});
