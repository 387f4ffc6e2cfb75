// A badge's public page before it is earned (GET /api/v1/catalog/badges/{id}), the learner's holdings the
// storefront reads (GET /api/v1/me/holdings), and the "Accept your badge" mail showing the badge and issuer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { badgeMailsTo } from '../badges/award-testing.ts';
import { aDraftBadge, aPublishedBadge } from '../badges/testing.ts';
import { aPricedCourse } from '../commerce/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import type { TestIssuer } from '../issuing/testing.ts';
import { multipartFile } from '../learning/testing.ts';
import { renderMail } from '../mail/templates.ts';
import { anAcceptedBadge } from '../showcase/testing.ts';
import { importOnet, sampleDirectory } from '../skills/index.ts';

const LOGO = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" height="20" fill="#1d4ed8"/></svg>',
);

describe('the public page of a badge and the learner’s holdings', { timeout: 180_000 }, () => {
  let t: TestApp;
  let held: Awaited<ReturnType<typeof anAcceptedBadge>>;
  let issuer: TestIssuer;
  let pricedCourseId: string;
  let pathwayId: string;
  let stranger: TestSession & { email: string };

  const page = (badgeId: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/v1/catalog/badges/${badgeId}`, headers });
  const holdings = (headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: '/api/v1/me/holdings', headers });

  beforeAll(async () => {
    t = await createTestApp();
    await importOnet(t.deps.db, sampleDirectory('onet'));
    held = await anAcceptedBadge(t.app, t.deps, { badgeName: 'Payroll basics' });
    issuer = held.issuer;
    const form = multipartFile('logo.svg', LOGO);
    const logo = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${issuer.orgId}/logo`,
      headers: { ...issuer.owner.headers, ...form.headers },
      payload: form.payload,
    });
    expect(logo.statusCode, logo.body).toBe(200);
    pricedCourseId = await aPricedCourse(t, issuer, { priceMinor: 4_900, title: 'Year-end payroll' });
    const [firstCourse] = (held.badge.requirements as { items: Array<{ courseId: string }> }).items.map(
      (item) => item.courseId,
    );
    pathwayId = (
      await aPublishedBadge(t.app, issuer, {
        courseIds: [firstCourse!, pricedCourseId],
        badgeIds: [held.badge.id],
        name: 'Payroll professional',
        validityDays: 730,
        extra: {
          description: 'Runs payroll for a whole year, closing included.',
          criteriaNarrative: 'Complete **both** courses and hold *Payroll basics*.',
          level: 'Intermediate',
          skills: [{ name: 'Active Listening', concept: { framework: 'onet', code: '2.A.1.b' } }],
        },
      })
    ).id;
    stranger = await aLoggedInUser(t.app, t.deps);
  });
  afterAll(() => t?.close());

  it('shows anyone a published badge: what it asserts, its skills, requirements with prices, time, validity and issuer', async () => {
    const response = await page(pathwayId);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      id: pathwayId,
      name: 'Payroll professional',
      description: 'Runs payroll for a whole year, closing included.',
      criteria: 'Complete **both** courses and hold *Payroll basics*.',
      level: 'Intermediate',
      version: 1,
      validityDays: 730,
      requirements: { required: null },
      issuer: { id: issuer.orgId, name: expect.any(String) },
    });
    expect(body.criteriaHtml).toContain('<strong>both</strong>');
    expect(body.imageUrl).toMatch(new RegExp(`/achievements/${pathwayId}/versions/1/image$`));
    expect(body.issuer.logoUrl).toMatch(/^\/org-logos\/[0-9a-f-]{36}\.svg$/);
    expect(body.skills).toEqual([
      expect.objectContaining({ name: 'Active Listening', framework: expect.stringMatching(/O\*NET/) }),
    ]);
    expect(body.requirements.items).toEqual([
      expect.objectContaining({
        kind: 'course',
        title: 'Payroll in one lesson',
        price: null,
        available: true,
      }),
      expect.objectContaining({
        kind: 'course',
        courseId: pricedCourseId,
        title: 'Year-end payroll',
        price: { amountMinor: 4_900, currency: 'EUR' },
        accessDays: 365,
        available: true,
      }),
      { kind: 'badge', badgeId: held.badge.id, name: 'Payroll basics', available: true },
    ]);
    expect(body.estimatedMinutes).toBeGreaterThan(0);
  });

  it('gives away nothing private: no drafts, colours, disclosure settings, owners or learners', async () => {
    const body = (await page(pathwayId)).json();
    expect(Object.keys(body).sort()).toEqual(
      [
        'criteria',
        'criteriaHtml',
        'description',
        'estimatedMinutes',
        'id',
        'imageUrl',
        'issuer',
        'level',
        'name',
        'publishedAt',
        'requirements',
        'skills',
        'validityDays',
        'version',
      ].sort(),
    );
    const text = JSON.stringify(body);
    expect(text).not.toContain(held.learner.email);
    expect(text).not.toContain('@');
    expect(text).not.toMatch(/disclose|colors|imageKey|activityCode/);
  });

  it('answers 404 problem+json for a draft, an archived or an unknown badge, and 400 for a malformed id', async () => {
    const draft = await aDraftBadge(t.app, issuer, { courseIds: [pricedCourseId], name: 'Not yet' });
    const archivedBadge = await aPublishedBadge(t.app, issuer, { courseIds: [pricedCourseId] });
    const archived = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${archivedBadge.id}/archive`,
      headers: issuer.owner.headers,
    });
    expect(archived.statusCode, archived.body).toBe(200);
    for (const id of [draft.id, archivedBadge.id, '00000000-0000-4000-8000-000000000000']) {
      // Even the issuer's own owner: this is the public page, not the editor.
      const response = await page(id, issuer.owner.headers);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).not.toContain('Not yet');
    }
    const malformed = await page('not-a-uuid');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
  });

  it('tells a learner the courses they took and the badges they hold, with the award to open', async () => {
    const response = await holdings(held.learner.headers);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.courses).toEqual([
      expect.objectContaining({ completed: true, open: true, enrolmentId: expect.any(String) }),
    ]);
    expect(body.badges).toEqual([
      { badgeId: held.badge.id, awardId: held.award.id, accepted: true, expired: false },
    ]);
  });

  it('keeps holdings to the caller: another learner sees none of them, a visitor is asked to log in', async () => {
    const other = await holdings(stranger.headers);
    expect(other.statusCode).toBe(200);
    expect(other.json()).toEqual({ courses: [], badges: [] });
    const visitor = await holdings({});
    expect(visitor.statusCode).toBe(401);
    expect(visitor.headers['content-type']).toContain('application/problem+json');
  });

  it('shows the badge picture and the issuer (name and logo) in the accept mail, the text part unchanged', async () => {
    const [mail] = await badgeMailsTo(t.deps, held.learner.email);
    const base = t.deps.config.publicUrl;
    const image = `${base}/achievements/${held.badge.id}/versions/1/image`;
    expect(mail!.htmlBody).toContain(`<img src="${image}" width="120" height="120" alt="Payroll basics"`);
    expect(mail!.htmlBody).toContain('Issued by ');
    // The logo was uploaded after this award: the mail names the issuer without it.
    expect(mail!.htmlBody).not.toContain('/org-logos/');
    expect(mail!.textBody).not.toContain('<img');
    expect(mail!.textBody).toContain('has awarded you the badge “Payroll basics”');
    expect(mail!.textBody).toContain('/claim/');
  });

  it('names the issuer with its logo, in Spanish too, when the issuer has one', () => {
    const template = {
      kind: 'badge-awarded' as const,
      name: 'Zoë',
      issuerName: 'Academia <Norte>',
      badgeName: 'Nóminas «básicas»',
      link: 'https://tessera.example/claim/abc',
      days: 30,
      badgeImageUrl: 'https://tessera.example/achievements/b/versions/1/image',
      issuerLogoUrl: 'https://tessera.example/org-logos/l.svg',
    };
    const es = renderMail('es', template);
    expect(es.html).toContain('alt="Nóminas «básicas»"');
    expect(es.html).toContain('Emitida por Academia &lt;Norte&gt;');
    expect(es.html).toContain('<img src="https://tessera.example/org-logos/l.svg" alt=""');
    const en = renderMail('en', template);
    expect(en.html).toContain('Issued by Academia &lt;Norte&gt;');
    const { badgeImageUrl: _image, issuerLogoUrl: _logo, ...plain } = template;
    // The plain-text part says the same with or without the pictures.
    expect(renderMail('es', plain).text).toBe(es.text);
    expect(renderMail('es', plain).html).not.toContain('<img');
  });

  it('puts the issuer logo in the mail of an award made after the logo was uploaded', async () => {
    const learner = await aLoggedInUser(t.app, t.deps);
    const awarded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${held.badge.id}/awards`,
      headers: issuer.owner.headers,
      payload: { email: learner.email, name: 'Ana' },
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
    const [mail] = await badgeMailsTo(t.deps, learner.email);
    expect(mail!.htmlBody).toMatch(
      new RegExp(`<img src="${t.deps.config.publicUrl}/org-logos/[0-9a-f-]{36}\\.svg" alt=""`),
    );
  });
});
