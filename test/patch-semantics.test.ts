// Every PATCH route of the API changes only the fields it is sent; an explicit null clears a nullable
// field. Each resource starts with every field away from its default, so a reset would show.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPublishedCourse } from '../src/catalog/testing.ts';
import { aBundleBadge, aPricedCourse } from '../src/commerce/testing.ts';
import { aVerifiedUser } from '../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../src/issuing/testing.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { expectPatchChangesOnlyWhatItNames } from './support/patch.ts';

type Fields = Record<string, unknown>;

let t: TestApp;
let issuer: TestIssuer;
beforeAll(async () => {
  t = await createTestApp();
  issuer = await anIssuerWithOwner(t.app, t.deps);
});
afterAll(() => t?.close());

const base = () => `/api/v1/orgs/${issuer.orgId}`;
const get = async (url: string) => {
  const response = await t.app.inject({ method: 'GET', url, headers: issuer.owner.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const patchOf = (url: string) => (body: Fields) =>
  t.app.inject({ method: 'PATCH', url, headers: issuer.owner.headers, payload: body });

async function created(url: string, payload: Fields): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url, headers: issuer.owner.headers, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

describe('PATCH /api/v1/orgs/{orgId}/courses/{courseId}', () => {
  let url: string;
  beforeAll(async () => {
    const id = await created(`${base()}/courses`, {
      title: 'Payroll basics',
      summary: 'Run a payroll cycle.',
      estimatedMinutes: 60,
      skills: ['Payroll', 'Compliance'],
      accessDays: 90,
      activityCodePrefix: 'HRCI-PAY',
      price: { amountMinor: 10_000, currency: 'EUR' },
      units: [{ id: 'intro', kind: 'lesson', title: 'Gross to net', markdown: '# Gross to net' }],
    });
    url = `${base()}/courses/${id}`;
  });

  it.each<[string, Fields, Fields?]>([
    ['a summary keeps the price, prefix, skills and access days', { summary: 'Gross to net, in an hour.' }],
    ['a title', { title: 'Payroll essentials' }],
    ['the estimated minutes', { estimatedMinutes: 75 }],
    ['the skills', { skills: [{ name: 'Tax' }] }],
    ['the access days', { accessDays: 30 }],
    ['the activity-code prefix', { activityCodePrefix: 'PAY-2' }],
    ['a price', { price: { amountMinor: 4_900, currency: 'USD' } }],
    [
      'the units',
      { units: [{ id: 'only', kind: 'lesson', title: 'Only lesson', markdown: 'One.' }] },
      { units: [expect.objectContaining({ id: 'only', kind: 'lesson', title: 'Only lesson' })] },
    ],
    ['null as the price makes the course free and nothing else', { price: null }],
    ['null as the prefix clears it and nothing else', { activityCodePrefix: null }],
  ])('changes only what it names: %s', async (_what, body, readsBack) => {
    await expectPatchChangesOnlyWhatItNames({
      read: () => get(url),
      patch: patchOf(url),
      body,
      readsBack,
      ignore: ['updatedAt'],
    });
  });
});

describe('PATCH /api/v1/orgs/{orgId}/badges/{badgeId}', () => {
  let url: string;
  let otherCourseId: string;
  beforeAll(async () => {
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    otherCourseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    const id = await created(`${base()}/badges`, {
      name: 'Payroll practitioner',
      description: 'Runs a payroll cycle end to end.',
      criteriaNarrative: 'Pass the course.',
      skills: [{ name: 'Payroll' }],
      level: 'Intermediate',
      validityDays: 730,
      requirements: { items: [{ kind: 'course', courseId }], required: null },
      colors: { primary: '#112233', secondary: '#445566' },
      renewAfterAccessEnded: false,
    });
    url = `${base()}/badges/${id}`;
  });
  // The picture URL carries the draft's version stamp, which moves with every write.
  const ignore = ['updatedAt', 'imageUrl'];

  it.each<[string, Fields]>([
    ['a name', { name: 'Payroll lead' }],
    ['a description', { description: 'Leads payroll.' }],
    ['the criteria narrative', { criteriaNarrative: 'Pass the course and the review.' }],
    // Payroll stays on the badge, so the course skills it offers stay the same.
    ['the skills', { skills: [{ name: 'Payroll' }, { name: 'Tax', framework: 'ESCO' }] }],
    ['the level', { level: 'Advanced' }],
    ['the validity', { validityDays: 365 }],
    ['the colours', { colors: { primary: '#000000', secondary: '#ffffff' } }],
    ['renewal after access ended', { renewAfterAccessEnded: true }],
    ['null as the level clears it and nothing else', { level: null }],
    ['null as the validity makes the badge never expire and nothing else', { validityDays: null }],
    ['null as the colours clears them and nothing else', { colors: null }],
  ])('changes only what it names: %s', async (_what, body) => {
    await expectPatchChangesOnlyWhatItNames({ read: () => get(url), patch: patchOf(url), body, ignore });
  });

  it('changes only what it names: the requirements (and what is derived from them)', async () => {
    await expectPatchChangesOnlyWhatItNames({
      read: () => get(url),
      patch: patchOf(url),
      body: { requirements: { items: [{ kind: 'course', courseId: otherCourseId }], required: null } },
      ignore: [...ignore, 'generatedCriteria', 'requirementNames', 'estimatedMinutes'],
    });
  });
});

describe('PATCH /api/v1/orgs/{orgId}', () => {
  const read = () => get(base());
  it.each<[string, Fields]>([
    ['a name keeps the website', { name: 'Gestión Academy (renamed)' }],
    ['a website keeps the name', { websiteUrl: 'https://learn.example.org' }],
    ['null as the website clears it and nothing else', { websiteUrl: null }],
    // Branding (the organization console): set one by one, then cleared one by one.
    ['a brand colour keeps the rest', { brandColor: '#1d4ed8' }],
    ['a contact email', { contactEmail: 'help@academy.example.org' }],
    ['a contact page', { contactUrl: 'https://academy.example.org/help' }],
    ['a description', { description: 'Courses for payroll teams.' }],
    ['null as the brand colour clears it and nothing else', { brandColor: null }],
    ['null as the contact email clears it and nothing else', { contactEmail: null }],
    [
      'registry listings keep the rest',
      { registryListings: [{ name: 'DCC Sandbox Registry', url: 'https://registry.example.org/list' }] },
    ],
    ['an empty list clears the registry listings and nothing else', { registryListings: [] }],
  ])('changes only what it names: %s', async (_what, body) => {
    await expectPatchChangesOnlyWhatItNames({ read, patch: patchOf(base()), body });
  });
});

describe('PATCH /api/v1/orgs/{orgId}/members/{userId}', () => {
  it('changes only what it names: the role', async () => {
    const person = await aVerifiedUser(t.deps, { name: 'Staff Member' });
    const added = await t.app.inject({
      method: 'POST',
      url: `${base()}/members`,
      headers: issuer.owner.headers,
      payload: { email: person.email, role: 'staff' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const read = async () =>
      (await get(`${base()}/members`)).items.find((m: Fields) => m.userId === person.user.id);
    await expectPatchChangesOnlyWhatItNames({
      read,
      patch: patchOf(`${base()}/members/${person.user.id}`),
      body: { role: 'admin' },
    });
  });
});

describe('PATCH /api/v1/orgs/{orgId}/coupons/{couponId}', () => {
  let id: string;
  beforeAll(async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `${base()}/coupons`,
      headers: issuer.owner.headers,
      payload: {
        code: 'SPRING',
        kind: 'percent',
        percentBp: 1_500,
        scope: 'issuer',
        validUntil: '2040-06-01T00:00:00.000Z',
        maxRedemptions: 50,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    id = response.json().id;
  });
  const read = async () => (await get(`${base()}/coupons`)).coupons.find((c: Fields) => c.id === id);

  it.each<[string, Fields]>([
    ['deactivating keeps the expiry and the limit', { active: false }],
    ['the expiry', { validUntil: '2041-01-01T00:00:00.000Z' }],
    ['the usage limit', { maxRedemptions: 80 }],
    ['null as the expiry clears it and nothing else', { validUntil: null }],
    ['null as the usage limit clears it and nothing else', { maxRedemptions: null }],
  ])('changes only what it names: %s', async (_what, body) => {
    await expectPatchChangesOnlyWhatItNames({ read, patch: patchOf(`${base()}/coupons/${id}`), body });
  });
});

describe('PATCH /api/v1/orgs/{orgId}/bundles/{badgeId}', () => {
  let url: string;
  let badgeId: string;
  beforeAll(async () => {
    const payroll = await aPricedCourse(t, issuer, { priceMinor: 5_000, title: 'Payroll' });
    const taxes = await aPricedCourse(t, issuer, { priceMinor: 3_000, title: 'Taxes' });
    badgeId = await aBundleBadge(t, issuer, [payroll, taxes]);
    url = `${base()}/bundles/${badgeId}`;
    const put = await t.app.inject({
      method: 'PUT',
      url,
      headers: issuer.owner.headers,
      payload: { priceMinor: 6_500, discountBp: 1_500, onSale: false },
    });
    expect(put.statusCode, put.body).toBe(200);
  });
  const read = async () =>
    (await get(`${base()}/bundles`)).bundles.find((b: Fields) => b.badgeId === badgeId).override;

  it.each<[string, Fields]>([
    ['putting it on sale keeps its price and discount', { onSale: true }],
    ['its own price', { priceMinor: 7_000 }],
    ['its discount', { discountBp: 2_000 }],
    ['null as the price clears it and nothing else', { priceMinor: null }],
    ['null as the discount clears it and nothing else', { discountBp: null }],
  ])('changes only what it names: %s', async (_what, body) => {
    await expectPatchChangesOnlyWhatItNames({ read, patch: patchOf(url), body });
  });
});

describe('PATCH /api/v1/orgs/{orgId}/courses/{courseId}/image', () => {
  let url: string;
  beforeAll(async () => {
    const id = await created(`${base()}/courses`, {
      title: 'Ledgers',
      summary: 'Books in order.',
      estimatedMinutes: 30,
      units: [{ id: 'intro', kind: 'lesson', title: 'Ledgers', markdown: '# Ledgers' }],
    });
    url = `${base()}/courses/${id}`;
    const bytes = await sharp({ create: { width: 64, height: 40, channels: 3, background: '#1b7c83' } })
      .png()
      .toBuffer();
    const boundary = '----tesserapatchsemantics';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nA ledger\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cover.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const put = await t.app.inject({
      method: 'PUT',
      url: `${url}/image`,
      headers: { ...issuer.owner.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(put.statusCode, put.body).toBe(200);
  });

  it('changes only the picture’s description, keeping the picture', async () => {
    await expectPatchChangesOnlyWhatItNames({
      read: async () => (await get(url)).image,
      patch: patchOf(`${url}/image`),
      body: { alt: 'Ledgers and a calculator on a desk' },
    });
  });
});

describe('PATCH /api/v1/orgs/{orgId}/webhooks/{id}', () => {
  let url: string;
  beforeAll(async () => {
    const id = await created(`${base()}/webhooks`, {
      url: 'https://hooks.example.org/tessera',
      description: 'Payroll HR',
      events: ['award.offered', 'award.accepted'],
      enabled: false,
    });
    url = `${base()}/webhooks/${id}`;
  });

  it.each<[string, Fields]>([
    ['enabling it keeps its address, description and events', { enabled: true }],
    ['its address', { url: 'https://hooks.example.org/tessera/v2' }],
    ['its description', { description: 'People team' }],
    ['its events', { events: ['award.revoked'] }],
  ])('changes only what it names: %s', async (_what, body) => {
    await expectPatchChangesOnlyWhatItNames({
      read: () => get(url),
      patch: patchOf(url),
      body,
      ignore: ['updatedAt'],
    });
  });
});

describe('PATCH /api/v1/orgs/{orgId}/lti/platforms/{id}', () => {
  let url: string;
  beforeAll(async () => {
    const id = await created(`${base()}/lti/platforms`, {
      name: 'Campus Moodle',
      issuer: 'https://moodle.example.edu',
      clientId: 'patch-client',
      deploymentIds: ['1'],
      authUrl: 'https://moodle.example.edu/mod/lti/auth.php',
      tokenUrl: 'https://moodle.example.edu/mod/lti/token.php',
      jwksUrl: 'https://moodle.example.edu/mod/lti/certs.php',
    });
    url = `${base()}/lti/platforms/${id}`;
  });

  it.each<[string, Fields]>([
    ['its name', { name: 'Moodle 4.5' }],
    ['its deployments', { deploymentIds: ['1', '2'] }],
    ['its JWKS URL', { jwksUrl: 'https://moodle.example.edu/keys' }],
  ])('changes only what it names: %s', async (_what, body) => {
    await expectPatchChangesOnlyWhatItNames({
      read: () => get(url),
      patch: patchOf(url),
      body,
      ignore: ['updatedAt'],
    });
  });
});

it('covers every PATCH operation the API describes', async () => {
  const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const patches = Object.entries(openapi.paths)
    .filter(([, operations]) => 'patch' in operations)
    .map(([path]) => path);
  expect(patches.sort()).toEqual(
    [
      '/api/v1/orgs/{orgId}',
      '/api/v1/orgs/{orgId}/badges/{badgeId}',
      '/api/v1/orgs/{orgId}/bundles/{badgeId}',
      '/api/v1/orgs/{orgId}/coupons/{couponId}',
      '/api/v1/orgs/{orgId}/courses/{courseId}',
      '/api/v1/orgs/{orgId}/courses/{courseId}/image',
      '/api/v1/orgs/{orgId}/members/{userId}',
      '/api/v1/orgs/{orgId}/webhooks/{id}',
      '/api/v1/orgs/{orgId}/lti/platforms/{id}',
    ].sort(),
  );
});
