import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anAcceptedBadge } from './testing.ts';

let t: TestApp;
let held: Awaited<ReturnType<typeof anAcceptedBadge>>;

beforeAll(async () => {
  t = await createTestApp();
  held = await anAcceptedBadge(t.app, t.deps, {
    badgeName: 'Gestión de nóminas',
    learnerName: 'Zoë <Núñez>',
  });
});
afterAll(() => t.close());

const save = (headers: Record<string, string>, body: object) =>
  t.app.inject({ method: 'PUT', url: '/api/v1/me/profile', headers, payload: body });
const visit = (slug: string) => t.app.inject({ method: 'GET', url: `/people/${slug}` });

describe('public profiles', () => {
  it('do not exist until the learner creates one, and are 404 while off', async () => {
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/profile',
      headers: held.learner.headers,
    });
    expect(mine.json()).toEqual({ profile: null });
    const saved = await save(held.learner.headers, { slug: 'zoe-nunez', enabled: false });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().url).toMatch(/\/people\/zoe-nunez$/);
    expect((await visit('zoe-nunez')).statusCode).toBe(404);
    expect((await visit('nobody-here')).statusCode).toBe(404);
  });

  it('list only public badges, with the name escaped', async () => {
    await save(held.learner.headers, { slug: 'zoe-nunez', enabled: true, headline: 'Payroll <specialist>' });
    const before = await visit('zoe-nunez');
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Zoë &lt;Núñez&gt;');
    expect(before.body).toContain('Payroll &lt;specialist&gt;');
    expect(before.body).not.toContain('Gestión de nóminas');
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/badges/${held.award.id}/sharing`,
      headers: held.learner.headers,
      payload: { visibility: 'public' },
    });
    const after = await visit('zoe-nunez');
    expect(after.body).toContain('Gestión de nóminas');
    expect(after.body).toContain(`/badges/${held.award.id}`);
    expect(after.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('refuse an address someone else holds, and malformed addresses', async () => {
    const other = await aLoggedInUser(t.app, t.deps);
    const taken = await save(other.headers, { slug: 'zoe-nunez', enabled: true });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().type).toBe('/problems/profile-slug-taken');
    const bad = await save(other.headers, { slug: 'Zoë--x', enabled: true });
    expect(bad.statusCode).toBe(400);
  });
});
