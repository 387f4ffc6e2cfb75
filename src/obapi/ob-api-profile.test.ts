// putProfile over real HTTP on loopback with a wallet's token (oauth4webapi through the consent page): a whole
// OB 3.0 Profile is taken, what Tessera keeps and lets an app change (name, description) changes, read-only and
// unknown fields are ignored, malformed ones are refused as imsx invalid_data; every answer validates against
// the 1EdTech schemas.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { OB_SCHEMAS, validateAgainstSchema } from '../credentials/index.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { OB_SCOPE } from './model.ts';
import { aConnectedApp, aFreePort } from './testing.ts';

const schemaErrors = (schema: string, document: unknown) => validateAgainstSchema(schema, document).errors;

describe('putProfile of the Open Badges 3.0 API', () => {
  let t: TestApp;
  let base: string;
  let learner: TestSession & { email: string };
  let token: string;
  const slug = `pia-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    const port = await aFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ env: { PUBLIC_URL: base } });
    await t.app.listen({ host: '127.0.0.1', port });
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Pía Profile' });
    const profile = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/profile',
      headers: learner.headers,
      payload: { slug, enabled: true, headline: 'Payroll clerk' },
    });
    expect(profile.statusCode, profile.body).toBe(200);
    const wallet = await aConnectedApp(base, learner.cookieOnly.cookie, {
      clientName: 'Profile Wallet',
      scope: `${OB_SCOPE.profileReadonly} ${OB_SCOPE.profileUpdate}`,
    });
    token = wallet.accessToken;
  }, 120_000);
  afterAll(() => t?.close());

  const getProfile = async () => {
    const response = await fetch(`${base}/ims/ob/v3p0/profile`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  const putProfile = (body: unknown) =>
    fetch(`${base}/ims/ob/v3p0/profile`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('gives the learner’s name, address, public page and headline as an OB 3.0 Profile', async () => {
    const profile = await getProfile();
    expect(schemaErrors(OB_SCHEMAS.profile, profile)).toEqual([]);
    expect(profile).toMatchObject({
      id: `urn:uuid:${learner.userId}`,
      type: ['Profile'],
      name: 'Pía Profile',
      email: learner.email,
      url: `${base}/people/${slug}`,
      description: 'Payroll clerk',
    });
  });

  it('changes the name and the description from a whole Profile, and ignores the read-only and unknown fields', async () => {
    const before = await getProfile();
    const put = await putProfile({
      ...before,
      id: 'urn:uuid:00000000-0000-4000-8000-000000000000',
      name: 'Pía Profile-Ruiz',
      description: 'Payroll lead',
      email: 'pia.elsewhere@example.org',
      url: 'https://elsewhere.example/pia',
      image: { id: 'https://elsewhere.example/pia.png', type: 'Image' },
      phone: '+34 600 000 000',
      givenName: 'Pía',
    });
    expect(put.status).toBe(200);
    const changed = await put.json();
    expect(schemaErrors(OB_SCHEMAS.profile, changed)).toEqual([]);
    expect(changed).toEqual({
      ...before,
      name: 'Pía Profile-Ruiz',
      description: 'Payroll lead',
    });
    expect(await getProfile()).toEqual(changed);
  });

  it('clears the description given as null', async () => {
    const put = await putProfile({ type: ['Profile'], description: null });
    expect(put.status).toBe(200);
    const changed = await put.json();
    expect(schemaErrors(OB_SCHEMAS.profile, changed)).toEqual([]);
    expect(changed).not.toHaveProperty('description');
    expect(changed.name).toBe('Pía Profile-Ruiz');
  });

  it('refuses a malformed field, kept or not, as imsx invalid_data and changes nothing', async () => {
    for (const body of [
      { type: 'Profile', name: 'Ok', email: 'not an address' },
      { type: 'Profile', name: 'Ok', url: 'people/pia' },
      { type: 'Profile', name: 'Ok', image: { caption: 'no id' } },
      { type: 'Profile', name: 'Ok', address: 'Calle Mayor 1' },
      { type: ['Achievement'], name: 'Ok' },
    ]) {
      const refused = await putProfile(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      const imsx = await refused.json();
      expect(schemaErrors(OB_SCHEMAS.imsxStatusInfo, imsx)).toEqual([]);
      expect(imsx.imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('invalid_data');
    }
    expect((await getProfile()).name).toBe('Pía Profile-Ruiz');
  });
});
