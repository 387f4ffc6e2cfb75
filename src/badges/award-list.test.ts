import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { csvCell } from '../csv/index.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { awardBadge } from './award.ts';
import { allOrgAwards } from './award-queries.ts';
import { type BadgeVersionRow, findVersion } from './definition-store.ts';
import type { AwardSource } from './tables.ts';
import { aPublishedBadge } from './testing.ts';

describe('formula-safe CSV cells', () => {
  it('prefixes cells that would start a formula with a quote', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      `"'\rx"`,
    ]);
  });

  it('quotes commas, quotes and line breaks, and leaves plain text and numbers alone', () => {
    expect(csvCell('Carol, Jr.')).toBe('"Carol, Jr."');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('Ana Núñez')).toBe('Ana Núñez');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });
});

describe('the issuer’s award list and CSV export', () => {
  let t: TestApp;
  let clock = new Date('2032-02-01T10:00:00Z');
  let issuer: TestIssuer;
  let staff: TestSession & { email: string };
  let assessor: TestSession & { email: string };
  let payroll: BadgeVersionRow;
  let benefits: BadgeVersionRow;
  const ids: Record<string, string> = {};

  const aVersion = async (courseId: string, name: string, validityDays: number | null) => {
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courseId], name, validityDays });
    const version = await findVersion(t.deps.db, badge.latestVersion.id);
    if (!version) throw new Error('no version');
    return version;
  };
  const award = async (version: BadgeVersionRow, email: string, name: string, source: AwardSource) => {
    clock = new Date(clock.getTime() + 60_000);
    const { award } = await t.deps.db
      .transaction()
      .execute((trx) => awardBadge(t.deps, trx, { version, email, name, source }));
    return award;
  };
  const addMember = async (role: string) => {
    const person = await aLoggedInUser(t.app, t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: person.email, role },
    });
    expect(added.statusCode).toBe(201);
    return person;
  };

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'List Academy');
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    payroll = await aVersion(courseId, 'Payroll practitioner', 1095);
    benefits = await aVersion(courseId, 'Benefits, advanced', 30);
    ids.ana = (await award(payroll, 'ana.nunez@example.org', 'Ana Núñez', 'manual')).id;
    ids.formula = (
      await award(payroll, 'bob@example.org', '=HYPERLINK("http://evil.example")', 'completion')
    ).id;
    ids.carol = (await award(benefits, 'carol_x@example.org', 'Carol, Jr.', 'bulk')).id;
    const revoked = await award(benefits, 'dan@example.org', 'Dan 100%', 'manual');
    ids.dan = revoked.id;
    await t.deps.db
      .updateTable('issuedCredentials')
      .set({ state: 'revoked', stateReason: 'test' })
      .where('id', '=', revoked.credentialId as string)
      .execute();
    await t.deps.db.updateTable('awards').set({ state: 'accepted' }).where('id', '=', ids.ana).execute();
    staff = await addMember('staff');
    assessor = await addMember('assessor');
  });
  afterAll(() => t?.close());

  const list = async (query = '', as: TestSession = issuer.owner) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/awards${query}`,
      headers: as.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: Array<{ id: string }>; total: number };
    return { ids: body.items.map((i) => i.id), total: body.total, items: body.items };
  };
  const csv = (query = '', as: TestSession = issuer.owner) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/awards.csv${query}`,
      headers: as.headers,
    });

  it('lists every award, newest first, with badge, recipient and credential state', async () => {
    const all = await list();
    expect(all.total).toBe(4);
    expect(all.ids).toEqual([ids.dan, ids.carol, ids.formula, ids.ana]);
    expect(all.items.find((i) => i.id === ids.dan)).toMatchObject({
      badge: { id: benefits.badgeId, name: 'Benefits, advanced', versionNumber: 1 },
      recipientEmail: 'dan@example.org',
      recipientName: 'Dan 100%',
      state: 'offered',
      credentialState: 'revoked',
      source: 'manual',
      cycle: 1,
      superseded: false,
    });
  });

  it('filters by badge, state, credential state, source and expiry', async () => {
    expect((await list(`?badgeId=${benefits.badgeId}`)).ids.sort()).toEqual([ids.carol, ids.dan].sort());
    expect((await list('?state=accepted')).ids).toEqual([ids.ana]);
    expect((await list('?credentialState=revoked')).ids).toEqual([ids.dan]);
    expect((await list('?source=bulk')).ids).toEqual([ids.carol]);
    const soon = new Date(clock.getTime() + 60 * 86_400_000).toISOString().slice(0, 10);
    expect((await list(`?expiring=${soon}`)).ids.sort()).toEqual([ids.carol, ids.dan].sort());
    expect((await list(`?source=bulk&badgeId=${payroll.badgeId}`)).total).toBe(0);
  });

  it('searches names and addresses in any case, taking % and _ literally', async () => {
    expect((await list('?q=ANA')).ids).toEqual([ids.ana]);
    expect((await list('?q=n%C3%BA%C3%B1ez')).ids).toEqual([ids.ana]);
    expect((await list('?q=_')).ids).toEqual([ids.carol]);
    expect((await list('?q=%25')).ids).toEqual([ids.dan]);
    expect((await list('?q=nobody')).total).toBe(0);
  });

  it('finds one award by its credential id (urn:uuid or bare) or award id, and filters by the issue date', async () => {
    const all = (await list()).items as Array<{ id: string; credentialId: string; issuedAt: string }>;
    const carol = all.find((i) => i.id === ids.carol);
    expect((await list(`?q=urn:uuid:${carol?.credentialId}`)).ids).toEqual([ids.carol]);
    expect((await list(`?q=${carol?.credentialId.toUpperCase()}`)).ids).toEqual([ids.carol]);
    expect((await list(`?q=${ids.dan}`)).ids).toEqual([ids.dan]);
    const at = (id: string | undefined) => new Date(all.find((i) => i.id === id)?.issuedAt ?? 0).getTime();
    const from = new Date(at(ids.formula) - 1_000).toISOString();
    const to = new Date(at(ids.carol) + 1_000).toISOString();
    expect((await list(`?issuedFrom=${from}&issuedTo=${to}`)).ids).toEqual([ids.carol, ids.formula]);
    const day = new Date(at(ids.ana)).toISOString().slice(0, 10);
    expect((await list(`?issuedFrom=${day}&issuedTo=${day}`)).total).toBe(4);
    expect((await list(`?issuedTo=2000-01-01`)).total).toBe(0);
  });

  it('pages with limit and offset and keeps the total', async () => {
    const page = await list('?limit=1&offset=1');
    expect(page).toMatchObject({ ids: [ids.carol], total: 4 });
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/awards?limit=201&state=lost`,
      headers: issuer.owner.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('exports the same selection as CSV with a header, quoted commas and formula-safe cells', async () => {
    const response = await csv();
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('awards.csv');
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(
      /^award_id,badge_id,badge_name,badge_version,recipient_email,recipient_name,state,/,
    );
    expect(lines).toHaveLength(5);
    expect(response.body).toContain(`,"'=HYPERLINK(""http://evil.example"")",`);
    expect(response.body).not.toMatch(/,=HYPERLINK/);
    expect(response.body).toContain(',"Carol, Jr.",');
    expect(response.body).toContain('"Benefits, advanced"');
    const filtered = await csv(`?badgeId=${payroll.badgeId}&q=bob`);
    expect(filtered.body.trimEnd().split('\r\n')).toHaveLength(2);
    expect(filtered.body).toContain(ids.formula);
  });

  it('exports page by page without losing or repeating a row, even on equal issue times', async () => {
    await t.deps.db
      .updateTable('awards')
      .set({ issuedAt: clock })
      .where('orgId', '=', issuer.orgId)
      .execute();
    const seen: string[] = [];
    for await (const a of allOrgAwards(t.deps.db, issuer.orgId, {}, 1)) seen.push(a.id);
    expect(seen.sort()).toEqual(Object.values(ids).sort());
  });

  it('lets owners, admins and staff read awards, not assessors or outsiders', async () => {
    expect((await list('', staff)).total).toBe(4);
    for (const url of ['awards', 'awards.csv']) {
      const asAssessor = await t.app.inject({
        method: 'GET',
        url: `/api/v1/orgs/${issuer.orgId}/${url}`,
        headers: assessor.headers,
      });
      expect(asAssessor.statusCode).toBe(403);
    }
    const outsider = await aLoggedInUser(t.app, t.deps);
    expect((await csv('', outsider)).statusCode).toBe(404);
  });
});
