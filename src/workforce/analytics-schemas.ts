// Request and reply shapes of employer analytics (figures and the skill-gap heat map), with the presenters
// that fill them. The web app's pages are built on exactly these shapes.

import { z } from 'zod';
import { schemaMessage } from '../errors.ts';
import type { GapHeatMap } from './analytics-gap.ts';
import { INTERVALS, PEOPLE_PAGE, TOP_PEOPLE } from './analytics-model.ts';
import type { EmployerAnalytics } from './analytics-service.ts';

export const FIGURE_TABLES = [
  'badgesPerEmployee',
  'badgesOverTime',
  'skillsOverTime',
  'learning',
  'expiringSoon',
] as const;
export type FigureTable = (typeof FIGURE_TABLES)[number];
export const GAP_TABLES = ['heatmap'] as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, schemaMessage('day-format', 'Use a day written YYYY-MM-DD, e.g. 2026-01-31.'))
  .describe('A calendar day, YYYY-MM-DD (UTC)');
const format = z
  .enum(['json', 'csv'])
  .optional()
  .describe('json (the default; asked for explicitly, it comes as a download) or csv (with `table`)');

export const analyticsQuery = z.strictObject({
  from: day.optional().describe('First day (default: the first day of the month eleven months before `to`)'),
  to: day.optional().describe('Last day, included (default: today); at most five years after `from`'),
  teamId: z.uuid().optional().describe('Only the people of this team (default: the whole organization)'),
  interval: z.enum(INTERVALS).optional().describe('Buckets of the series: month (default) or ISO week'),
  format,
  table: z.enum(FIGURE_TABLES).optional().describe('With format=csv: which table to download'),
});

export const gapQuery = z.strictObject({
  teamId: z.uuid().optional().describe('Only the people of this team'),
  roleId: z.uuid().optional().describe('Only the holders of this role profile, and only its skills'),
  format,
  table: z.enum(GAP_TABLES).optional().describe('With format=csv: `heatmap` (one row per person)'),
});

export const peopleQuery = z.strictObject({
  from: analyticsQuery.shape.from,
  to: analyticsQuery.shape.to,
  teamId: analyticsQuery.shape.teamId,
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PEOPLE_PAGE.max)
    .default(PEOPLE_PAGE.default)
    .describe(`How many people (1–${PEOPLE_PAGE.max}, default ${PEOPLE_PAGE.default})`),
  offset: z.coerce.number().int().min(0).default(0).describe('How many people of the ranking to skip'),
});

const framework = z.enum(['onet', 'esco']);
const person = { employeeId: z.uuid(), name: z.string() };
const personCount = z.object({ ...person, count: z.number().int() });

