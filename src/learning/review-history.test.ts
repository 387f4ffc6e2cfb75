// GET /orgs/{orgId}/reviews/history: the reviews already decided, newest first, read-only. An assessor sees
// their own; admins and owners may see everyone's; another organization sees nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment, playerOf, workThroughSampleCourse } from './testing.ts';

type Item = { submissionId: string; learnerName: string; decision: string; feedback: string | null };

describe('the review history', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let courseId: string;
  let ravi: TestSession & { email: string };
  let sofia: TestSession & { email: string };
  const decided: Record<string, string> = {};

  const member = async (name: string, role: string) => {
    const person = await aLoggedInUser(t.app, t.deps, { name });
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: person.email, role },
    });
    expect(added.statusCode).toBe(201);
    return person;
  };
  const history = (as: { headers: Record<string, string> }, query = '', orgId = issuer.orgId) =>
    t.app.inject({ url: `/api/v1/orgs/${orgId}/reviews/history${query}`, headers: as.headers });
  const essayBy = async (name: string) => {
    const learner = await aLoggedInUser(t.app, t.deps, { name });
    await workThroughSampleCourse(playerOf(t.app, learner, await anEnrolment(t.app, learner, courseId)));
    const queue = await t.app.inject({
      url: `/api/v1/orgs/${issuer.orgId}/reviews`,
      headers: issuer.owner.headers,
    });
    return (queue.json().items as { submission: { id: string }; learnerName: string }[]).find(
      (i) => i.learnerName === name,
    )?.submission.id as string;
  };
  const decide = async (
    submissionId: string,
    as: TestSession,
    decision: 'accept' | 'return',
    feedback: string,
  ) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/reviews/${submissionId}`,
      headers: as.headers,
      payload: { decision, feedback, scores: [{ criterion: 'Clarity', level: 'clear' }] },
    });
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'History Academy');
    courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    ravi = await member('Ravi Assessor', 'assessor');
    sofia = await member('Sofía Assessor', 'assessor');
    decided.ana = await essayBy('Ana History');
    decided.bo = await essayBy('Bo History');
    decided.cy = await essayBy('Cy History');
    await essayBy('Dee Waiting');
    await decide(decided.ana, ravi, 'accept', 'Clear and concrete.');
    await decide(decided.bo, ravi, 'return', 'Say which payroll.');
    await decide(decided.cy, sofia, 'accept', 'Good.');
  });
  afterAll(() => t?.close());

  it('shows an assessor the reviews they decided, newest first, with learner, course, task and comment', async () => {
    const response = await history(ravi);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(body.items).toMatchObject([
      {
        submissionId: decided.bo,
        learnerName: 'Bo History',
        courseTitle: 'Payroll basics',
        taskTitle: 'Reflect',
        decision: 'returned',
        feedback: 'Say which payroll.',
        reviewerName: 'Ravi Assessor',
        response: 'We run payroll twice a month.',
      },
      { submissionId: decided.ana, decision: 'accepted', feedback: 'Clear and concrete.' },
    ]);
  });

  it("refuses an assessor everyone's history, which the owner and an admin may read, paged", async () => {
    expect((await history(ravi, '?assessor=all')).statusCode).toBe(403);
    const all = (await history(issuer.owner, '?assessor=all')).json();
    expect(all.total).toBe(3);
    expect(all.items.map((i: Item) => i.learnerName)).toEqual(['Cy History', 'Bo History', 'Ana History']);
    const admin = await member('Ada Admin', 'admin');
    const second = (await history(admin, '?assessor=all&page=2&pageSize=2')).json();
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.items.map((i: Item) => i.learnerName)).toEqual(['Ana History']);
    expect((await history(admin)).json().total).toBe(0);
  });

  it('is not for staff, a learner or another organization, and refuses a malformed query', async () => {
    const staff = await member('Stan Staff', 'staff');
    expect((await history(staff)).statusCode).toBe(403);
    const outsider = await anIssuerWithOwner(t.app, t.deps);
    expect((await history(outsider.owner)).statusCode).toBe(404);
    expect((await history(outsider.owner, '?assessor=all', outsider.orgId)).json().total).toBe(0);
    const bad = await history(issuer.owner, '?assessor=everyone&page=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});
