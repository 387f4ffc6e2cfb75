// "Add to wallet" in the "Accept your badge" mail: a link to the badge's page at its wallet section, where
// the learner (logged in, the badge accepted) makes a fresh single-use offer. The mail never holds an offer,
// an interaction URL or a pre-authorized code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { awardBadge } from '../badges/award.ts';
import { badgeMailsTo } from '../badges/award-testing.ts';
import { findVersion } from '../badges/definition-store.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { renderMail } from '../mail/templates.ts';

const DOMAIN = 'http://localhost:3000';

describe('the “Accept your badge” mail and wallets', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Mail Wallet Academy');
  }, 240_000);
  afterAll(() => t?.close());

  it('links to the badge page’s “Add to wallet” and holds no wallet offer', async () => {
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courseId], name: 'Ladder safety' });
    const version = await findVersion(t.deps.db, badge.latestVersion.id);
    if (!version) throw new Error('published badge has no version');
    const { award } = await t.deps.db
      .transaction()
      .execute((trx) => awardBadge(t.deps, trx, { version, email: 'mila@example.org', source: 'manual' }));

    const [mail] = await badgeMailsTo(t.deps, 'mila@example.org');
    const walletLink = `${DOMAIN}/learn/badges/${award.id}#wallet`;
    expect(mail?.textBody).toContain(walletLink);
    expect(mail?.textBody).toContain('add the badge to a wallet app');
    expect(mail?.htmlBody).toContain(`<a href="${walletLink}">Add to wallet</a>`);
    expect(mail?.textBody).not.toMatch(/\/wallet\/|openid-credential-offer|pre-authorized/);
    const offers = await t.deps.db
      .selectFrom('walletOffers')
      .select('id')
      .where('awardId', '=', award.id)
      .execute();
    expect(offers).toEqual([]);
  });

  it('says it in Spanish to a Spanish reader', () => {
    const mail = renderMail('es', {
      kind: 'badge-awarded',
      name: 'Lucía',
      issuerName: 'Academia',
      badgeName: 'Andamios',
      link: `${DOMAIN}/claim/abc`,
      walletLink: `${DOMAIN}/learn/badges/1#wallet`,
      days: 30,
    });
    expect(mail.text).toContain('añadir la insignia a una aplicación de cartera');
    expect(mail.html).toContain(`<a href="${DOMAIN}/learn/badges/1#wallet">Añadir a la cartera</a>`);
  });
});
