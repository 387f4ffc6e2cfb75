// Demo data for a fresh install: an issuer, an employer and one person per role. Passwords are random
// per install, printed once in the log and kept in $DATA_DIR/demo-credentials.txt (mode 0600).
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../deps.ts';
import { createUser } from '../identity/index.ts';
import { addMember, createOrganization } from '../orgs/index.ts';
import type { MembershipRole } from '../orgs/tables.ts';
import { DEMO_LEARNER_COUNT, seedDemoFeeWaiting, seedDemoYear } from './demo-activity.ts';
import { seedDemoBadges } from './demo-badges.ts';
import { seedDemoCourses } from './demo-courses.ts';
import { seedDemoShop } from './demo-shop.ts';

interface DemoPerson {
  email: string;
  name: string;
  role: string;
  isOperator?: boolean;
  membership?: { org: 'issuer' | 'employer'; role: MembershipRole };
}

const people: DemoPerson[] = [
  {
    email: 'admin@tessera.test',
    name: 'Ada Admin',
    role: 'issuer admin (Northwind Academy owner)',
    membership: { org: 'issuer', role: 'owner' },
  },
  {
    email: 'assessor@tessera.test',
    name: 'Ravi Assessor',
    role: 'assessor at Northwind Academy',
    membership: { org: 'issuer', role: 'assessor' },
  },
  { email: 'learner@tessera.test', name: 'Lena Learner', role: 'learner' },
  {
    email: 'employer@tessera.test',
    name: 'Emil Employer',
    role: 'employer manager (Contoso Talent)',
    membership: { org: 'employer', role: 'manager' },
  },
  { email: 'operator@tessera.test', name: 'Olga Operator', role: 'platform operator', isOperator: true },
];

const DEMO_LEARNER = 'learner@tessera.test';
const DEMO_ASSESSOR = 'assessor@tessera.test';

export interface DemoOptions {
  /**
   * A year of learners, reviews and awards behind the dashboards' figures (demo-activity.ts): `npm start` and
   * `tessera seed` ask for it; tests that need only the catalog and the badges leave it out (it takes seconds).
   */
  activity?: boolean;
}

export async function hasAnyUser(deps: Deps): Promise<boolean> {
  const row = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Returns false (and changes nothing) when the database already has users. */
export async function seedDemoDataIfEmpty(deps: Deps, options: DemoOptions = {}): Promise<boolean> {
  if (await hasAnyUser(deps)) return false;
  const issuer = await createOrganization(deps, 'system', {
    name: 'Northwind Academy',
    slug: 'northwind-academy',
    kind: 'issuer',
    websiteUrl: 'https://northwind.example.org',
  });
  const employer = await createOrganization(deps, 'system', {
    name: 'Contoso Talent',
    slug: 'contoso-talent',
    kind: 'employer',
  });
  const orgIds = { issuer: issuer.id, employer: employer.id };

  const lines: string[] = [];
  let learner: { userId: string; email: string; name: string } | undefined;
  let assessorUserId: string | undefined;
  for (const person of people) {
    const password = randomBytes(9).toString('base64url');
    const user = await createUser(deps, {
      email: person.email,
      name: person.name,
      password,
      verified: true,
      isOperator: person.isOperator,
    });
    if (person.membership) {
      await addMember(deps, 'system', orgIds[person.membership.org], {
        email: person.email,
        role: person.membership.role,
      });
    }
    if (person.email === DEMO_LEARNER)
      learner = { userId: user.user.id, email: person.email, name: person.name };
    if (person.email === DEMO_ASSESSOR) assessorUserId = user.user.id;
    lines.push(`${person.role.padEnd(42)} ${person.email.padEnd(24)} ${password}`);
  }
  const courseIds = await seedDemoCourses(deps, issuer.id);
  if (!learner || !assessorUserId) throw new Error('the demo learner or assessor is missing');
  const badgePage = await seedDemoBadges(deps, issuer.id, courseIds, learner);
  const activity = { issuerOrgId: issuer.id, courseIds, assessorUserId };
  const withActivity = options.activity ?? false;
  if (withActivity) await seedDemoYear(deps, activity);
  await seedDemoShop(deps, issuer.id);
  if (withActivity) await seedDemoFeeWaiting(deps, activity);
  const text = [
    `Tessera demo accounts (log in at ${deps.config.publicUrl}/login)`,
    ...lines,
    '',
    `A public demo badge: ${badgePage} (paste it, or drop its downloaded PNG, on ${deps.config.publicUrl}/verify)`,
    `The storefront: ${deps.config.publicUrl}/bundles (orders are paid by test card, test mode: no money moves; use 4242 4242 4242 4242)`,
    ...(withActivity
      ? [
          `A year of activity behind the dashboards (${deps.config.publicUrl}/issue, ${deps.config.publicUrl}/operate): ` +
            `${DEMO_LEARNER_COUNT} more demo learners (learnerNN@northwind.example; no passwords given out)`,
        ]
      : []),
    `The outbox, every mail this install sends: ${deps.config.publicUrl}/outbox (log in as the platform operator above)`,
    '',
  ].join('\n');
  mkdirSync(deps.config.dataDir, { recursive: true });
  writeFileSync(join(deps.config.dataDir, 'demo-credentials.txt'), text, { mode: 0o600 });
  // Printed on purpose: these are throw-away demo accounts of a fresh local install.
  deps.log.info(`demo data created; demo accounts:\n${text}`);
  return true;
}
