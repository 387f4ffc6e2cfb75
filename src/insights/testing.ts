// Test factories of the insights context: the shipped skill sample imported, badges asserting framework
// concepts, and awards their learner accepted (and made public), all through the real API.
import { join, resolve } from 'node:path';
import type { TestApp } from '../../test/support/app.ts';
import { lastClaimToken } from '../badges/award-testing.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import type { TestSession } from '../identity/testing.ts';
import type { TestIssuer } from '../issuing/testing.ts';
import { importEsco, importOnet } from '../skills/index.ts';

export const SAMPLE = resolve(import.meta.dirname, '../../vendor/skills-sample');

export async function importSample(t: TestApp): Promise<void> {
  await importOnet(t.deps.db, join(SAMPLE, 'onet'));
  await importEsco(t.deps.db, join(SAMPLE, 'esco'), { version: '1.1.1' });
}

export interface ConceptSkill {
  name: string;
  concept?: { framework: 'onet' | 'esco'; code: string };
  level?: number;
}

/** A published badge requiring the course, with these skills. */
export async function aBadgeAsserting(
  t: TestApp,
  issuer: TestIssuer,
  courseId: string,
  name: string,
  skills: ConceptSkill[],
): Promise<string> {
  const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courseId], name, extra: { skills } });
  return badge.id;
}

/** Awards the badge to the learner by hand; the learner accepts it (and makes it public when asked). */
export async function anAcceptedAward(
  t: TestApp,
  issuer: TestIssuer,
  badgeId: string,
  learner: TestSession & { email: string },
  visibility: 'private' | 'public' = 'private',
): Promise<string> {
  const awarded = await t.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
    headers: issuer.owner.headers,
    payload: { email: learner.email },
  });
  if (awarded.statusCode !== 201) throw new Error(`award failed: ${awarded.statusCode} ${awarded.body}`);
  const awardId = awarded.json().id as string;
  const token = await lastClaimToken(t.deps, learner.email);
  const accepted = await t.app.inject({
    method: 'POST',
    url: `/api/v1/claims/${token}/accept`,
    headers: learner.headers,
  });
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
  if (visibility === 'public') {
    const shared = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/badges/${awardId}/sharing`,
      headers: learner.headers,
      payload: { visibility: 'public' },
    });
    if (shared.statusCode !== 200) throw new Error(`sharing failed: ${shared.statusCode} ${shared.body}`);
  }
  return awardId;
}
