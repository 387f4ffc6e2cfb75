// Requests and replies of open roles, job matching and applications, with the presenters that fill them.
import { z } from 'zod';
import type { MatchWithClosers } from './open-role-match.ts';
import type { JobMatching, MatchedOpenRole, MyOpenRoles } from './open-role-me-service.ts';
import { MATCH_LIMITS, OPEN_ROLE_LIMITS } from './open-role-model.ts';
import type { Application, EmployerOpenRole } from './open-role-service.ts';
import { sharedBadges } from './schema.ts';

export const orgParams = z.strictObject({ orgId: z.uuid() });
export const openRoleParams = z.strictObject({ orgId: z.uuid(), id: z.uuid() });
export const myOpenRoleParams = z.strictObject({ id: z.uuid() });
export const myOpenRolesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MATCH_LIMITS.max).default(MATCH_LIMITS.default),
});

const ids = {
  role: '3f0e9c1e-8d6b-4f7a-9a57-0b7d2f1f7c11',
  openRole: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  org: '2a4c6e80-1b3d-4f5a-9c7e-0d2f4a6c8e1b',
  award: '0b9f3c52-6c1e-4a53-9a3e-2f3c1d7e8a10',
  application: '6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a',
};

export const openRoleBody = z
  .strictObject({
    roleId: z.uuid().describe('One of the organization’s role profiles: its skills are what the role needs'),
    title: z.string().trim().min(1).max(OPEN_ROLE_LIMITS.title),
    description: z
      .string()
      .trim()
      .max(OPEN_ROLE_LIMITS.description)
      .optional()
      .describe('Plain text; line breaks are kept'),
    location: z.string().trim().min(1).max(OPEN_ROLE_LIMITS.location).nullable().optional(),
  })
  .meta({
    examples: [
      {
        roleId: ids.role,
        title: 'Junior developer',
        description: 'You will write and test the code of our routing tools.\nFull time.',
        location: 'Rotterdam or remote',
      },
    ],
  });

export const openRoleReply = z
  .object({
    id: z.uuid(),
    role: z.object({ id: z.uuid(), name: z.string() }),
    title: z.string(),
    description: z.string(),
    location: z.string().nullable(),
    publishedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    applications: z.number().int().describe('How many people applied (and have not withdrawn)'),
  })
  .meta({
    examples: [
      {
        id: ids.openRole,
        role: { id: ids.role, name: 'Computer Programmers' },
        title: 'Junior developer',
        description: 'You will write and test the code of our routing tools.',
        location: 'Rotterdam or remote',
        publishedAt: '2026-12-06T09:00:00.000Z',
        updatedAt: '2026-12-06T09:00:00.000Z',
        applications: 2,
      },
    ],
  });

export const presentOpenRole = (row: EmployerOpenRole): z.infer<typeof openRoleReply> => ({
  id: row.id,
  role: { id: row.roleId, name: row.roleName },
  title: row.title,
  description: row.description,
  location: row.location,
  publishedAt: row.publishedAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  applications: row.applications,
});

const framework = z.enum(['onet', 'esco']);
const closers = z.object({
  badges: z.array(z.object({ id: z.uuid(), name: z.string(), issuer: z.string(), url: z.string() })),
  courses: z.array(z.object({ id: z.uuid(), title: z.string(), url: z.string() })),
});
const skill = {
  framework,
  code: z.string(),
  label: z.string(),
  importance: z.number().describe('1–5, from the role profile'),
  needed: z.number().describe('The level the role needs, O*NET 0–7'),
};

const matchSchema = {
  fit: z
    .number()
    .min(0)
    .max(1)
    .describe('The importance-weighted share of the role’s skills held at the level needed'),
  gap: z.object({
    held: z.array(
      z.object({
        ...skill,
        shown: z.number().nullable().describe('The level the badges show; null when they give none'),
        badges: z.array(z.object({ awardId: z.uuid(), name: z.string() })),
      }),
    ),
    below: z.array(z.object({ ...skill, shown: z.number(), closers })),
    missing: z.array(z.object({ ...skill, closers })),
  }),
};

const presentMatch = (match: MatchWithClosers) => ({
  fit: match.fit,
  gap: { held: match.held, below: match.below, missing: match.missing },
});

const exampleGap = {
  held: [
    {
      framework: 'onet',
      code: '2.B.3.e',
      label: 'Programming',
      importance: 4.8,
      needed: 4.9,
      shown: 5,
      badges: [{ awardId: ids.award, name: 'Python foundations' }],
    },
  ],
  below: [],
  missing: [
    {
      framework: 'onet',
      code: '2.A.2.a',
      label: 'Critical Thinking',
      importance: 4,
      needed: 4.1,
      closers: {
        badges: [],
        courses: [{ id: ids.application, title: 'Thinking clearly', url: '/catalog/…' }],
      },
    },
  ],
};

