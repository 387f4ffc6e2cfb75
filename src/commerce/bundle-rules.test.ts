// Bundle rules beyond the price sum: a bundle of one course never undercuts it, a pathway badge sells the
// courses of the badges it requires, the real discount of an explicit price, and PATCH changes one field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { expectPatchChangesOnlyWhatItNames } from '../../test/support/patch.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { bundleOffer } from './bundles.ts';

let t: TestApp;
let issuer: TestIssuer;

beforeAll(async () => {
  t = await createTestApp();
  issuer = await anIssuerWithOwner(t.app, t.deps, 'Rules Academy');
});
afterAll(() => t?.close());

const euros = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const course = (title: string, price: { amountMinor: number; currency: string } | null) =>
  aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title, price });
const bundleUrl = (badgeId: string) => `/api/v1/orgs/${issuer.orgId}/bundles/${badgeId}`;
const write = (method: 'PUT' | 'PATCH', badgeId: string, payload: Record<string, unknown>) =>
  t.app.inject({ method, url: bundleUrl(badgeId), headers: issuer.owner.headers, payload });

async function issuerBundle(badgeId: string): Promise<Record<string, unknown>> {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${issuer.orgId}/bundles`,
    headers: issuer.owner.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  const found = (response.json().bundles as Array<{ badgeId: string }>).find((b) => b.badgeId === badgeId);
  if (!found) throw new Error(`bundle of ${badgeId} not listed`);
  return found;
}

describe('a badge with one priced course', () => {
  it('is not sold as a bundle: the course is bought at its own price, never cheaper', async () => {
    const priced = await course('Only priced', euros(5000));
    const free = await course('Free companion', null);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [priced, free] });

    expect(await issuerBundle(badge.id)).toMatchObject({
      sellable: false,
      problem: 'single-course',
      priceMinor: null,
    });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/bundles/${badge.id}` })).statusCode).toBe(404);
    const storefront = await t.app.inject({ method: 'GET', url: '/api/v1/bundles' });
    expect(storefront.json().bundles.map((b: { badgeId: string }) => b.badgeId)).not.toContain(badge.id);

    const undercut = await write('PUT', badge.id, { priceMinor: 1000, discountBp: null, onSale: true });
    expect(undercut.statusCode).toBe(409);
    expect(undercut.json()).toMatchObject({ type: '/problems/bundle-not-for-sale' });
    expect(undercut.json().detail).toMatch(/only one of the badge’s courses has a price/i);

    const learner = await aLoggedInUser(t.app, t.deps);
    const options = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/badges/${badge.id}/purchase-options`,
      headers: learner.headers,
    });
    expect(options.statusCode, options.body).toBe(200);
    expect(options.json()).toMatchObject({ separatelyMinor: 5000, bundle: null, cheaper: null });
  });
});

describe('a pathway badge', () => {
  it('sells the courses of the badges it requires, recursively, each course once', async () => {
    const basics = await course('Pathway basics', euros(3000));
    const law = await course('Pathway law', euros(2000));
    const audit = await course('Pathway audit', euros(4000));
    const free = await course('Pathway free', null);
    const first = await aPublishedBadge(t.app, issuer, { courseIds: [basics, law] });
    const second = await aPublishedBadge(t.app, issuer, { courseIds: [law, audit] });
    const middle = await aPublishedBadge(t.app, issuer, { courseIds: [free], badgeIds: [second.id] });
    const pathway = await aPublishedBadge(t.app, issuer, {
      courseIds: [],
      badgeIds: [first.id, middle.id],
      name: 'Payroll pathway',
    });

    const offer = await bundleOffer(t.deps.db, pathway.id);
    expect(offer.courses.map((c) => c.courseId)).toEqual([basics, law, free, audit]);
    expect(offer).toMatchObject({ listSumMinor: 9000, priceMinor: 8100, discountBp: 1000 });

    const storefront = await t.app.inject({ method: 'GET', url: '/api/v1/bundles' });
    expect(storefront.json().bundles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ badgeId: pathway.id, name: 'Payroll pathway', priceMinor: 8100 }),
      ]),
    );
    expect(await issuerBundle(pathway.id)).toMatchObject({ sellable: true, listSumMinor: 9000 });
    const set = await write('PATCH', pathway.id, { priceMinor: 7000 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ priceMinor: 7000, discountMinor: 2000 });
  });
});

describe('an explicit bundle price', () => {
  it('reports the discount it really gives, not the default: 60 of 79 is 24.05 % off', async () => {
    const a = await course('Real discount A', euros(4900));
    const b = await course('Real discount B', euros(3000));
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [a, b] });
    expect(await issuerBundle(badge.id)).toMatchObject({ discountBp: 1000, priceMinor: 7110 });

    const set = await write('PUT', badge.id, { priceMinor: 6000, discountBp: null, onSale: true });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ priceMinor: 6000, listSumMinor: 7900, discountBp: 2405 });
    const storefront = await t.app.inject({ method: 'GET', url: `/api/v1/bundles/${badge.id}` });
    expect(storefront.json()).toMatchObject({ priceMinor: 6000, discountMinor: 1900, discountBp: 2405 });
  });
});

describe('PATCH /api/v1/orgs/{orgId}/bundles/{badgeId}', () => {
  let badgeId: string;
  beforeAll(async () => {
    const a = await course('Patch A', euros(5000));
    const b = await course('Patch B', euros(5000));
    badgeId = (await aPublishedBadge(t.app, issuer, { courseIds: [a, b] })).id;
    const start = await write('PUT', badgeId, { priceMinor: 9000, discountBp: 500, onSale: false });
    expect(start.statusCode, start.body).toBe(200);
  });

  const overrideOf = async () => (await issuerBundle(badgeId)).override as Record<string, unknown>;

  it.each<[string, Record<string, unknown>]>([
    ['the price alone', { priceMinor: 8000 }],
    ['the discount alone', { discountBp: 1500 }],
    ['the sale state alone', { onSale: true }],
    ['null as the price goes back to the discount, and nothing else', { priceMinor: null }],
    ['null as the discount goes back to the default, and nothing else', { discountBp: null }],
  ])('changes only what it names: %s', async (_what, body) => {
    await expectPatchChangesOnlyWhatItNames({
      read: overrideOf,
      patch: (payload) => write('PATCH', badgeId, payload),
      body,
    });
  });

  it('still refuses a price above the sum, and PUT still needs all three fields', async () => {
    const above = await write('PATCH', badgeId, { priceMinor: 10_001 });
    expect(above.statusCode).toBe(422);
    expect(above.json().type).toBe('/problems/bundle-price-above-sum');
    const partialPut = await write('PUT', badgeId, { onSale: true });
    expect(partialPut.statusCode).toBe(400);
  });
});
