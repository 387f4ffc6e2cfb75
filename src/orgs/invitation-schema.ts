// Requests and replies of member invitations, built by presenters with explicit fields.

import { z } from 'zod';
import { schemaMessage } from '../errors.ts';
import type { AcceptedInvitation, InvitationLanding, InvitationView } from './invitation.ts';
import { MEMBERSHIP_ROLES, ORGANIZATION_KINDS } from './model.ts';

export const inviteBody = z
  .strictObject({ email: z.email().max(254), role: z.enum(MEMBERSHIP_ROLES) })
  .meta({ examples: [{ email: 'new.assessor@example.org', role: 'assessor' }] });
export const invitationParams = z.strictObject({ orgId: z.uuid(), invitationId: z.uuid() });
/** Tokens are 32 random bytes in base64url (43 characters); anything else is not a link we sent. */
export const tokenParams = z.strictObject({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,100}$/, schemaMessage('invitation-link-format', 'is not an invitation link')),
});

const invitationExample = {
  id: '5b1f2c1e-8a43-4e7e-9d55-0c3f1b2a9e10',
  email: 'new.assessor@example.org',
  role: 'assessor',
  invitedBy: 'Olivia Owner',
  invitedAt: '2031-03-01T09:00:00.000Z',
  expiresAt: '2031-03-15T09:00:00.000Z',
  expired: false,
};

const invitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(MEMBERSHIP_ROLES),
    /** The name of whoever invited, when known. */
    invitedBy: z.string().nullable(),
    invitedAt: z.string(),
    expiresAt: z.string(),
    expired: z.boolean(),
  })
  .meta({ examples: [invitationExample] });

export const invitation = {
  schema: invitationSchema,
  present: (view: InvitationView): z.infer<typeof invitationSchema> => ({
    id: view.id,
    email: view.email,
    role: view.role,
    invitedBy: view.invitedBy,
    invitedAt: view.invitedAt.toISOString(),
    expiresAt: view.expiresAt.toISOString(),
    expired: view.expired,
  }),
};

export const invitations = z.object({ items: z.array(invitationSchema) });

export const landing = z.object({
  orgName: z.string(),
  orgKind: z.enum(ORGANIZATION_KINDS),
  role: z.enum(MEMBERSHIP_ROLES),
  /** The invited address, masked (`m***a@example.org`). */
  maskedEmail: z.string(),
  /** Whether one of the caller's verified addresses is the invited one (false for a visitor). */
  emailVerified: z.boolean(),
}) satisfies z.ZodType<InvitationLanding>;

const acceptedSchema = z.object({
  org: z.object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    kind: z.enum(ORGANIZATION_KINDS),
  }),
  role: z.enum(MEMBERSHIP_ROLES),
});

export const accepted = {
  schema: acceptedSchema,
  present: (view: AcceptedInvitation): z.infer<typeof acceptedSchema> => ({
    org: { id: view.orgId, name: view.orgName, slug: view.orgSlug, kind: view.orgKind },
    role: view.role,
  }),
};