export const analyticsReply = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), interval: z.enum(INTERVALS) }),
    team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    people: z.number().int().describe('Active people in scope'),
    sharingPeople: z.number().int().describe('Of them, how many share at least one badge now'),
    badges: z.object({
      total: z.number().int().describe('Shared badges issued in the period'),
      perEmployee: z
        .array(personCount)
        .describe(
          `The ${TOP_PEOPLE} people with most badges in the period, then by name (zeros included); the whole ` +
            'ranking: GET …/analytics/people (paged) or format=csv&table=badgesPerEmployee',
        ),
      distribution: z
        .array(z.object({ badges: z.number().int(), people: z.number().int() }))
        .describe('How many people have each number of badges in the period (zeros included), fewest first'),
      overTime: z.array(z.object({ period: z.string(), count: z.number().int() })),
    }),
    skills: z.object({
      overTime: z
        .array(z.object({ period: z.string(), gained: z.number().int() }))
        .describe('People × concepts first evidenced by a shared badge in each bucket'),
      top: z
        .array(z.object({ framework, code: z.string(), label: z.string(), people: z.number().int() }))
        .describe('The concepts most people show (by the end of the period), at most 20'),
    }),
    learning: z
      .object({
        started: z.number().int(),
        completed: z.number().int(),
        completionRate: z.number().nullable(),
        medianDaysToComplete: z.number().nullable(),
        perCourse: z.array(
          z.object({
            courseId: z.uuid(),
            title: z.string(),
            started: z.number().int(),
            completed: z.number().int(),
          }),
        ),
      })
      .describe('Sponsored seats only: what the employer paid for'),
    renewals: z.object({
      expiringSoon: z
        .array(z.object({ ...person, badgeName: z.string(), validUntil: z.iso.datetime() }))
        .describe(
          'The soonest 50 shared badges expiring soon; `format=csv&table=expiringSoon` downloads them all',
        ),
      expiringSoonTotal: z.number().int().describe('How many shared badges expire soon in all'),
      expired: z.number().int().describe('Shared badges expired and not renewed'),
    }),
  })
  .meta({
    examples: [
      {
        period: { from: '2026-01-01', to: '2026-03-31', interval: 'month' },
        team: null,
        people: 2,
        sharingPeople: 1,
        badges: {
          total: 3,
          perEmployee: [
            { employeeId: '7a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', name: 'Maria Lopez', count: 3 },
            { employeeId: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4e', name: 'Ken Ito', count: 0 },
          ],
          distribution: [
            { badges: 0, people: 1 },
            { badges: 3, people: 1 },
          ],
          overTime: [
            { period: '2026-01', count: 1 },
            { period: '2026-02', count: 0 },
            { period: '2026-03', count: 2 },
          ],
        },
        skills: {
          overTime: [
            { period: '2026-01', gained: 1 },
            { period: '2026-02', gained: 0 },
            { period: '2026-03', gained: 2 },
          ],
          top: [{ framework: 'onet', code: '2.B.3.e', label: 'Programming', people: 1 }],
        },
        learning: {
          started: 2,
          completed: 1,
          completionRate: 0.5,
          medianDaysToComplete: 12.5,
          perCourse: [
            {
              courseId: '5b2d0c7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
              title: 'Safe lifting',
              started: 2,
              completed: 1,
            },
          ],
        },
        renewals: {
          expiringSoon: [
            {
              employeeId: '7a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
              name: 'Maria Lopez',
              badgeName: 'Forklift driving',
              validUntil: '2026-05-01T00:00:00.000Z',
            },
          ],
          expiringSoonTotal: 1,
          expired: 0,
        },
      },
    ],
  });

export const peopleReply = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), interval: z.enum(INTERVALS) }),
    team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    total: z.number().int().describe('Active people in scope: the length of the whole ranking'),
    limit: z.number().int(),
    offset: z.number().int(),
    people: z.array(personCount).describe('This page of the ranking: most badges first, then by name'),
  })
  .meta({
    examples: [
      {
        period: { from: '2026-01-01', to: '2026-03-31', interval: 'month' },
        team: null,
        total: 2,
        limit: 100,
        offset: 0,
        people: [
          { employeeId: '7a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', name: 'Maria Lopez', count: 3 },
          { employeeId: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4e', name: 'Ken Ito', count: 0 },
        ],
      },
    ],
  });

export const gapReply = z
  .object({
    skills: z
      .array(
        z.object({
          framework,
          code: z.string(),
          label: z.string(),
          importance: z.number(),
          requiredLevel: z.number().describe('The highest level any role in the map needs'),
        }),
      )
      .describe('The union of the roles’ skills, most important first, then the higher level'),
    people: z.array(
      z.object({
        ...person,
        roles: z.array(z.object({ id: z.uuid(), name: z.string() })),
        cells: z
          .array(
            z.object({
              code: z.string(),
              required: z.number().nullable().describe("null: none of this person's roles needs it"),
              evidenced: z.number().nullable().describe('The highest level their shared badges show'),
              gap: z.number().nullable().describe('max(0, required − evidenced), to one decimal'),
            }),
          )
          .describe('In the order of `skills`'),
      }),
    ),
    team: z.array(z.object({ code: z.string(), averageGap: z.number(), peopleWithGap: z.number().int() })),
    closers: z.array(
      z.object({
        framework,
        code: z.string(),
        items: z.array(
          z.object({
            kind: z.enum(['course', 'badge']),
            id: z.uuid(),
            name: z.string(),
            issuer: z.string(),
            level: z.number().optional(),
            closes: z
              .boolean()
              .describe(
                'It teaches the skill at the required level (or without a level): it closes the gap on its own',
              ),
            bundle: z
              .object({ badgeId: z.uuid(), priceMinor: z.number().int(), currency: z.string() })
              .nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({
    examples: [
      {
        skills: [
          { framework: 'onet', code: '2.B.3.e', label: 'Programming', importance: 4.75, requiredLevel: 4.9 },
        ],
        people: [
          {
            employeeId: '7a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
            name: 'Maria Lopez',
            roles: [{ id: '3f0e9c1e-8d6b-4f7a-9a57-0b7d2f1f7c11', name: 'Developer' }],
            cells: [{ code: '2.B.3.e', required: 4.9, evidenced: 3, gap: 1.9 }],
          },
        ],
        team: [{ code: '2.B.3.e', averageGap: 1.9, peopleWithGap: 1 }],
        closers: [
          {
            framework: 'onet',
            code: '2.B.3.e',
            items: [
              {
                kind: 'badge',
                id: '9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
                name: 'Python programming',
                issuer: 'Acme Academy',
                level: 5,
                closes: true,
                bundle: {
                  badgeId: '9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
                  priceMinor: 18000,
                  currency: 'EUR',
                },
              },
            ],
          },
        ],
      },
    ],
  });

export function presentAnalytics(figures: EmployerAnalytics): z.infer<typeof analyticsReply> {
  return {
    ...figures,
    renewals: {
      expired: figures.renewals.expired,
      expiringSoonTotal: figures.renewals.expiringSoonTotal,
      expiringSoon: figures.renewals.expiringSoon.map((e) => ({
        employeeId: e.employeeId,
        name: e.name,
        badgeName: e.badgeName,
        validUntil: e.validUntil.toISOString(),
      })),
    },
  };
}

export const presentGap = (map: GapHeatMap): z.infer<typeof gapReply> => map;
