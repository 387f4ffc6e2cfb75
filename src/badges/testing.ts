// Test factories of badge definitions: a drafted or published badge requiring courses and/or badges.
// Courses come from the catalog's own factory: aPublishedCourse(app, issuer.orgId, issuer.owner).
import type { FastifyInstance } from 'fastify';
import type { TestIssuer } from '../issuing/testing.ts';

export { aPublishedCourse } from '../catalog/testing.ts';

export interface BadgeFactoryOptions {
  courseIds: string[];
  badgeIds?: string[];
  /** "n of m"; default: all. */
  required?: number | null;
  /** null: never expires; default 1095 days. */
  validityDays?: number | null;
  name?: string;
  /** Any other field of the create body (skills, level, colors, criteriaNarrative …). */
  extra?: Record<string, unknown>;
}

let counter = 0;

export const sampleBadge = (options: BadgeFactoryOptions) => {
  counter += 1;
  return {
    name: options.name ?? `Payroll practitioner ${counter}`,
    description: 'Runs a payroll cycle end to end.',
    requirements: {
      items: [
        ...options.courseIds.map((courseId) => ({ kind: 'course', courseId })),
        ...(options.badgeIds ?? []).map((badgeId) => ({ kind: 'badge', badgeId })),
      ],
      required: options.required ?? null,
    },
    ...(options.validityDays !== undefined ? { validityDays: options.validityDays } : {}),
    ...options.extra,
  };
};

/** Drafts a badge as the issuer's owner; returns the badge JSON (state 'draft'). */
export async function aDraftBadge(
  app: FastifyInstance,
  issuer: TestIssuer,
  options: BadgeFactoryOptions,
): Promise<Record<string, unknown> & { id: string }> {
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/badges`,
    headers: issuer.owner.headers,
    payload: sampleBadge(options),
  });
  if (created.statusCode !== 201)
    throw new Error(`badge creation failed: ${created.statusCode} ${created.body}`);
  return created.json();
}

/** Drafts and publishes a badge; returns the badge JSON (state 'published', latestVersion set). */
export async function aPublishedBadge(
  app: FastifyInstance,
  issuer: TestIssuer,
  options: BadgeFactoryOptions,
): Promise<Record<string, unknown> & { id: string; latestVersion: { id: string; number: number } }> {
  const draft = await aDraftBadge(app, issuer, options);
  const published = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/badges/${draft.id}/publish`,
    headers: issuer.owner.headers,
  });
  if (published.statusCode !== 200)
    throw new Error(`badge publish failed: ${published.statusCode} ${published.body}`);
  return published.json();
}
