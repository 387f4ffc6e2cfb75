import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, aVerifiedUser, logInAs, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { issuanceFeeOf } from '../orgs/index.ts';
import { commerceSettingsOf } from './settings.ts';

describe('commerce settings', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let staff: TestSession;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const person = await aVerifiedUser(t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: person.email, role: 'staff' },
    });
    expect(added.statusCode, added.body).toBe(201);
    staff = await logInAs(t.app, person.email, person.password);
  });
  afterAll(() => t?.close());

  const url = (orgId: string) => `/api/v1/orgs/${orgId}/commerce/settings`;
  const settings = {
    taxRateBp: 2100,
    taxLabel: 'VAT',
    bundleDiscountBp: 1500,
    sellerDetails: 'Gestión Academy S.L.\nCalle Mayor 1, Madrid\nVAT ES-B12345678',
    issuanceFee: { amountMinor: 1250, currency: 'EUR' },
    testCardPayments: false,
  };

  it('shows the defaults to an issuer that never saved any: no tax, 10 % bundle discount, no fee', async () => {
    const fresh = await anIssuerWithOwner(t.app, t.deps);
    const response = await t.app.inject({
      method: 'GET',
      url: url(fresh.orgId),
      headers: fresh.owner.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      taxRateBp: 0,
      taxLabel: 'Tax',
      bundleDiscountBp: 1000,
      sellerDetails: '',
      issuanceFee: null,
      testCardPayments: false,
    });
  });

  it('saves the settings an owner puts, and keeps the issuance fee on the organization', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: url(issuer.orgId),
      headers: issuer.owner.headers,
      payload: settings,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual(settings);
    const got = await t.app.inject({ method: 'GET', url: url(issuer.orgId), headers: staff.headers });
    expect(got.json()).toEqual(settings);
    expect(await issuanceFeeOf(t.deps.db, issuer.orgId)).toEqual({ amountMinor: 1250, currency: 'EUR' });
    expect(await commerceSettingsOf(t.deps.db, issuer.orgId)).toEqual(settings);
  });

  it('removes the issuance fee when it is put as null', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: url(issuer.orgId),
      headers: issuer.owner.headers,
      payload: { ...settings, issuanceFee: null },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(await issuanceFeeOf(t.deps.db, issuer.orgId)).toBeNull();
  });

  it('lets staff read the settings but not change them', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: url(issuer.orgId),
      headers: staff.headers,
      payload: settings,
    });
    expect(put.statusCode).toBe(403);
  });

  it('lists every out-of-range field at once: a rate above 100 %, a zero fee, a lower-case currency', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: url(issuer.orgId),
      headers: issuer.owner.headers,
      payload: {
        ...settings,
        taxRateBp: 10_001,
        bundleDiscountBp: -1,
        sellerDetails: 'x'.repeat(2001),
        issuanceFee: { amountMinor: 0, currency: 'eur' },
      },
    });
    expect(put.statusCode).toBe(400);
    const paths = put.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.taxRateBp',
        'body.bundleDiscountBp',
        'body.sellerDetails',
        'body.issuanceFee.amountMinor',
        'body.issuanceFee.currency',
      ]),
    );
  });

  it('answers an employer organization that it has no shop', async () => {
    const owner = await aLoggedInUser(t.app, t.deps);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: owner.headers,
      payload: { name: 'Employer', slug: `employer-${Date.now().toString(36)}`, kind: 'employer' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const got = await t.app.inject({ method: 'GET', url: url(created.json().id), headers: owner.headers });
    expect(got.statusCode).toBe(422);
    expect(got.json().type).toBe('/problems/not-an-issuer');
  });
});