export const jobMatchingBody = z
  .strictObject({
    optIn: z.boolean().describe('true: see open roles and apply; false: stop, withdrawing all'),
  })
  .meta({ examples: [{ optIn: true }] });

export const jobMatchingReply = z
  .object({ optIn: z.boolean(), since: z.iso.datetime().nullable() })
  .meta({ examples: [{ optIn: true, since: '2026-12-06T09:00:00.000Z' }] });

export const presentJobMatching = (view: JobMatching) => ({
  optIn: view.optIn,
  since: view.since?.toISOString() ?? null,
});

const myOpenRole = z.object({
  id: z.uuid(),
  employer: z.object({ id: z.uuid(), name: z.string() }),
  title: z.string(),
  description: z.string(),
  location: z.string().nullable(),
  publishedAt: z.iso.datetime(),
  ...matchSchema,
  application: z
    .object({
      id: z.uuid(),
      appliedAt: z.iso.datetime(),
      message: z.string(),
      badges: z.array(z.object({ awardId: z.uuid(), name: z.string() })).describe('What the employer sees'),
    })
    .nullable()
    .describe('Your application, when you applied'),
});

const myOpenRoleExample = {
  id: ids.openRole,
  employer: { id: ids.org, name: 'Northwind Logistics' },
  title: 'Junior developer',
  description: 'You will write and test the code of our routing tools.',
  location: 'Rotterdam or remote',
  publishedAt: '2026-12-06T09:00:00.000Z',
  fit: 0.52,
  gap: exampleGap,
  application: null,
};

export const myOpenRoleReply = myOpenRole.meta({ examples: [myOpenRoleExample] });

export const myOpenRolesReply = z
  .object({
    optedIn: z.boolean().describe('false: job matching is off, and the list is empty'),
    items: z.array(myOpenRole),
    total: z.number().int().describe('Every open role on the server (items holds the best `limit`)'),
  })
  .meta({ examples: [{ optedIn: true, items: [myOpenRoleExample], total: 1 }] });

export const presentMyOpenRole = (item: MatchedOpenRole): z.infer<typeof myOpenRole> => ({
  id: item.id,
  employer: item.employer,
  title: item.title,
  description: item.description,
  location: item.location,
  publishedAt: item.publishedAt.toISOString(),
  ...presentMatch(item.match),
  application: item.application && {
    id: item.application.id,
    appliedAt: item.application.appliedAt.toISOString(),
    message: item.application.message,
    badges: item.application.badges,
  },
});

export const presentMyOpenRoles = (view: MyOpenRoles) => ({
  optedIn: view.optedIn,
  items: view.items.map(presentMyOpenRole),
  total: view.total,
});

export const applyBody = z
  .strictObject({
    message: z.string().trim().max(OPEN_ROLE_LIMITS.message).optional(),
    shareAwardIds: z
      .array(z.uuid())
      .max(OPEN_ROLE_LIMITS.sharedBadges)
      .describe('Your own accepted badges to show with the application (0–20); the employer sees only these'),
  })
  .meta({ examples: [{ message: 'I would love to join the routing team.', shareAwardIds: [ids.award] }] });

const applicationSchema = z.object({
  id: z.uuid(),
  applicant: z.object({
    name: z.string(),
    email: z
      .string()
      .nullable()
      .describe('A verified address of the applicant (the primary one when verified)'),
  }),
  message: z.string(),
  appliedAt: z.iso.datetime(),
  ...matchSchema,
  badges: sharedBadges.schema.shape.items.describe(
    'The badges the applicant chose to show, as they stand now',
  ),
});

export const applicationsReply = z.object({ items: z.array(applicationSchema) }).meta({
  examples: [
    {
      items: [
        {
          id: ids.application,
          applicant: { name: 'Maria Lopez', email: 'maria@example.org' },
          message: 'I would love to join the routing team.',
          appliedAt: '2026-12-06T10:00:00.000Z',
          fit: 0.52,
          gap: exampleGap,
          badges: [
            {
              kind: 'award',
              id: ids.award,
              name: 'Python foundations',
              issuer: 'Harbour Academy',
              issuedAt: '2026-03-02T09:30:00.000Z',
              validUntil: null,
              state: 'active',
              skills: [{ name: 'Programming', concept: { framework: 'onet', code: '2.B.3.e' }, level: 5 }],
            },
          ],
        },
      ],
    },
  ],
});

export const presentApplications = (items: Application[]) => ({
  items: items.map((application) => ({
    id: application.id,
    applicant: application.applicant,
    message: application.message,
    appliedAt: application.appliedAt.toISOString(),
    ...presentMatch(application.match),
    badges: sharedBadges.present(application.badges).items,
  })),
});
