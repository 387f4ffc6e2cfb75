import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { sampleCourse } from '../catalog/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { importOnet, sampleDirectory } from '../skills/index.ts';
import { findVersion, latestPublishedVersion, publishedVersionsRequiring } from './definition-store.ts';
import { aDraftBadge, aPublishedBadge, aPublishedCourse, sampleBadge } from './testing.ts';

describe('badge definitions', { timeout: 120_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let other: TestIssuer;
  let payroll: string; // 60 minutes
  let taxes: string; // 90 minutes
  let ethics: string; // 30 minutes

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Badge Academy');
    other = await anIssuerWithOwner(t.app, t.deps, 'Other Academy');
    payroll = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title: 'Payroll basics' });
    taxes = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      title: 'Payroll taxes',
      estimatedMinutes: 90,
    });
    ethics = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      title: 'Ethics',
      estimatedMinutes: 30,
    });
    // Skills align to O*NET concepts of the shipped sample, as on a fresh install.
    await importOnet(t.deps.db, sampleDirectory('onet'));
  });
  afterAll(() => t?.close());

  const badges = (path = '') => `/api/v1/orgs/${issuer.orgId}/badges${path}`;
  const as = (
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    payload?: object,
    headers = issuer.owner.headers,
  ) => t.app.inject({ method, url: badges(path), headers, ...(payload ? { payload } : {}) });
  const publish = (badgeId: string) => as('POST', `/${badgeId}/publish`);
  const problemPaths = (response: { json(): { errors?: Array<{ path: string; message: string }> } }) =>
    (response.json().errors ?? []).map((e) => `${e.path}: ${e.message}`);
  const listening = { framework: 'onet', code: '2.A.1.b' };

  it('drafts a badge with a three-year validity, generated criteria and the courses’ time to earn', async () => {
    const created = await as('POST', '', sampleBadge({ courseIds: [payroll, taxes], name: 'Payroll pro' }));
    expect(created.statusCode, created.body).toBe(201);
    const badge = created.json();
    expect(badge).toMatchObject({
      state: 'draft',
      validityDays: 1095,
      criteriaNarrative: null,
      estimatedMinutes: 150,
      latestVersion: null,
      hasImage: false,
      requirementNames: { [`course:${payroll}`]: 'Payroll basics', [`course:${taxes}`]: 'Payroll taxes' },
    });
    expect(badge.generatedCriteria).toBe(
      'To earn this badge, meet all of the following:\n\n- Complete the course "Payroll basics".\n- Complete the course "Payroll taxes".',
    );
    const achievement = await t.app.inject({ method: 'GET', url: `/achievements/${badge.id}` });
    expect(achievement.statusCode).toBe(404);
  });

  it('publishes version 1 with the generated narrative and indexes its requirements', async () => {
    const draft = await aDraftBadge(t.app, issuer, { courseIds: [payroll, taxes] });
    const published = await publish(draft.id);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ state: 'published', latestVersion: { number: 1 } });
    const version = await latestPublishedVersion(t.deps.db, draft.id);
    expect(version).toMatchObject({ number: 1, estimatedMinutes: 150, validityDays: 1095 });
    expect(version?.criteriaNarrative).toContain('Complete the course "Payroll taxes".');
    const requiringTaxes = await publishedVersionsRequiring(t.deps.db, 'course', taxes);
    expect(requiringTaxes.map((v) => v.id)).toContain(version?.id);
  });

  it('keeps a published version unchanged when the draft changes, and publishes the change as version 2', async () => {
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [payroll], name: 'First name' });
    const v1 = badge.latestVersion.id;
    const edited = await as('PATCH', `/${badge.id}`, {
      name: 'Second name',
      criteriaNarrative: 'Show us **everything**.',
      requirements: { items: [{ kind: 'course', courseId: ethics }], required: null },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      name: 'Second name',
      state: 'published',
      latestVersion: { number: 1 },
    });
    expect(edited.json().validityDays).toBe(1095); // a PATCH leaves out what it does not name
    expect((await latestPublishedVersion(t.deps.db, badge.id))?.name).toBe('First name');

    const republished = await publish(badge.id);
    expect(republished.json().latestVersion.number).toBe(2);
    const first = await findVersion(t.deps.db, v1);
    expect(first).toMatchObject({ number: 1, name: 'First name', estimatedMinutes: 60 });
    expect(first?.requirements.items).toEqual([{ kind: 'course', courseId: payroll }]);
    const second = await latestPublishedVersion(t.deps.db, badge.id);
    expect(second).toMatchObject({
      number: 2,
      name: 'Second name',
      criteriaNarrative: 'Show us **everything**.',
    });
    const viaPayroll = (await publishedVersionsRequiring(t.deps.db, 'course', payroll)).map((v) => v.badgeId);
    expect(viaPayroll).not.toContain(badge.id);
    const viaEthics = await publishedVersionsRequiring(t.deps.db, 'course', ethics);
    expect(viaEthics.map((v) => v.id)).toContain(second?.id);
  });

  it('counts the quickest n courses of an "n of m" badge and badges by their version’s estimate', async () => {
    const twoOfThree = await aPublishedBadge(t.app, issuer, {
      courseIds: [payroll, taxes, ethics],
      required: 2,
    });
    expect(twoOfThree.estimatedMinutes).toBe(90);
    expect(twoOfThree.generatedCriteria).toContain('meet 2 of the following 3:');
    const stacked = await aPublishedBadge(t.app, issuer, { courseIds: [taxes], badgeIds: [twoOfThree.id] });
    expect(stacked.estimatedMinutes).toBe(180);
    expect(stacked.generatedCriteria).toContain(`- Earn the badge "${twoOfThree.name}".`);
  });

  it('refuses requirements naming unknown courses or another organization’s', async () => {
    const foreign = await aPublishedCourse(t.app, other.orgId, other.owner);
    const response = await as(
      'POST',
      '',
      sampleBadge({ courseIds: [payroll, '00000000-0000-4000-8000-000000000000', foreign] }),
    );
    expect(response.statusCode).toBe(400);
    expect(problemPaths(response)).toEqual([
      'requirements.items.1: no such course in this organization',
      'requirements.items.2: no such course in this organization',
    ]);
  });

  it('refuses a requirement listed twice and an "n of m" out of range', async () => {
    const twice = await as('POST', '', sampleBadge({ courseIds: [payroll, payroll] }));
    expect(problemPaths(twice)).toEqual(['requirements.items.1: is listed twice']);
    const tooMany = await as('POST', '', sampleBadge({ courseIds: [payroll, taxes], required: 3 }));
    expect(problemPaths(tooMany)).toEqual(['requirements.required: must be between 1 and 2']);
    const none = await as('POST', '', sampleBadge({ courseIds: [payroll], required: 0 }));
    expect(none.statusCode).toBe(400);
  });

  it('drafts with an unpublished course but publishes only once every requirement is published', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/courses`,
      headers: issuer.owner.headers,
      payload: sampleCourse({ title: 'Still a draft' }),
    });
    const draftCourse = created.json().id as string;
    const unpublishedBadge = await aDraftBadge(t.app, issuer, { courseIds: [payroll] });
    const badge = await aDraftBadge(t.app, issuer, {
      courseIds: [draftCourse],
      badgeIds: [unpublishedBadge.id],
    });
    const refused = await publish(badge.id);
    expect(refused.statusCode).toBe(400);
    expect(problemPaths(refused)).toEqual([
      'requirements.items.0: the course "Still a draft" is not published',
      `requirements.items.1: the badge "${unpublishedBadge.name}" is not published`,
    ]);
    expect((await as('GET', `/${badge.id}`)).json().state).toBe('draft');
  });

  it('refuses to publish without requirements or with an evidence task the course does not have', async () => {
    const empty = await aDraftBadge(t.app, issuer, { courseIds: [] });
    expect(problemPaths(await publish(empty.id))).toEqual([
      'requirements.items: needs at least one requirement',
    ]);
    const evidence = await aDraftBadge(t.app, issuer, {
      courseIds: [],
      extra: {
        requirements: {
          items: [
            { kind: 'evidence', courseId: payroll, unitId: 'essay' },
            { kind: 'evidence', courseId: payroll, unitId: 'quiz' },
          ],
          required: null,
        },
      },
    });
    expect(evidence.requirementNames).toMatchObject({ [`evidence:${payroll}:essay`]: 'Reflect' });
    expect(problemPaths(await publish(evidence.id))).toEqual([
      'requirements.items.1: the course "Payroll basics" has no evidence task "quiz"',
    ]);
  });

  it('refuses a cycle of badges (A requires B requires A) and a badge requiring itself', async () => {
    const a = await aPublishedBadge(t.app, issuer, { courseIds: [payroll] });
    const b = await aPublishedBadge(t.app, issuer, { courseIds: [], badgeIds: [a.id] });
    const edited = await as('PATCH', `/${a.id}`, {
      requirements: { items: [{ kind: 'badge', badgeId: b.id }], required: null },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const refused = await publish(a.id);
    expect(problemPaths(refused)).toEqual([
      'requirements.items.0: that badge already requires this one (a cycle)',
    ]);
    expect((await latestPublishedVersion(t.deps.db, a.id))?.number).toBe(1);
    const itself = await as('PATCH', `/${a.id}`, {
      requirements: { items: [{ kind: 'badge', badgeId: a.id }], required: null },
    });
    expect(problemPaths(itself)).toEqual(['requirements.items.0: a badge cannot require itself']);
  });

  it('lets any member read badges but only owners, admins and staff write them; others see 404', async () => {
    const assessor = await aLoggedInUser(t.app, t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: assessor.email, role: 'assessor' },
    });
    expect(added.statusCode).toBe(201);
    const body = sampleBadge({ courseIds: [payroll] });
    expect((await as('POST', '', body, assessor.headers)).statusCode).toBe(403);
    expect((await as('GET', '', undefined, assessor.headers)).statusCode).toBe(200);
    const learner = await aLoggedInUser(t.app, t.deps);
    const refused = await as('POST', '', body, learner.headers);
    expect(refused.statusCode).toBe(404);
    expect((await as('GET', '', undefined, learner.headers)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: badges() })).statusCode).toBe(401);
  });

  it('archives a badge: no longer awarded, while its Achievement stays resolvable', async () => {
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [ethics] });
    const archived = await as('POST', `/${badge.id}/archive`);
    expect(archived.json().state).toBe('archived');
    expect(await latestPublishedVersion(t.deps.db, badge.id)).toBeUndefined();
    expect(
      (await publishedVersionsRequiring(t.deps.db, 'course', ethics)).map((v) => v.badgeId),
    ).not.toContain(badge.id);
    expect((await t.app.inject({ method: 'GET', url: `/achievements/${badge.id}` })).statusCode).toBe(200);
    const listed = (await as('GET', '')).json().items.map((b: { id: string }) => b.id);
    expect(listed).toContain(badge.id);
  });

  it('serves the Achievement of the latest version with alignments for skills that have a url', async () => {
    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [payroll],
      name: 'Aligned badge',
      extra: {
        level: 'Intermediate',
        skills: [
          {
            name: 'Payroll Clerks',
            framework: 'O*NET-SOC',
            code: '43-3051.00',
            url: 'https://www.onetonline.org/link/summary/43-3051.00',
          },
          { name: 'Spreadsheets' },
          { name: 'Listening', concept: listening, level: 5 },
        ],
      },
    });
    const response = await t.app.inject({ method: 'GET', url: `/achievements/${badge.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    const url = `${t.deps.config.publicUrl}/achievements/${badge.id}`;
    expect(response.json()).toMatchObject({
      id: url,
      type: ['Achievement'],
      achievementType: 'Badge',
      name: 'Aligned badge',
      criteria: { id: `${url}#criteria`, narrative: expect.stringContaining('Payroll basics') },
      image: { id: `${url}/versions/1/image`, type: 'Image' },
      alignment: [
        {
          type: ['Alignment'],
          targetName: 'Payroll Clerks',
          targetUrl: 'https://www.onetonline.org/link/summary/43-3051.00',
          targetFramework: 'O*NET-SOC',
          targetCode: '43-3051.00',
        },
        {
          type: ['Alignment'],
          targetName: 'Listening',
          targetUrl: 'https://www.onetonline.org/find/descriptor/result/2.A.1.b',
          targetFramework: 'O*NET 29.3',
          targetCode: '2.A.1.b',
          targetType: 'ceasn:Competency',
          targetDescription: expect.stringMatching(/^Giving full attention/),
        },
      ],
      tag: ['Intermediate', 'Payroll Clerks', 'Spreadsheets', 'Listening'],
      version: '1',
      creator: { id: `did:web:localhost%3A3000:issuers:${issuer.slug}`, name: 'Badge Academy' },
    });
  });

  it('aligns a skill to an imported concept on draft and edit, and refuses an unknown concept with 400', async () => {
    const draft = await aDraftBadge(t.app, issuer, {
      courseIds: [payroll],
      extra: { skills: [{ name: 'Listening', concept: listening, level: 4 }, { name: 'Payroll' }] },
    });
    expect(draft.skills).toEqual([
      {
        name: 'Listening',
        framework: 'O*NET 29.3',
        code: '2.A.1.b',
        url: 'https://www.onetonline.org/find/descriptor/result/2.A.1.b',
        concept: listening,
        level: 4,
      },
      { name: 'Payroll' },
    ]);
    const stored = await t.deps.db
      .selectFrom('badges')
      .select('skills')
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(stored.skills[0]?.description).toMatch(/^Giving full attention/);
    const unknown = { name: 'Made up', concept: { framework: 'onet', code: '9.Z.9.z' } };
    const refused = await as('PATCH', `/${draft.id}`, { skills: [{ name: 'Payroll' }, unknown] });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(problemPaths(refused)).toEqual(['skills.1.concept: "9.Z.9.z" is not an imported O*NET concept']);
    const created = await as('POST', '', sampleBadge({ courseIds: [payroll], extra: { skills: [unknown] } }));
    expect(problemPaths(created)).toEqual(['skills.0.concept: "9.Z.9.z" is not an imported O*NET concept']);
    const described = await as('PATCH', `/${draft.id}`, { skills: [{ name: 'A', description: 'mine' }] });
    expect(described.statusCode).toBe(400);
  });

  it('offers the skills of the courses its requirements name, each once and without those on the badge', async () => {
    const course = (title: string, skills: unknown[]) =>
      aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title, skills });
    const first = await course('Listening at work', [
      { name: 'Active listening', concept: listening, level: 3 },
      'Payroll',
      'Note taking',
    ]);
    const second = await course('Interviews', [
      { name: 'Listening', concept: listening },
      'NOTE TAKING',
      'Rapport',
    ]);
    const badge = await aDraftBadge(t.app, issuer, {
      courseIds: [first],
      extra: {
        skills: [{ name: 'payroll' }],
        requirements: {
          items: [
            { kind: 'course', courseId: first },
            { kind: 'evidence', courseId: second, unitId: 'essay' },
          ],
          required: null,
        },
      },
    });
    const offered = (await as('GET', `/${badge.id}`)).json().courseSkills as Array<{ name: string }>;
    expect(offered.map((s) => s.name)).toEqual(['Active listening', 'Note taking', 'Rapport']);
    expect(offered[0]).toMatchObject({ concept: listening, level: 3, framework: 'O*NET 29.3' });
    expect(offered[0]).not.toHaveProperty('description');
    const aligned = await as('PATCH', `/${badge.id}`, { skills: [offered[0]] });
    expect(aligned.statusCode, aligned.body).toBe(200);
    expect(aligned.json().courseSkills.map((s: { name: string }) => s.name)).toEqual([
      'Payroll',
      'Note taking',
      'Rapport',
    ]);
  });
});
