import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { awardBadge } from './award.ts';
import {
  aOneLessonCourse,
  awardsOfBadge,
  badgeMailsTo,
  issuedCredentialOf,
  verifyCredential,
} from './award-testing.ts';
import { type BadgeVersionRow, latestPublishedVersion } from './definition-store.ts';
import { aPublishedBadge } from './testing.ts';

describe('awarding a badge', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
  });
  afterAll(() => t?.close());

  async function aVersion(validityDays: number | null = 1095): Promise<BadgeVersionRow> {
    const course = await aOneLessonCourse(t.app, issuer);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [course], validityDays });
    const version = await latestPublishedVersion(t.deps.db, badge.id);
    if (!version) throw new Error('badge not published');
    return version;
  }

  const award = (input: Parameters<typeof awardBadge>[2]) =>
    t.deps.db.transaction().execute((trx) => awardBadge(t.deps, trx, input));

  it('awards once when two awards of the same badge to the same address race: one credential, one mail', async () => {
    const version = await aVersion();
    const email = 'Rosa.Race@Example.org';
    const [x, y] = await Promise.all([
      award({ version, email, source: 'manual' }),
      award({ version, email: email.toLowerCase(), source: 'manual' }),
    ]);
    expect([x.created, y.created].sort()).toEqual([false, true]);
    expect(x.award.id).toBe(y.award.id);
    expect(await awardsOfBadge(t.deps, version.badgeId)).toHaveLength(1);
    const credentials = await t.deps.db
      .selectFrom('issuedCredentials')
      .select('id')
      .where('recipientEmail', '=', email.toLowerCase())
      .execute();
    expect(credentials).toHaveLength(1);
    expect(await badgeMailsTo(t.deps, email)).toHaveLength(1);
  });

  it('stores the address lower-cased and issues a credential that verifies, with the evidence URL', async () => {
    const version = await aVersion(30);
    const { award: row } = await award({
      version,
      email: '  Ana.Nunez@Example.ORG ',
      name: 'Ana Núñez',
      source: 'manual',
      evidenceUrl: 'https://portfolio.example.org/ana/payroll',
    });
    expect(row).toMatchObject({ recipientEmail: 'ana.nunez@example.org', recipientName: 'Ana Núñez' });
    const issued = await issuedCredentialOf(t.deps, row.credentialId);
    expect((await verifyCredential(t.app, issued.credential)).verified).toBe(true);
    expect(issued.credential.evidence).toEqual([
      expect.objectContaining({ id: 'https://portfolio.example.org/ana/payroll' }),
    ]);
    expect(row.validUntil?.getTime()).toBe(row.issuedAt.getTime() + 30 * 86_400_000);
  });

  it('backdates validity from the issue date, and leaves out validUntil for a badge that never expires', async () => {
    const issuedOn = new Date('2025-01-15T00:00:00Z');
    const dated = await award({
      version: await aVersion(365),
      email: 'dated@example.org',
      source: 'bulk',
      issuedOn,
    });
    expect(dated.award.issuedAt.toISOString()).toBe('2025-01-15T00:00:00.000Z');
    expect(dated.award.validUntil?.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    const forever = await award({
      version: await aVersion(null),
      email: 'forever@example.org',
      source: 'manual',
    });
    expect(forever.award.validUntil).toBeNull();
    const issued = await issuedCredentialOf(t.deps, forever.award.credentialId);
    expect(issued.credential.validUntil).toBeUndefined();
  });
});
