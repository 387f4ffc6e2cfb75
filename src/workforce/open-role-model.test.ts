// The pure rules of open roles: fit as the insights gap's coverage over a role profile's skills, the order
// roles are offered in, and the address an applicant is named by.
import { describe, expect, it } from 'vitest';
import type { HeldSkill } from '../insights/index.ts';
import { byFit, matchRole, verifiedAddress } from './open-role-model.ts';
import type { RoleSkill } from './role-model.ts';

const skill = (
  code: string,
  level: number,
  importance: number,
  framework: 'onet' | 'esco' = 'onet',
): RoleSkill => ({
  framework,
  code,
  label: code,
  level,
  importance,
});
const held = (code: string, level: number | null, framework: 'onet' | 'esco' = 'onet'): HeldSkill => ({
  framework,
  code,
  level,
  name: code,
  badges: [{ awardId: `award-${code}`, name: `Badge ${code}`, level }],
});

describe('matching a role to held skills', () => {
  it('weighs each skill by its importance and counts it only at the level needed', () => {
    const match = matchRole(
      [skill('a', 5, 5), skill('b', 4, 3), skill('c', 4, 2)],
      [held('a', 6), held('b', 3)],
    );
    expect(match.fit).toBe(0.5);
    expect(match.held.map((s) => [s.code, s.shown])).toEqual([['a', 6]]);
    expect(match.held[0]?.badges).toEqual([{ awardId: 'award-a', name: 'Badge a' }]);
    expect(match.below.map((s) => [s.code, s.needed, s.shown])).toEqual([['b', 4, 3]]);
    expect(match.missing.map((s) => s.code)).toEqual(['c']);
  });

  it('counts a skill a badge asserts without a level as held, as the insights gap does', () => {
    expect(matchRole([skill('a', 7, 4)], [held('a', null)]).fit).toBe(1);
  });

  it('never lets a concept of one framework stand in for the same code in another', () => {
    const match = matchRole([skill('x', 1, 5, 'esco')], [held('x', 7, 'onet')]);
    expect(match.fit).toBe(0);
    expect(match.missing.map((s) => s.code)).toEqual(['x']);
  });

  it('lists the skills most important first whatever order the profile gives', () => {
    const match = matchRole([skill('low', 2, 1), skill('high', 2, 5), skill('mid', 2, 3)], []);
    expect(match.missing.map((s) => s.code)).toEqual(['high', 'mid', 'low']);
    expect(match.fit).toBe(0);
  });
});

describe('the order of open roles', () => {
  const role = (id: string, fit: number, day: number, title = id) => ({
    id,
    fit,
    title,
    publishedAt: new Date(Date.UTC(2026, 0, day)),
  });
  it('puts the best fit first, then the newest, then by title', () => {
    const sorted = [role('a', 0.2, 1), role('b', 0.9, 1), role('c', 0.2, 5), role('d', 0.2, 5, 'Ant')].sort(
      byFit,
    );
    expect(sorted.map((r) => r.id)).toEqual(['b', 'd', 'c', 'a']);
  });
});

describe('the address an applicant is named by', () => {
  it('is the primary address when verified, else another verified one, else none', () => {
    expect(verifiedAddress({ primaryEmail: 'p@x.org', verifiedEmails: ['o@x.org', 'p@x.org'] })).toBe(
      'p@x.org',
    );
    expect(verifiedAddress({ primaryEmail: 'p@x.org', verifiedEmails: ['o@x.org'] })).toBe('o@x.org');
    expect(verifiedAddress({ primaryEmail: 'p@x.org', verifiedEmails: [] })).toBeNull();
  });
});
