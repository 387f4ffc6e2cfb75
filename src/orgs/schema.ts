// Requests and replies of the organization routes, built by presenters with explicit fields.

import { z } from 'zod';
import { schemaMessage } from '../errors.ts';
import { BRAND_COLOR_PATTERN, logoUrlOf } from './branding-model.ts';
import { MEMBERSHIP_ROLES, ORGANIZATION_KINDS, SLUG_PATTERN } from './model.ts';
import type { MemberView, PublicOrganization } from './service.ts';
import type { OrganizationRow } from './store.ts';

const websiteUrl = z.url({ protocol: /^https?$/ }).max(500);

export const createOrganizationBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug: z
    .string()
    .regex(
      SLUG_PATTERN,
      schemaMessage(
        'org-slug-format',
        'must be 3–40 lowercase letters, digits or dashes, not starting or ending with a dash',
      ),
    ),
  kind: z.enum(ORGANIZATION_KINDS),
  websiteUrl: websiteUrl.nullable().optional(),
});
export const updateOrganizationBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  websiteUrl: websiteUrl.nullable().optional(),
  /** Branding shown to learners; `null` clears. The colour must be readable with white text (4.5:1). */
  description: z.string().trim().max(2000).nullable().optional(),
  brandColor: z
    .string()
    .regex(
      BRAND_COLOR_PATTERN,
      schemaMessage('brand-colour', 'must be a colour written #rrggbb, e.g. #1d4ed8'),
    )
    .nullable()
    .optional(),
  contactEmail: z.email().max(254).nullable().optional(),
  contactUrl: websiteUrl.nullable().optional(),
  /** Issuer registries it is listed in (shown on its issuer page); the whole list, `[]` for none. */
  registryListings: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(120),
        url: z.url({ protocol: /^https$/ }).max(500),
      }),
    )
    .max(10)
    .optional(),
});
export const orgParams = z.strictObject({ orgId: z.uuid() });
export const memberParams = z.strictObject({ orgId: z.uuid(), userId: z.uuid() });
export const addMemberBody = z.strictObject({ email: z.email().max(254), role: z.enum(MEMBERSHIP_ROLES) });
export const changeMemberBody = z.strictObject({ role: z.enum(MEMBERSHIP_ROLES) });
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const summarySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
});

export const organizationSummary = {
  schema: summarySchema,
  present: (row: OrganizationRow): z.infer<typeof summarySchema> => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
  }),
};

/** What learners see of an organization besides its name: set in the console's settings. */
const brandingSchema = z.object({
  description: z.string().nullable(),
  /** Relative to this server, e.g. `/org-logos/<uuid>.svg`; null: no logo. */
  logoUrl: z.string().nullable(),
  brandColor: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactUrl: z.string().nullable(),
});

export const organizationBranding = {
  schema: brandingSchema,
  present: (row: OrganizationRow | PublicOrganization): z.infer<typeof brandingSchema> => ({
    description: row.description,
    logoUrl: logoUrlOf(row.logoKey),
    brandColor: row.brandColor,
    contactEmail: row.contactEmail,
    contactUrl: row.contactUrl,
  }),
};

const registryListingSchema = z.object({ name: z.string(), url: z.string() });

const organizationSchema = summarySchema.extend({
  websiteUrl: z.string().nullable(),
  ...brandingSchema.shape,
  /** Issuer registries it is listed in (a DCC-style registry, an OpenID Federation); see docs/wallets.md. */
  registryListings: z.array(registryListingSchema),
  createdAt: z.string(),
  /** The caller's role; `operator` when a platform operator looks at an organization they are not in. */
  role: z.enum([...MEMBERSHIP_ROLES, 'operator']).nullable(),
});

export const organization = {
  schema: organizationSchema,
  present: (
    row: OrganizationRow,
    role: z.infer<typeof organizationSchema>['role'],
  ): z.infer<typeof organizationSchema> => ({
    ...organizationSummary.present(row),
    websiteUrl: row.websiteUrl,
    ...organizationBranding.present(row),
    registryListings: row.registryListings ?? [],
    createdAt: row.createdAt.toISOString(),
    role,
  }),
};

const memberSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(MEMBERSHIP_ROLES),
  since: z.string(),
});

export const member = {
  schema: memberSchema,
  present: (view: MemberView): z.infer<typeof memberSchema> => ({
    userId: view.userId,
    name: view.name,
    email: view.email,
    role: view.role,
    since: view.since.toISOString(),
  }),
};
