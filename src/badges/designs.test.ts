import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { multipartFile } from '../learning/testing.ts';
import { checkBadgeImage } from './images.ts';
import { aDraftBadge, aPublishedCourse } from './testing.ts';

const design = {
  template: 'shield',
  colors: { primary: '#1e3a8a', secondary: '#dbeafe', accent: '#f59e0b' },
  icon: 'chart-line',
  useLogo: false,
  subtitle: 'Advanced',
};
const LOGO = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#0a0"/></svg>',
);

describe('the badge designer through the API', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let courseId: string;
  let assessor: TestSession;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Design Academy');
    courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    const person = await aLoggedInUser(t.app, t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: person.email, role: 'assessor' },
    });
    expect(added.statusCode).toBe(201);
    assessor = person;
  });
  afterAll(() => t?.close());

  const url = (path: string) => `/api/v1/orgs/${issuer.orgId}/badges${path}`;
  const call = (
    method: 'GET' | 'PUT' | 'POST' | 'PATCH',
    path: string,
    payload?: object,
    as: TestSession = issuer.owner,
  ) => t.app.inject({ method, url: url(path), headers: as.headers, ...(payload ? { payload } : {}) });

  it('saves a design: the picture is drawn from it, stored, and kept by the published version', async () => {
    const badge = await aDraftBadge(t.app, issuer, { courseIds: [courseId], name: 'Sales Forecasting' });
    const saved = await call('PUT', `/${badge.id}/design`, design);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ hasImage: true, design });
    const image = await t.app.inject({
      method: 'GET',
      url: saved.json().imageUrl,
      headers: issuer.owner.headers,
    });
    expect(image.headers['content-type']).toBe('image/svg+xml');
    expect(image.body).toContain('Sales Forecasting');
    expect(image.body).toContain('Advanced');
    expect(image.body).toContain('fill="#f59e0b"');
    expect(checkBadgeImage(image.rawPayload)).toBe('svg');

    await call('POST', `/${badge.id}/publish`);
    const version = `/achievements/${badge.id}/versions/1/image`;
    const published = await t.app.inject({ method: 'GET', url: version });
    expect(published.body).toBe(image.body);

    // A new name redraws the draft's picture; the published version keeps the one it was published with.
    const renamed = await call('PATCH', `/${badge.id}`, { name: 'Revenue Forecasting' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const redrawn = await t.app.inject({
      method: 'GET',
      url: renamed.json().imageUrl,
      headers: issuer.owner.headers,
    });
    expect(redrawn.body).toContain('Revenue Forecasting');
    expect((await t.app.inject({ method: 'GET', url: version })).body).toBe(image.body);
  });

  it('refuses an unknown icon, template or a bad colour with problem+json and keeps the picture', async () => {
    const badge = await aDraftBadge(t.app, issuer, { courseIds: [courseId] });
    for (const bad of [
      { ...design, icon: 'kitten' },
      { ...design, template: 'star' },
      { ...design, colors: { ...design.colors, accent: 'orange' } },
    ]) {
      const refused = await call('PUT', `/${badge.id}/design`, bad);
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    expect((await call('GET', `/${badge.id}`)).json()).toMatchObject({ hasImage: false, design: null });
  });

  it('uploading a picture replaces the design', async () => {
    const badge = await aDraftBadge(t.app, issuer, { courseIds: [courseId] });
    await call('PUT', `/${badge.id}/design`, design);
    const file = multipartFile('own.svg', LOGO, 'image/svg+xml');
    const uploaded = await t.app.inject({
      method: 'PUT',
      url: url(`/${badge.id}/image`),
      headers: { ...issuer.owner.headers, ...file.headers },
      payload: file.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json()).toMatchObject({ hasImage: true, design: null });
  });

  it('previews a design as SVG without saving it, with the logo embedded when the organization has one', async () => {
    const body = { name: 'Preview me', design: { ...design, useLogo: true } };
    const plain = await call('POST', '/design-preview', body);
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.headers['content-type']).toBe('image/svg+xml');
    expect(plain.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(plain.body).toContain('Preview me');
    expect(plain.body).not.toContain('<image');

    const form = multipartFile('logo.svg', LOGO, 'image/svg+xml');
    const logo = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${issuer.orgId}/logo`,
      headers: { ...issuer.owner.headers, ...form.headers },
      payload: form.payload,
    });
    expect(logo.statusCode, logo.body).toBe(200);
    const withLogo = await call('POST', '/design-preview', body);
    expect(withLogo.body).toMatch(/<image [^>]*href="data:image\/png;base64,/);
    expect(checkBadgeImage(withLogo.rawPayload)).toBe('svg');

    const options = await call(
      'GET',
      `/${(await aDraftBadge(t.app, issuer, { courseIds: [courseId], name: 'Python Basics' })).id}/design-options`,
    );
    expect(options.statusCode).toBe(200);
    expect(options.json()).toMatchObject({ hasLogo: true, suggested: { icon: 'code' } });
    expect(options.json().icons.length).toBeGreaterThanOrEqual(40);
    expect(options.json().templates).toEqual(['circle', 'shield', 'hexagon', 'rosette', 'rounded-square']);
  });

  it('bounds the preview input and lets only badge authors preview or save', async () => {
    const huge = await call('POST', '/design-preview', { name: 'x'.repeat(20_000), design });
    expect(huge.statusCode).toBe(413);
    const long = await call('POST', '/design-preview', { name: 'x'.repeat(201), design });
    expect(long.statusCode).toBe(400);
    const badge = await aDraftBadge(t.app, issuer, { courseIds: [courseId] });
    expect((await call('POST', '/design-preview', { name: 'A', design }, assessor)).statusCode).toBe(403);
    expect((await call('PUT', `/${badge.id}/design`, design, assessor)).statusCode).toBe(403);
  });
});
