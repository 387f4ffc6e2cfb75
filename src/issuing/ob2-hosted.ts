// Open Badges 2.0 hosted verification for older backpacks: every credential we issue to an email
// also has an Assertion, its BadgeClass and its Issuer at stable URLs, revocation reflected (410).
import {
  buildOb2Assertion,
  buildOb2BadgeClass,
  buildOb2Issuer,
  buildRevokedOb2Assertion,
  normalizeEmail,
} from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { organizationById, organizationBySlug } from '../orgs/index.ts';
import { defaultBadgeSvg } from './badge-image.ts';
import { findIssuedCredentialAnyOrg, type IssuedCredentialRow } from './store.ts';

type Json = Record<string, unknown>;

export const ob2Urls = (deps: Deps) => ({
  assertion: (id: string) => `${deps.config.publicUrl}/ob2/assertions/${id}`,
  badgeClass: (id: string) => `${deps.config.publicUrl}/ob2/assertions/${id}/badge`,
  image: (id: string) => `${deps.config.publicUrl}/ob2/assertions/${id}/image.svg`,
  issuer: (slug: string) => `${deps.config.publicUrl}/ob2/issuers/${slug}`,
});

/** Where the issuer's did:web (did:web:<host>:issuers:<slug>) is resolved: its OB 3.0 identity over https. */
const didWebDocumentUrl = (deps: Deps, slug: string) => `${deps.config.publicUrl}/issuers/${slug}/did.json`;

const achievementOf = (row: IssuedCredentialRow): Json =>
  ((row.credential.credentialSubject as Json | undefined)?.achievement as Json | undefined) ?? {};

const saltOf = (row: IssuedCredentialRow): string | undefined => {
  const subject = row.credential.credentialSubject as { identifier?: Array<{ salt?: string }> } | undefined;
  return subject?.identifier?.[0]?.salt;
};

/** The hosted OB 2.0 assertion of a credential (baked into OB 2.0 downloads). */
export const ob2AssertionUrl = (deps: Deps, credentialId: string) => ob2Urls(deps).assertion(credentialId);

export type HostedDocument = { status: 200 | 410; body: Json } | undefined;

/** Only email-addressed credentials have an OB 2.0 form (OB 2.0 recipients are emails, not DIDs). */
async function hostedRow(deps: Deps, id: string): Promise<IssuedCredentialRow | undefined> {
  const row = await findIssuedCredentialAnyOrg(deps.db, id);
  return row?.recipientEmail && saltOf(row) ? row : undefined;
}

export async function ob2Assertion(deps: Deps, id: string): Promise<HostedDocument> {
  const row = await hostedRow(deps, id);
  if (!row) return undefined;
  const urls = ob2Urls(deps);
  if (row.state === 'revoked') {
    return {
      status: 410,
      body: {
        ...buildRevokedOb2Assertion({
          assertionUrl: urls.assertion(id),
          reason: row.stateReason ?? undefined,
        }),
      },
    };
  }
  const assertion = buildOb2Assertion({
    assertionUrl: urls.assertion(id),
    badgeClassUrl: urls.badgeClass(id),
    recipient: { email: normalizeEmail(row.recipientEmail!), salt: saltOf(row)! },
    issuedOn: row.issuedAt,
    image: urls.image(id),
    ...(row.validUntil ? { expires: row.validUntil } : {}),
  });
  return { status: 200, body: { ...assertion } };
}

export async function ob2BadgeClass(deps: Deps, id: string): Promise<Json | undefined> {
  const row = await hostedRow(deps, id);
  if (!row) return undefined;
  const org = await organizationById(deps.db, row.orgId);
  if (!org) return undefined;
  const achievement = achievementOf(row);
  const criteria = (achievement.criteria as { id?: string; narrative?: string } | undefined) ?? {};
  const image = (achievement.image as { id?: string } | undefined)?.id;
  return {
    ...buildOb2BadgeClass({
      badgeClassUrl: ob2Urls(deps).badgeClass(id),
      name: String(achievement.name ?? row.achievementName),
      description: String(achievement.description ?? row.achievementName),
      image: image && /^https?:/.test(image) ? image : ob2Urls(deps).image(id),
      criteria: {
        url: criteria.id && /^https?:/.test(criteria.id) ? criteria.id : undefined,
        narrative: criteria.narrative,
      },
      issuerUrl: ob2Urls(deps).issuer(org.slug),
    }),
  };
}

/** The address our mail comes from (MAIL_FROM, "Name <address>" or a bare address). */
function contactEmail(deps: Deps): string {
  const from = deps.config.mail.from.trim();
  return /<([^<>\s]+@[^<>\s]+)>$/.exec(from)?.[1] ?? from;
}

/**
 * The issuer Profile as the 1EdTech OB 2.0 validator requires it: name, url and a contact email (an
 * organization has no address of its own, so the one our mail comes from), and a `related` link to
 * the same issuer in OB 3.0 (migration guide) at an https URL, which is where its did:web document
 * lives: the validator refuses any id that is not an http(s) URL or a urn:uuid, and a related node
 * whose type does not include the class it relates (here Profile) besides the OB 3.0 one.
 */
export async function ob2Issuer(deps: Deps, slug: string): Promise<Json | undefined> {
  const org = await organizationBySlug(deps.db, slug);
  if (org?.kind !== 'issuer') return undefined;
  return {
    ...buildOb2Issuer({
      issuerUrl: ob2Urls(deps).issuer(slug),
      name: org.name,
      url: org.websiteUrl ?? deps.config.publicUrl,
      email: contactEmail(deps),
      related: [
        {
          id: didWebDocumentUrl(deps, slug),
          type: ['Profile', 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile'],
          version: 'Open Badges v3p0',
        },
      ],
    }),
  };
}

/** The badge picture of a hosted assertion (the default picture drawn from its name). */
export async function ob2BadgeImage(deps: Deps, id: string): Promise<string | undefined> {
  const row = await hostedRow(deps, id);
  return row && defaultBadgeSvg(row.achievementName);
}
