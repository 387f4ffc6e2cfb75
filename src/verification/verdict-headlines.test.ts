// Expired, revoked, suspended, superseded, tampered and could-not-check are different verdicts: each has its
// own headline and sentence in the verification panel (verify page, badge pages), and "not issued to this
// email" never sits under a green headline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import {
  aOneLessonCourse,
  awardsOfBadge,
  completeOneLessonCourse,
  issuedCredentialOf,
} from '../../test/support/awards.ts';
import { processLearningEvents } from '../badges/index.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aVerifiedUser, logInAs } from '../identity/testing.ts';
import { anAcceptedBadge } from '../showcase/testing.ts';
import { type BadgeInput, renderVerificationPanel, verifyBadge } from './index.ts';
import { anIssuedCredential, type IssuedForTest } from './testing.ts';

const DAY_MS = 86_400_000;
const start = new Date();
let clock = start;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

/** The panel's headline, its sentence and its colour class, as a reader of the page meets them. */
async function panelOf(input: BadgeInput, options: { email?: string; locale?: string } = {}) {
  const report = await verifyBadge(t.deps, input, {
    email: options.email,
    // Nothing here may need the network: a fetch is "could not check".
    fetcher: async () => ({ ok: false, code: 'FETCH_NETWORK', reason: 'offline in this test' }),
  });
  const html = renderVerificationPanel(options.locale ?? 'en', report, clock, options.email);
  const text = (pattern: RegExp) =>
    pattern
      .exec(html)?.[1]
      ?.replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  return {
    report,
    headline: text(/<h2 id="result-heading">([\s\S]*?)<\/h2>/),
    sentence: text(/<p class="verdict-text">([\s\S]*?)<\/p>/),
    classes: /<section class="([^"]+)"/.exec(html)?.[1] ?? '',
  };
}

const credentialOf = (issued: IssuedForTest): BadgeInput => ({
  kind: 'credential',
  credential: issued.credential,
});

