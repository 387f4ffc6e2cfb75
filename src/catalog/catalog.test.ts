import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { up as skillObjects } from '../db/migrations/0020_course_skill_objects.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { multipartFile } from '../learning/testing.ts';
import { importOnet, sampleDirectory } from '../skills/index.ts';
import { aPublishedCourse, sampleCourse } from './testing.ts';

describe('authoring and the catalog', { timeout: 120_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let learner: TestSession;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Catalog Academy');
    learner = await aLoggedInUser(t.app, t.deps);
    // Course skills align to O*NET concepts of the shipped sample, as on a fresh install.
    await importOnet(t.deps.db, sampleDirectory('onet'));
  });
  afterAll(() => t?.close());

  const courses = `/api/v1/orgs/${'ORG'}/courses`;
  const url = (path = '') => courses.replace('ORG', issuer.orgId) + path;
  const author = (method: 'POST' | 'PATCH' | 'GET', path: string, payload?: object) =>
    t.app.inject({ method, url: url(path), headers: issuer.owner.headers, ...(payload ? { payload } : {}) });
  const catalog = (query = '') => t.app.inject({ method: 'GET', url: `/api/v1/catalog/courses${query}` });

  it('drafts a course, renders its lesson safely and keeps it out of the catalog until published', async () => {
    const created = await author('POST', '', sampleCourse({ title: 'Draft only course' }));
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body.state).toBe('draft');
    expect(body.accessDays).toBe(365);
    expect(body.units[0].html).toContain('<strong>on time</strong>');
    expect(body.units[1].questions[0].options[0].correct).toBe(true);
    const listed = (await catalog('?q=draft%20only')).json();
    expect(listed.items).toEqual([]);
  });

  it('previews a draft as learners will see it, without answers or feedback', async () => {
    const created = await author('POST', '', sampleCourse({ title: 'Preview me' }));
    const preview = await author('GET', `/${created.json().id}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().units.map((u: { id: string }) => u.id)).toEqual(['intro', 'quiz', 'essay']);
    expect(preview.body).not.toMatch(/"correct"|feedback|"answer"|tolerance/);
  });

  it('publishes revision 1, then publishes later edits as revision 2 while revision 1 stays as it was', async () => {
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title: 'Revised course' });
    const first = (await t.app.inject({ method: 'GET', url: `/api/v1/catalog/courses/${courseId}` })).json();
    expect(first.revision).toBe(1);
    const edited = await author('PATCH', `/${courseId}`, { title: 'Revised course 2027' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().latestRevision).toBe(1);
    // The catalog still shows revision 1 until the next publish.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/catalog/courses/${courseId}` })).json().title,
    ).toBe('Revised course');
    const republished = await author('POST', `/${courseId}/publish`);
    expect(republished.json().latestRevision).toBe(2);
    const second = (await t.app.inject({ method: 'GET', url: `/api/v1/catalog/courses/${courseId}` })).json();
    expect(second).toMatchObject({ revision: 2, title: 'Revised course 2027' });
  });

  it('shows the course page outline without answers, feedback or attendance codes', async () => {
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      units: [
        ...sampleCourse().units,
        {
          id: 'talk',
          kind: 'evidence',
          title: 'Webinar',
          task: 'attendance-code',
          instructions: 'Attend.',
          needsReview: false,
          attendanceCode: 'SECRET-42',
        },
      ],
    });
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/catalog/courses/${courseId}` });
    expect(page.statusCode).toBe(200);
    expect(
      page.json().units.map((u: { id: string; questionCount: number }) => [u.id, u.questionCount]),
    ).toEqual([
      ['intro', 0],
      ['quiz', 2],
      ['essay', 0],
      ['talk', 0],
    ]);
    expect(page.body).not.toMatch(/correct|feedback|SECRET-42|Gross pay|acceptedAnswers/);
  });

  it('filters the catalog by text, skill, issuer, duration and price', async () => {
    const other = await anIssuerWithOwner(t.app, t.deps, 'Other School');
    await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      title: 'Interviewing well',
      summary: 'Structured interviews.',
      skills: [{ name: 'Recruiting', concept: { framework: 'onet', code: '2.C.1.f' }, level: 3 }],
      estimatedMinutes: 30,
    });
    await aPublishedCourse(t.app, other.orgId, other.owner, {
      title: 'Benefits 101',
      summary: 'Interviewing is not covered.',
      skills: ['Benefits'],
      estimatedMinutes: 90,
    });
    await aPublishedCourse(t.app, other.orgId, other.owner, {
      title: 'Paid benefits',
      skills: ['Benefits'],
      price: { amountMinor: 4900, currency: 'USD' },
    });
    const titles = async (query: string) =>
      (await catalog(query))
        .json()
        .items.map((c: { title: string }) => c.title)
        .sort();
    expect(await titles('?q=INTERVIEW')).toEqual(['Benefits 101', 'Interviewing well']);
    expect(await titles('?skill=recruiting')).toEqual(['Interviewing well']);
    expect(await titles(`?issuer=${other.slug}`)).toEqual(['Benefits 101', 'Paid benefits']);
    expect(await titles(`?issuer=${other.slug}&maxMinutes=60`)).toEqual(['Paid benefits']);
    expect(await titles(`?issuer=${other.slug}&free=true`)).toEqual(['Benefits 101']);
    expect(await titles('?issuer=no-such-issuer')).toEqual([]);
    expect(await titles('?q=%25')).toEqual([]);
    const paid = (await catalog('?q=paid%20benefits')).json().items[0];
    expect(paid.price).toEqual({ amountMinor: 4900, currency: 'USD' });
    expect(paid.issuer.name).toBe('Other School');
  });

  it('hides an archived course from the catalog', async () => {
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title: 'Soon archived' });
    expect((await author('POST', `/${courseId}/archive`)).json().state).toBe('archived');
    expect((await catalog('?q=soon%20archived')).json().items).toEqual([]);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/catalog/courses/${courseId}` })).statusCode,
    ).toBe(404);
  });

  it('refuses units that break the rules, listing every problem', async () => {
    const response = await author(
      'POST',
      '',
      sampleCourse({
        units: [
          {
            id: 'a',
            kind: 'assessment',
            title: 'Bad',
            questions: [
              {
                id: 'q',
                type: 'single-choice',
                prompt: 'Two right?',
                options: [
                  { text: 'x', correct: true },
                  { text: 'y', correct: true },
                ],
              },
              {
                id: 'q',
                type: 'multiple-choice',
                prompt: 'None right?',
                options: [
                  { text: 'x', correct: false },
                  { text: 'y', correct: false },
                ],
              },
            ],
          },
          {
            id: 'w',
            kind: 'evidence',
            title: 'Webinar',
            task: 'attendance-code',
            instructions: 'Attend.',
            needsReview: false,
          },
        ],
      }),
    );
    expect(response.statusCode).toBe(400);
    const messages = response.json().errors.map((e: { message: string }) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'a single-choice question needs exactly one correct option',
        'a multiple-choice question needs at least one correct option',
        'id "q" is used twice',
        'an attendance-code task needs its code',
      ]),
    );
  });

  it('stores a lesson image, serves it publicly and refuses what is not a PNG or JPEG', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const created = await author('POST', '', sampleCourse({ title: 'With a picture' }));
    const upload = (bytes: Buffer, filename = 'chart.png') => {
      const file = multipartFile(filename, bytes, 'image/png');
      return t.app.inject({
        method: 'POST',
        url: url(`/${created.json().id}/images`),
        headers: { ...issuer.owner.headers, ...file.headers },
        payload: file.payload,
      });
    };
    const stored = await upload(png);
    expect(stored.statusCode, stored.body).toBe(201);
    const imageUrl = stored.json().url as string;
    expect(imageUrl).toMatch(/^\/course-images\/[0-9a-f-]{36}\.png$/);
    const served = await t.app.inject({ method: 'GET', url: imageUrl });
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(png)).toBe(true);
    const edited = await author('PATCH', `/${created.json().id}`, {
      units: [{ id: 'l', kind: 'lesson', title: 'Chart', markdown: `![A chart](${imageUrl})` }],
    });
    expect(edited.json().units[0].html).toContain(`<img src="${imageUrl}" alt="A chart">`);
    expect((await upload(Buffer.from('<svg onload="alert(1)"/>'), 'x.png')).statusCode).toBe(400);
    expect((await upload(Buffer.alloc(0))).statusCode).toBe(400);
    const tooBig = await upload(Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().detail).toContain('limit of 2 MB');
    expect(
      (await t.app.inject({ method: 'GET', url: '/course-images/..%2F..%2Fetc%2Fpasswd' })).statusCode,
    ).toBe(404);
  });

  it('refuses malformed course input and publishing an empty course', async () => {
    const bad = await author('POST', '', {
      title: '',
      summary: 'x',
      estimatedMinutes: 0,
      units: [{ kind: 'video' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.length).toBeGreaterThanOrEqual(3);
    const empty = await author('POST', '', sampleCourse({ units: [] }));
    const publish = await author('POST', `/${empty.json().id}/publish`);
    expect(publish.statusCode).toBe(400);
    expect(publish.json().errors[0].message).toContain('at least one unit');
  });

  it('refuses a negative, zero, fractional or absurd price and a made-up currency, naming the field', async () => {
    const prices = [
      { amountMinor: -100, currency: 'EUR' },
      { amountMinor: 0, currency: 'EUR' },
      { amountMinor: 12.5, currency: 'EUR' },
      { amountMinor: 100_000_001, currency: 'EUR' },
      { amountMinor: 4500, currency: 'ABC' },
      { amountMinor: 4500, currency: 'eur' },
    ];
    for (const price of prices) {
      const refused = await author('POST', '', sampleCourse({ price }));
      expect(refused.statusCode, JSON.stringify(price)).toBe(400);
      expect(
        refused
          .json()
          .errors.map((e: { path: string }) => e.path)
          .join(' '),
      ).toContain('body.price');
    }
    const fine = await author(
      'POST',
      '',
      sampleCourse({ price: { amountMinor: 100_000_000, currency: 'JPY' } }),
    );
    expect(fine.statusCode).toBe(201);
  });

  it('lets only authors of the issuer write courses', async () => {
    const asLearner = await t.app.inject({
      method: 'POST',
      url: url(),
      headers: learner.headers,
      payload: sampleCourse(),
    });
    expect(asLearner.statusCode).toBe(404);
    const assessor = await aLoggedInUser(t.app, t.deps);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: assessor.email, role: 'assessor' },
    });
    const asAssessor = await t.app.inject({
      method: 'POST',
      url: url(),
      headers: assessor.headers,
      payload: sampleCourse(),
    });
    expect(asAssessor.statusCode).toBe(403);
  });

  it('takes skill objects and plain names, resolves concepts and gives skill objects back', async () => {
    const listening = { framework: 'onet', code: '2.A.1.b' };
    const created = await author(
      'POST',
      '',
      sampleCourse({
        title: 'Listening course',
        skills: ['Note taking', { name: 'Listening', concept: listening, level: 3 }, 'note TAKING'],
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().skills).toEqual([
      { name: 'Note taking' },
      {
        name: 'Listening',
        framework: 'O*NET 29.3',
        code: '2.A.1.b',
        url: 'https://www.onetonline.org/find/descriptor/result/2.A.1.b',
        concept: listening,
        level: 3,
      },
    ]);
    const id = created.json().id as string;
    expect((await author('POST', `/${id}/publish`)).statusCode).toBe(200);
    const entry = (await catalog('?skill=LISTENING')).json().items;
    expect(entry.map((c: { title: string }) => c.title)).toEqual(['Listening course']);
    expect(entry[0].skills[1]).toMatchObject({ concept: listening, level: 3 });
    const unknown = await author('PATCH', `/${id}`, {
      skills: ['Fine', { name: 'Made up', concept: { framework: 'esco', code: 'http://example.org/x' } }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json().errors).toEqual([
      {
        path: 'skills.1.concept',
        message: '"http://example.org/x" is not an imported ESCO concept',
        code: 'unknown-concept',
        params: { code: 'http://example.org/x', framework: 'ESCO' },
      },
    ]);
    const tooHigh = await author('PATCH', `/${id}`, { skills: [{ name: 'Listening', level: 8 }] });
    expect(tooHigh.statusCode).toBe(400);
  });

  it('turns the string skills of courses and published revisions into skill objects (migration 0020)', async () => {
    const id = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title: 'Old skills' });
    const old = JSON.stringify(['Payroll', 'Compliance']);
    await t.deps.db.updateTable('courses').set({ skills: old }).where('id', '=', id).execute();
    await t.deps.db.updateTable('courseRevisions').set({ skills: old }).where('courseId', '=', id).execute();
    const db = t.deps.db as unknown as Kysely<unknown>;
    await skillObjects(db);
    await skillObjects(db); // a second run changes nothing
    const course = await t.deps.db
      .selectFrom('courses')
      .select('skills')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const revision = await t.deps.db
      .selectFrom('courseRevisions')
      .select('skills')
      .where('courseId', '=', id)
      .executeTakeFirstOrThrow();
    const objects = [{ name: 'Payroll' }, { name: 'Compliance' }];
    expect(course.skills).toEqual(objects);
    expect(revision.skills).toEqual(objects);
    expect(
      (await catalog('?skill=compliance')).json().items.map((c: { title: string }) => c.title),
    ).toContain('Old skills');
  });
});
