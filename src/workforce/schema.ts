// Requests and replies of the people-and-consent routes, built by presenters with explicit fields.

import { z } from 'zod';
import { schemaMessage } from '../errors.ts';
import { skillReply, skillReplySchema } from '../skills/index.ts';
import type { EmployerView, InvitationView } from './me-service.ts';
import { EMPLOYEE_STATUSES, MAX_CHOSEN, MAX_INVITATIONS, SHARE_MODES, SHARED_BADGE_STATES } from './model.ts';
import type { PersonView } from './service.ts';
import type { SharedBadge } from './sharing.ts';

export const orgParams = z.strictObject({ orgId: z.uuid() });
export const employeeParams = z.strictObject({ orgId: z.uuid(), employeeId: z.uuid() });
export const invitationParams = z.strictObject({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, schemaMessage('invitation-token-format', 'is not an invitation token')),
});
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const inviteBody = z
  .strictObject({
    emails: z
      .array(z.email().max(254))
      .min(1)
      .max(MAX_INVITATIONS)
      .describe(
        `1–${MAX_INVITATIONS} addresses; each gets a link to join (people already active are counted)`,
      ),
  })
  .meta({ examples: [{ emails: ['maria@example.org', 'sam@example.org'] }] });

export const inviteReply = z
  .object({ invited: z.number().int(), alreadyActive: z.number().int() })
  .meta({ examples: [{ invited: 2, alreadyActive: 0 }] });

export const consentBody = z
  .strictObject({
    share: z.enum(SHARE_MODES).describe('all: every badge you earned here; chosen: only awardIds'),
    includeImports: z
      .boolean()
      .describe('Also badges you imported (all of them, or only importIds when chosen)'),
    awardIds: z.array(z.uuid()).max(MAX_CHOSEN).optional(),
    importIds: z.array(z.uuid()).max(MAX_CHOSEN).optional(),
  })
  .meta({
    examples: [
      { share: 'chosen', includeImports: false, awardIds: ['0b9f3c52-6c1e-4a53-9a3e-2f3c1d7e8a10'] },
      { share: 'all', includeImports: true },
    ],
  });

const sharedBadgeSchema = z
  .object({
    kind: z.enum(['award', 'import']),
    id: z.uuid(),
    name: z.string(),
    issuer: z.string().nullable(),
    issuedAt: z.string(),
    validUntil: z.string().nullable(),
    state: z
      .enum(SHARED_BADGE_STATES)
      .describe('Awards: active, suspended or expired; imported: the last verification verdict'),
    skills: z.array(skillReplySchema),
  })
  .meta({
    examples: [
      {
        kind: 'award',
        id: '0b9f3c52-6c1e-4a53-9a3e-2f3c1d7e8a10',
        name: 'Safe lifting',
        issuer: 'Harbour Academy',
        issuedAt: '2026-03-02T09:30:00.000Z',
        validUntil: null,
        state: 'active',
        skills: [{ name: 'Active listening', concept: { framework: 'onet', code: '2.A.1.b' }, level: 4 }],
      },
    ],
  });

export const sharedBadges = {
  schema: z.object({ items: z.array(sharedBadgeSchema) }),
  present: (badges: SharedBadge[]) => ({ items: badges.map(presentBadge) }),
};

function presentBadge(badge: SharedBadge): z.infer<typeof sharedBadgeSchema> {
  return {
    kind: badge.kind,
    id: badge.id,
    name: badge.name,
    issuer: badge.issuer,
    issuedAt: badge.issuedAt.toISOString(),
    validUntil: badge.validUntil?.toISOString() ?? null,
    state: badge.state,
    skills: badge.skills.map(skillReply),
  };
}

const personSchema = z.object({
  id: z.uuid(),
  name: z.string().nullable().describe('The account’s name while the person shares; null otherwise'),
  email: z.string().describe('The address the invitation went to'),
  status: z.enum(EMPLOYEE_STATUSES),
  sharing: z
    .object({ share: z.enum(SHARE_MODES), includeImports: z.boolean(), sharedCount: z.number().int() })
    .nullable(),
  invitedAt: z.string(),
  acceptedAt: z.string().nullable(),
});

export const people = {
  schema: z.object({ items: z.array(personSchema), total: z.number().int() }),
  present: (page: { items: PersonView[]; total: number }) => ({
    items: page.items.map(presentPerson),
    total: page.total,
  }),
};

/** One person (GET …/employees/{employeeId}): the list's row; withdrawn and removed people are 404. */
export const person = {
  schema: personSchema.meta({
    examples: [
      {
        id: '5d1c6f0e-8a7b-4c2d-9e3f-1a2b3c4d5e6f',
        name: 'Maria Worker',
        email: 'maria@example.org',
        status: 'active',
        sharing: { share: 'chosen', includeImports: false, sharedCount: 2 },
        invitedAt: '2026-03-01T08:00:00.000Z',
        acceptedAt: '2026-03-02T09:30:00.000Z',
      },
    ],
  }),
  present: (view: PersonView) => presentPerson(view),
};

/** A withdrawn person is a status and the address the employer typed: nothing of theirs. */
function presentPerson({ row, sharing }: PersonView): z.infer<typeof personSchema> {
  const active = row.status === 'active';
  return {
    id: row.id,
    name: active ? row.name : null,
    email: row.invitedEmail,
    status: row.status,
    sharing,
    invitedAt: row.invitedAt.toISOString(),
    acceptedAt: active ? (row.acceptedAt?.toISOString() ?? null) : null,
  };
}

export const invitation = {
  schema: z.object({ orgName: z.string(), maskedEmail: z.string(), emailVerified: z.boolean() }).meta({
    examples: [{ orgName: 'Northwind Logistics', maskedEmail: 'm***a@example.org', emailVerified: true }],
  }),
  present: (view: InvitationView) => ({ ...view }),
};

const employerSchema = z.object({
  org: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
  status: z.enum(EMPLOYEE_STATUSES),
  acceptedAt: z.string().nullable(),
  consent: z
    .object({
      share: z.enum(SHARE_MODES),
      includeImports: z.boolean(),
      awardIds: z.array(z.uuid()),
      importIds: z.array(z.uuid()),
    })
    .nullable(),
  sees: z.array(sharedBadgeSchema).describe('Exactly what the employer sees now'),
});

export const employer = {
  schema: employerSchema,
  present: (view: EmployerView): z.infer<typeof employerSchema> => ({
    org: { id: view.orgId, name: view.orgName, slug: view.orgSlug },
    status: view.status,
    acceptedAt: view.acceptedAt?.toISOString() ?? null,
    consent: view.consent,
    sees: view.sees.map(presentBadge),
  }),
};

export const employers = {
  schema: z.object({ items: z.array(employerSchema) }),
  present: (views: EmployerView[]) => ({ items: views.map(employer.present) }),
};