async function changeState(issued: IssuedForTest, change: 'revoke' | 'suspend') {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issued.issuer.orgId}/credentials/${issued.id}/${change}`,
    headers: issued.issuer.owner.headers,
    payload: { reason: 'Issued in error' },
  });
  expect(response.statusCode).toBe(200);
}

describe('the verification panel says which verdict, plainly', () => {
  let issued: IssuedForTest;
  beforeAll(async () => {
    clock = start;
    issued = await anIssuedCredential(t.app, t.deps, { email: 'ana.nunez@example.org' });
  });

  it('"Verified" under a green headline when every check passed', async () => {
    const panel = await panelOf(credentialOf(issued));
    expect(panel.headline).toBe('✓ Verified');
    expect(panel.classes).toContain('verdict-verified');
  });

  it('"Genuine, but not issued to …" — never under a green headline — for another address', async () => {
    const panel = await panelOf(credentialOf(issued), { email: 'someone.else@example.org' });
    expect(panel.report.verdict).toBe('verified');
    expect(panel.headline).toBe('✗ Genuine, but not issued to someone.else@example.org');
    expect(panel.classes).not.toContain('verdict-verified');
    expect(panel.classes).toContain('verdict-not-verified');
    const mine = await panelOf(credentialOf(issued), { email: 'ana.nunez@example.org' });
    expect(mine.headline).toBe('✓ Verified');
  });

  it('"Not verified: the badge was changed" when the content no longer matches its signature', async () => {
    const changed = { ...issued.credential, name: 'Gestión de nóminas — Director' };
    const panel = await panelOf({ kind: 'credential', credential: changed });
    expect(panel.headline).toBe('✗ Not verified: the badge was changed');
    expect(panel.sentence).toMatch(/someone changed it after it was issued/);
  });

  it('"Expired", not "do not rely on this badge", for a genuine badge past its validity', async () => {
    clock = new Date('2030-01-01T00:00:00Z');
    try {
      const panel = await panelOf(credentialOf(issued));
      expect(panel.report.verdict).toBe('not-verified');
      expect(panel.headline).toBe('! Expired');
      expect(panel.sentence).toBe(
        'The issuer did award this badge and it is unchanged, but it was valid only until November 23, 2029.',
      );
      expect(panel.sentence).not.toMatch(/do not rely/);
      expect(panel.classes).toContain('verdict-could-not-check');
      const es = await panelOf(credentialOf(issued), { locale: 'es' });
      expect(es.headline).toBe('! Caducada');
    } finally {
      clock = start;
    }
  });

  it('"Suspended", then "Revoked", from the issuer\'s status list', async () => {
    const other = await anIssuedCredential(t.app, t.deps, { issuer: issued.issuer, email: 'b@example.org' });
    await changeState(other, 'suspend');
    const suspended = await panelOf(credentialOf(other));
    expect(suspended.headline).toBe('✗ Suspended');
    expect(suspended.sentence).toMatch(/on hold/);
    await changeState(issued, 'revoke');
    const revoked = await panelOf(credentialOf(issued));
    expect(revoked.headline).toBe('✗ Revoked');
    expect(revoked.sentence).toBe(
      'The issuer has withdrawn this badge: it no longer counts, whatever it says.',
    );
  });

  it('"Could not check everything" when a document it needs is out of reach', async () => {
    const panel = await panelOf({ kind: 'url', url: 'https://badges.example.net/ob2/assertions/42' });
    expect(panel.report.verdict).toBe('could-not-check');
    expect(panel.headline).toBe('? Could not check everything');
    expect(panel.classes).toContain('verdict-could-not-check');
  });
});

describe('a badge renewed by retaking its course', () => {
  it('reads "Replaced by a renewal" for the earlier credential, and "Verified" for the new one', async () => {
    clock = start;
    const issuer = (await anIssuedCredential(t.app, t.deps)).issuer;
    const course = await aOneLessonCourse(t.app, issuer, { accessDays: 10 });
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [course], validityDays: 120 });
    const person = await aVerifiedUser(t.deps);
    await completeOneLessonCourse(t.app, await logInAs(t.app, person.email), course);
    await processLearningEvents(t.deps);
    clock = new Date(start.getTime() + 35 * DAY_MS);
    await completeOneLessonCourse(t.app, await logInAs(t.app, person.email), course);
    await processLearningEvents(t.deps);
    const [old, renewed] = await awardsOfBadge(t.deps, badge.id);
    expect(old?.supersededBy).toBe(renewed?.id);
    const oldCredential = await issuedCredentialOf(t.deps, old!.credentialId);
    const newCredential = await issuedCredentialOf(t.deps, renewed!.credentialId);

    const panel = await panelOf({ kind: 'credential', credential: oldCredential!.credential });
    expect(panel.report).toMatchObject({ verdict: 'verified', superseded: true });
    expect(panel.headline).toBe('! Replaced by a renewal');
    expect(panel.sentence).toMatch(/a newer award of the same badge replaces this one/);
    expect((await panelOf({ kind: 'credential', credential: newCredential!.credential })).headline).toBe(
      '✓ Verified',
    );
    clock = start;
  });
});

describe('the public page of an expired but genuine badge', () => {
  it('says "Expired" with its date, never "Not verified … do not rely on this badge"', async () => {
    clock = start;
    const held = await anAcceptedBadge(t.app, t.deps, { badgeName: 'Nóminas — cierre anual' });
    const shared = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/badges/${held.award.id}/sharing`,
      headers: held.learner.headers,
      payload: { visibility: 'public' },
    });
    expect(shared.statusCode).toBe(200);
    clock = new Date(start.getTime() + 4 * 366 * DAY_MS);
    try {
      const page = await t.app.inject({ method: 'GET', url: `/badges/${held.award.id}` });
      expect(page.statusCode).toBe(200);
      const headline = /<h2 id="result-heading">([\s\S]*?)<\/h2>/
        .exec(page.body)?.[1]
        ?.replace(/<[^>]+>/g, '');
      expect(headline?.trim()).toBe('! Expired');
      expect(page.body).toMatch(/but it was valid only until [A-Z][a-z]+ \d{1,2}, \d{4}\./);
      expect(page.body).not.toContain('do not rely on this badge');
      expect(page.body).not.toContain('Not verified');
      const embed = await t.app.inject({ method: 'GET', url: `/badges/${held.award.id}/embed` });
      expect(embed.body).toContain('Expired</span>');
      expect(embed.body).not.toContain('Not verified');
    } finally {
      clock = start;
    }
  });
});
