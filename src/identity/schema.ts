// Requests and replies of the identity routes; presenters choose every field (hashes never leave).
import { z } from 'zod';
import type { OrganizationWithRole } from '../orgs/index.ts';
import { API_TOKEN_SCOPES, PASSWORD_MAX, PASSWORD_MIN } from './model.ts';
import type { SessionOverview } from './sessions.ts';
import type { ApiTokenRow, UserEmailRow, UserRow } from './store.ts';

export const emailField = z.email().max(254);
export const passwordField = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);
export const tokenField = z.string().min(1).max(200);

export const signUpBody = z.strictObject({
  email: emailField,
  name: z.string().trim().min(1).max(200),
  password: passwordField,
  locale: z.string().max(35).optional(),
});
export const logInBody = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(PASSWORD_MAX),
});
export const tokenBody = z.strictObject({ token: tokenField });
export const emailBody = z.strictObject({ email: emailField });
export const resetConfirmBody = z.strictObject({ token: tokenField, password: passwordField });
export const switchOrganizationBody = z.strictObject({ orgId: z.uuid() });
export const idParams = z.strictObject({ id: z.uuid() });
export const createApiTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  orgId: z.uuid().nullable().optional(),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)).min(1).max(API_TOKEN_SCOPES.length),
});

const emailSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  verified: z.boolean(),
  primary: z.boolean(),
});

export const userEmail = {
  schema: emailSchema,
  present: (row: UserEmailRow): z.infer<typeof emailSchema> => ({
    id: row.id,
    email: row.email,
    verified: row.verifiedAt !== null,
    primary: row.isPrimary,
  }),
};

const userSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  locale: z.string(),
  isOperator: z.boolean(),
  emails: z.array(emailSchema),
});

export const userReply = {
  schema: z.object({ user: userSchema }),
  present: (user: UserRow, emails: UserEmailRow[]): { user: z.infer<typeof userSchema> } => ({
    user: presentUser(user, emails),
  }),
};

function presentUser(user: UserRow, emails: UserEmailRow[]): z.infer<typeof userSchema> {
  return {
    id: user.id,
    name: user.name,
    locale: user.locale,
    isOperator: user.isOperator,
    emails: emails.map(userEmail.present),
  };
}

const membershipSchema = z.object({
  org: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), kind: z.enum(['issuer', 'employer']) }),
  role: z.enum(['owner', 'admin', 'staff', 'assessor', 'manager']),
});

function presentMembership(org: OrganizationWithRole): z.infer<typeof membershipSchema> {
  return { org: { id: org.id, slug: org.slug, name: org.name, kind: org.kind }, role: org.role };
}

const sessionSchema = z.object({
  user: userSchema,
  memberships: z.array(membershipSchema),
  activeOrgId: z.uuid().nullable(),
  csrfToken: z.string(),
});

export const sessionReply = {
  schema: sessionSchema,
  present: (overview: SessionOverview): z.infer<typeof sessionSchema> => ({
    user: presentUser(overview.user, overview.emails),
    memberships: overview.memberships.map(presentMembership),
    activeOrgId: overview.activeOrgId,
    csrfToken: overview.csrfToken,
  }),
};

const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  orgId: z.uuid().nullable(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const apiToken = {
  schema: apiTokenSchema,
  present: (row: ApiTokenRow): z.infer<typeof apiTokenSchema> => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    orgId: row.orgId,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  }),
};

const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });

export const createdApiToken = {
  schema: createdApiTokenSchema,
  present: (row: ApiTokenRow, token: string): z.infer<typeof createdApiTokenSchema> => ({
    ...apiToken.present(row),
    token,
  }),
};
