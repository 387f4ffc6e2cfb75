import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { bundleOffer } from './bundles.ts';

describe('badge bundles', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Bundle Academy');
  });
  afterAll(() => t?.close());

  const course = (title: string, price: { amountMinor: number; currency: string } | null) =>
    aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title, price });

  const issuerBundles = async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/bundles`,
      headers: issuer.owner.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().bundles as Array<Record<string, unknown> & { badgeId: string }>;
  };

  const putBundle = (badgeId: string, body: Record<string, unknown>) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${issuer.orgId}/bundles/${badgeId}`,
      headers: issuer.owner.headers,
      payload: body,
    });

  it('sells a badge with priced courses as a bundle at their sum less 10 %, free courses included at 0', async () => {
    const payroll = await course('Payroll', { amountMinor: 5000, currency: 'EUR' });
    const taxes = await course('Taxes', { amountMinor: 3000, currency: 'EUR' });
    const ethics = await course('Ethics', null);
    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [payroll, taxes, ethics],
      name: 'Payroll pro',
    });

    const offer = await bundleOffer(t.deps.db, badge.id);
    expect(offer).toMatchObject({
      badgeId: badge.id,
      orgId: issuer.orgId,
      name: 'Payroll pro',
      onSale: true,
      currency: 'EUR',
      listSumMinor: 8000,
      priceMinor: 7200,
      discountBp: 1000,
      override: null,
    });
    expect(offer.courses).toEqual([
      { courseId: payroll, title: 'Payroll', listMinor: 5000, accessDays: 365 },
      { courseId: taxes, title: 'Taxes', listMinor: 3000, accessDays: 365 },
      { courseId: ethics, title: 'Ethics', listMinor: 0, accessDays: 365 },
    ]);

    const storefront = await t.app.inject({ method: 'GET', url: `/api/v1/bundles/${badge.id}` });
    expect(storefront.statusCode, storefront.body).toBe(200);
    expect(storefront.json()).toMatchObject({
      badgeId: badge.id,
      name: 'Payroll pro',
      imageUrl: `http://localhost:3000/achievements/${badge.id}/versions/1/image`,
      issuer: { id: issuer.orgId, name: 'Bundle Academy', slug: issuer.slug },
      currency: 'EUR',
      listSumMinor: 8000,
      priceMinor: 7200,
      discountMinor: 800,
    });
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/bundles' });
    expect(listed.json().bundles.map((b: { badgeId: string }) => b.badgeId)).toContain(badge.id);
  });

  it('counts the courses of evidence requirements too, each course once', async () => {
    const payroll = await course('Payroll with an essay', { amountMinor: 4000, currency: 'EUR' });
    const taxes = await course('Taxes with an essay', { amountMinor: 1000, currency: 'EUR' });
    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [],
      extra: {
        requirements: {
          items: [
            { kind: 'course', courseId: payroll },
            { kind: 'evidence', courseId: payroll, unitId: 'essay' },
            { kind: 'evidence', courseId: taxes, unitId: 'essay' },
          ],
          required: null,
        },
      },
    });
    const offer = await bundleOffer(t.deps.db, badge.id);
    expect(offer.courses.map((c) => c.courseId)).toEqual([payroll, taxes]);
    expect(offer.listSumMinor).toBe(5000);
  });

  it('uses the issuer’s default discount, the bundle’s own discount, or its explicit price', async () => {
    const issuerB = await anIssuerWithOwner(t.app, t.deps);
    const a = await aPublishedCourse(t.app, issuerB.orgId, issuerB.owner, {
      price: { amountMinor: 1499, currency: 'USD' },
    });
    const b = await aPublishedCourse(t.app, issuerB.orgId, issuerB.owner, {
      price: { amountMinor: 500, currency: 'USD' },
    });
    const badge = await aPublishedBadge(t.app, issuerB, { courseIds: [a, b] });
    const settings = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${issuerB.orgId}/commerce/settings`,
      headers: issuerB.owner.headers,
      payload: {
        taxRateBp: 0,
        taxLabel: 'Tax',
        bundleDiscountBp: 2500,
        sellerDetails: '',
        issuanceFee: null,
      },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    // 1999 × 25 % = 499.75 → 500 off (half up).
    expect((await bundleOffer(t.deps.db, badge.id)).priceMinor).toBe(1499);

    const own = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${issuerB.orgId}/bundles/${badge.id}`,
      headers: issuerB.owner.headers,
      payload: { priceMinor: null, discountBp: 500, onSale: true },
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      priceMinor: 1899,
      discountBp: 500,
      override: { priceMinor: null, discountBp: 500, onSale: true },
    });

    const explicit = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${issuerB.orgId}/bundles/${badge.id}`,
      headers: issuerB.owner.headers,
      payload: { priceMinor: 1500, discountBp: null, onSale: true },
    });
    expect(explicit.statusCode, explicit.body).toBe(200);
    // The real discount of the explicit price, not the default's 25 %: 499 of 1999 is 24.96 %, rounded down.
    expect(explicit.json()).toMatchObject({
      priceMinor: 1500,
      listSumMinor: 1999,
      discountMinor: 499,
      discountBp: 2496,
    });
  });

  it('refuses an explicit bundle price above the sum of its courses: a bundle must save money', async () => {
    const a = await course('Above A', { amountMinor: 600, currency: 'EUR' });
    const b = await course('Above B', { amountMinor: 400, currency: 'EUR' });
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [a, b] });
    const response = await putBundle(badge.id, { priceMinor: 1001, discountBp: null, onSale: true });
    expect(response.statusCode).toBe(422);
    expect(response.json().type).toBe('/problems/bundle-price-above-sum');
    const negative = await putBundle(badge.id, { priceMinor: -1, discountBp: 10_001, onSale: true });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.priceMinor', 'body.discountBp']),
    );
  });

  it('takes a bundle off sale: gone from the storefront, still listed for the issuer', async () => {
    const a = await course('Off sale A', { amountMinor: 1000, currency: 'EUR' });
    const b = await course('Off sale B', { amountMinor: 1000, currency: 'EUR' });
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [a, b] });
    const off = await putBundle(badge.id, { priceMinor: null, discountBp: null, onSale: false });
    expect(off.statusCode, off.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/bundles/${badge.id}` })).statusCode).toBe(404);
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/bundles' });
    expect(listed.json().bundles.map((b: { badgeId: string }) => b.badgeId)).not.toContain(badge.id);
    expect((await issuerBundles()).find((b) => b.badgeId === badge.id)).toMatchObject({
      sellable: true,
      onSale: false,
    });
  });

  it('refuses to sell courses priced in two currencies as one bundle (409), and tells the issuer why', async () => {
    const euro = await course('Euro course', { amountMinor: 1000, currency: 'EUR' });
    const pound = await course('Pound course', { amountMinor: 1000, currency: 'GBP' });
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [euro, pound] });
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/bundles/${badge.id}` });
    expect(response.statusCode).toBe(409);
    expect(response.json().type).toBe('/problems/currency-mismatch');
    expect((await issuerBundles()).find((b) => b.badgeId === badge.id)).toMatchObject({
      sellable: false,
      problem: 'currency-mismatch',
      priceMinor: null,
    });
  });

  it('does not sell a badge whose courses are all free', async () => {
    const free = await course('Free course', null);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [free] });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/bundles/${badge.id}` })).statusCode).toBe(404);
    expect((await issuerBundles()).find((b) => b.badgeId === badge.id)).toMatchObject({
      sellable: false,
      problem: 'no-priced-course',
    });
    const put = await putBundle(badge.id, { priceMinor: null, discountBp: null, onSale: true });
    expect(put.statusCode).toBe(409);
    expect(put.json().type).toBe('/problems/bundle-not-for-sale');
  });

  it('answers 404 for a badge of another issuer', async () => {
    const other = await anIssuerWithOwner(t.app, t.deps);
    const a = await aPublishedCourse(t.app, other.orgId, other.owner, {
      price: { amountMinor: 100, currency: 'EUR' },
    });
    const badge = await aPublishedBadge(t.app, other, { courseIds: [a] });
    const response = await putBundle(badge.id, { priceMinor: null, discountBp: null, onSale: false });
    expect(response.statusCode).toBe(404);
  });
});
