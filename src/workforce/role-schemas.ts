// Request and reply shapes of role profiles, teams and assignments, with the presenters that fill them.
import { z } from 'zod';
import { DEFAULT_MIN_IMPORTANCE, ROLE_IMPORTANCE, ROLE_LEVEL, ROLE_SKILL_LIMITS } from './role-model.ts';
import type { RoleProfile } from './role-service.ts';
import type { Team } from './team-service.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const framework = z.enum(['onet', 'esco']);
const code = text(300).meta({ description: 'O*NET element id or SOC code, or an ESCO URI' });
const level = z
  .number()
  .min(ROLE_LEVEL.min)
  .max(ROLE_LEVEL.max)
  .meta({ description: "The level the role needs, on O*NET's 0–7 level scale (kept to one decimal)" });
const importance = z
  .number()
  .min(ROLE_IMPORTANCE.min)
  .max(ROLE_IMPORTANCE.max)
  .meta({ description: 'How much the skill matters for the role, 1–5' });

export const orgParams = z.object({ orgId: z.uuid() });
export const roleParams = orgParams.extend({ id: z.uuid() });
export const employeeParams = orgParams.extend({ employeeId: z.uuid() });

const skillExample = { framework: 'onet', code: '2.B.3.e', level: 4.9, importance: 4.75 };

export const fromOccupationBody = z
  .strictObject({
    framework,
    code: text(300).meta({ description: 'O*NET-SOC code or ESCO occupation URI' }),
    name: text(200).optional().meta({ description: "Defaults to the occupation's title" }),
    minImportance: z
      .number()
      .min(ROLE_IMPORTANCE.min)
      .max(ROLE_IMPORTANCE.max)
      .default(DEFAULT_MIN_IMPORTANCE)
      .meta({ description: 'Keep the core skills at least this important (ESCO essential counts as 4)' }),
  })
  .meta({
    examples: [{ framework: 'onet', code: '15-1251.00', name: 'Junior developer', minImportance: 3.5 }],
  });

export const roleBody = z
  .strictObject({
    name: text(200),
    description: z.string().trim().max(2000).optional(),
    skills: z
      .array(z.strictObject({ framework, code, level, importance }))
      .min(ROLE_SKILL_LIMITS.min)
      .max(ROLE_SKILL_LIMITS.max)
      .meta({
        description: 'Imported framework concepts; one listed twice is merged (higher level and importance)',
      }),
  })
  .meta({
    examples: [{ name: 'Payroll lead', description: 'Runs the monthly payroll.', skills: [skillExample] }],
  });

export const roleIdsBody = z
  .strictObject({ roleIds: z.array(z.uuid()).max(100) })
  .meta({ examples: [{ roleIds: ['3f0e9c1e-8d6b-4f7a-9a57-0b7d2f1f7c11'] }] });

export const teamBody = z.strictObject({ name: text(200) }).meta({ examples: [{ name: 'Payroll' }] });
export const teamMembersBody = z
  .strictObject({ employeeIds: z.array(z.uuid()).max(1000) })
  .meta({ examples: [{ employeeIds: ['7a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d'] }] });

const person = z.object({ employeeId: z.uuid(), name: z.string() });

export const roleReply = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    source: z
      .object({ framework, code: z.string(), title: z.string(), version: z.string() })
      .nullable()
      .describe('The occupation the profile was started from; null when written from scratch'),
    skills: z
      .array(
        z.object({
          framework,
          code: z.string(),
          label: z.string(),
          level: z.number(),
          importance: z.number(),
        }),
      )
      .describe('Most important first'),
    assigned: z.array(person).describe('The active employees holding this role'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({
    examples: [
      {
        id: '3f0e9c1e-8d6b-4f7a-9a57-0b7d2f1f7c11',
        name: 'Computer Programmers',
        description: 'Create, modify, and test the code and scripts that allow computer applications to run.',
        source: { framework: 'onet', code: '15-1251.00', title: 'Computer Programmers', version: '29.3' },
        skills: [{ ...skillExample, label: 'Programming' }],
        assigned: [{ employeeId: '7a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', name: 'Maria Lopez' }],
        createdAt: '2026-12-06T09:00:00.000Z',
        updatedAt: '2026-12-06T09:00:00.000Z',
      },
    ],
  });

export const teamReply = z
  .object({ id: z.uuid(), name: z.string(), members: z.array(person), createdAt: z.iso.datetime() })
  .meta({
    examples: [
      {
        id: '5b2d0c7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
        name: 'Payroll',
        members: [{ employeeId: '7a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', name: 'Maria Lopez' }],
        createdAt: '2026-12-06T09:00:00.000Z',
      },
    ],
  });

export const assignmentsReply = z
  .object({ employeeId: z.uuid(), roleIds: z.array(z.uuid()) })
  .meta({ examples: [{ employeeId: '7a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', roleIds: [] }] });

export function presentRole(role: RoleProfile): z.infer<typeof roleReply> {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    source: role.source,
    skills: role.skills.map((s) => ({
      framework: s.framework,
      code: s.code,
      label: s.label,
      level: s.level,
      importance: s.importance,
    })),
    assigned: role.assigned,
    createdAt: role.createdAt.toISOString(),
    updatedAt: role.updatedAt.toISOString(),
  };
}

export function presentTeam(team: Team): z.infer<typeof teamReply> {
  return { id: team.id, name: team.name, members: team.members, createdAt: team.createdAt.toISOString() };
}
