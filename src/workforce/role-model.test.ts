// The pure rules of role profiles: from an occupation, levels and importance, merging.
import { describe, expect, it } from 'vitest';
import {
  mergeSkills,
  normalizeSkills,
  type RoleSkill,
  roleSkillProblems,
  skillsFromOccupation,
  versionOf,
} from './role-model.ts';

const skill = (code: string, level: number, importance: number, label = code): RoleSkill => ({
  framework: 'onet',
  code,
  label,
  level,
  importance,
});

describe('a role profile started from an occupation', () => {
  it('keeps the O*NET skills at least as important as asked, most important first, levels to one decimal', () => {
    const skills = skillsFromOccupation(
      'onet',
      [
        { code: '2.A.1.b', label: 'Active Listening', importance: 3.5, level: 3.88, relation: null },
        { code: '2.B.3.e', label: 'Programming', importance: 4.75, level: 4.88, relation: null },
        { code: '2.B.3.l', label: 'Repairing', importance: 3.12, level: 2.04, relation: null },
      ],
      3.4,
    );
    expect(skills).toEqual([
      skill('2.B.3.e', 4.9, 4.75, 'Programming'),
      skill('2.A.1.b', 3.9, 3.5, 'Active Listening'),
    ]);
  });

  it('counts an ESCO essential skill as importance 4 with level 4', () => {
    const skills = skillsFromOccupation('esco', [
      { code: 'http://esco/s/1', label: 'food safety', importance: null, level: null, relation: 'essential' },
      { code: 'http://esco/s/2', label: 'cooking', importance: null, level: null, relation: 'optional' },
    ]);
    expect(skills).toEqual([
      { framework: 'esco', code: 'http://esco/s/1', label: 'food safety', level: 4, importance: 4 },
    ]);
  });

  it('drops every ESCO skill when more than importance 4 is asked', () => {
    const skills = skillsFromOccupation(
      'esco',
      [
        {
          code: 'http://esco/s/1',
          label: 'food safety',
          importance: null,
          level: null,
          relation: 'essential',
        },
      ],
      4.5,
    );
    expect(skills).toEqual([]);
  });

  it('keeps at most sixty skills, the most important ones', () => {
    const many = Array.from({ length: 70 }, (_, i) => ({
      code: `c${i}`,
      label: `Skill ${i}`,
      importance: 3 + i / 100,
      level: 3,
      relation: null,
    }));
    const skills = skillsFromOccupation('onet', many);
    expect(skills).toHaveLength(60);
    expect(skills[0]?.code).toBe('c69');
    expect(skills.map((s) => s.code)).not.toContain('c9');
  });

  it('reads the framework version out of its attribution', () => {
    expect(versionOf('O*NET 29.3')).toBe('29.3');
    expect(versionOf('ESCO 1.1.1')).toBe('1.1.1');
  });
});

describe('the skills of a role profile', () => {
  it('merges a concept listed twice into one entry with the higher level and importance', () => {
    expect(mergeSkills([skill('a', 2, 5), skill('b', 3, 3), skill('a', 4, 2)])).toEqual([
      skill('a', 4, 5),
      skill('b', 3, 3),
    ]);
  });

  it('keeps the same code of two frameworks apart', () => {
    expect(mergeSkills([skill('a', 2, 5), { ...skill('a', 2, 4), framework: 'esco' }])).toHaveLength(2);
  });

  it('orders equal importance by level, then by label', () => {
    const ordered = normalizeSkills([
      skill('x', 2, 3, 'Writing'),
      skill('y', 5, 3, 'Speaking'),
      skill('z', 2, 3, 'Reading'),
    ]);
    expect(ordered.map((s) => s.label)).toEqual(['Speaking', 'Reading', 'Writing']);
  });

  it('rounds levels to one decimal', () => {
    expect(normalizeSkills([skill('a', 3.449, 3)])[0]?.level).toBe(3.4);
  });

  it('names every level outside 0–7 and importance outside 1–5', () => {
    const levelRange = { code: 'role-level-range', params: { min: 0, max: 7 } };
    expect(roleSkillProblems([skill('a', 7.5, 3), skill('b', -1, 0), skill('c', 7, 5)])).toEqual([
      { path: 'skills.0.level', message: expect.stringContaining('0 to 7'), ...levelRange },
      { path: 'skills.1.level', message: expect.stringContaining('0 to 7'), ...levelRange },
      {
        path: 'skills.1.importance',
        message: expect.stringContaining('1 to 5'),
        code: 'role-importance-range',
        params: { min: 1, max: 5 },
      },
    ]);
  });

  it('needs between one and sixty skills', () => {
    expect(roleSkillProblems([])).toEqual([
      {
        path: 'skills',
        message: expect.stringContaining('1 to 60'),
        code: 'role-skill-count',
        params: { min: 1, max: 60, count: 0 },
      },
    ]);
    const many = Array.from({ length: 61 }, (_, i) => skill(`c${i}`, 3, 3));
    expect(roleSkillProblems(many)).toHaveLength(1);
    expect(roleSkillProblems(many.slice(0, 60))).toEqual([]);
  });
});
