// Outbound webhooks end to end: a real HTTP receiver on loopback (allowed by the SSRF guard's test allowance),
// the real job workers, and signatures checked with the Standard Webhooks reference library.
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/app.ts';
import {
  aOneLessonCourse,
  awardsOfBadge,
  completeOneLessonCourse,
  lastClaimToken,
} from '../badges/award-testing.ts';
import { processLearningEvents } from '../badges/index.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { WEBHOOK_EVENT_TYPES } from './model.ts';
import { aWebhookSetUp, until, type WebhookSetUp } from './testing.ts';

describe('outbound webhooks', () => {
  let set: WebhookSetUp;
  let t: TestApp;
  let issuer: TestIssuer;
  let base: string;
  let receiver: WebhookSetUp['receiver'];

  beforeAll(async () => {
    set = await aWebhookSetUp('Hook Academy');
    ({ t, issuer, base, receiver } = set);
  }, 180_000);
  afterAll(() => set?.close());

  const register = (who: TestIssuer, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${who.orgId}/webhooks`,
      headers: who.owner.headers,
      payload,
    });

  async function anEndpoint(path: string, who = issuer, events: readonly string[] = WEBHOOK_EVENT_TYPES) {
    const created = await register(who, { url: `${base}${path}`, events });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as { id: string; secret: string };
  }

  const deliveries = async (who: TestIssuer, endpointId: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${who.orgId}/webhooks/${endpointId}/deliveries`,
      headers: who.owner.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as Array<{
      id: string;
      eventId: string;
      eventType: string;
      state: string;
      attempts: Array<{ statusCode: number | null; manual: boolean; responseBody: string | null }>;
    }>;
  };

  const at = (path: string) => receiver.received.filter((r) => r.path === path);
  const typesAt = (path: string) => at(path).map((r) => JSON.parse(r.body).type as string);

  it('sends course completed, award offered, accepted and revoked once each, signed as Standard Webhooks say', async () => {
    const { secret } = await anEndpoint('/lifecycle');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const courseId = await aOneLessonCourse(t.app, issuer);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courseId] });
    const learner = await aLoggedInUser(t.app, t.deps);

    await completeOneLessonCourse(t.app, learner, courseId);
    while ((await processLearningEvents(t.deps)) > 0);
    const [award] = await awardsOfBadge(t.deps, badge.id);
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/claims/${await lastClaimToken(t.deps, learner.email)}/accept`,
      headers: learner.headers,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/awards/${award!.id}/revoke`,
      headers: issuer.owner.headers,
      payload: { reason: 'Issued in error' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);

    const expected = ['course.completed', 'award.offered', 'award.accepted', 'award.revoked'];
    await until('four events', () => (at('/lifecycle').length >= 4 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // nothing more arrives
    expect(typesAt('/lifecycle').sort()).toEqual([...expected].sort());
    expect(new Set(at('/lifecycle').map((r) => r.headers['webhook-id'])).size).toBe(4);

    const verifier = new Webhook(secret);
    for (const request of at('/lifecycle')) {
      const verified = verifier.verify(request.body, request.headers as Record<string, string>) as {
        type: string;
        data: Record<string, unknown>;
      };
      if (verified.type.startsWith('award.')) {
        expect(verified.data).toMatchObject({ awardId: award!.id, badgeId: badge.id });
      } else expect(verified.data).toMatchObject({ courseId, userId: learner.userId });
      expect(JSON.stringify(verified)).not.toContain('whsec_');
    }
    const tampered = at('/lifecycle')[0]!;
    expect(() => verifier.verify(`${tampered.body} `, tampered.headers as Record<string, string>)).toThrow();
  }, 120_000);

  it('sends order paid when an issuance-fee order is marked paid', async () => {
    const shop = await anIssuerWithOwner(t.app, t.deps, 'Fee Hook Academy');
    const settings = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${shop.orgId}/commerce/settings`,
      headers: shop.owner.headers,
      payload: {
        taxRateBp: 0,
        taxLabel: 'Tax',
        bundleDiscountBp: 1000,
        sellerDetails: '',
        issuanceFee: { amountMinor: 1500, currency: 'EUR' },
      },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const { secret } = await anEndpoint('/orders', shop, ['order.paid']);
    const courseId = await aOneLessonCourse(t.app, shop);
    const badge = await aPublishedBadge(t.app, shop, { courseIds: [courseId] });
    const learner = await aLoggedInUser(t.app, t.deps);
    await completeOneLessonCourse(t.app, learner, courseId);
    while ((await processLearningEvents(t.deps)) > 0);
    const [waiting] = await awardsOfBadge(t.deps, badge.id);
    const order = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/awards/${waiting!.id}/fee-order`,
      headers: learner.headers,
    });
    expect(order.statusCode, order.body).toBeLessThan(300);
    const orderId = order.json().id ?? order.json().orderId;
    const paid = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${shop.orgId}/orders/${orderId}/mark-paid`,
      headers: shop.owner.headers,
      payload: { reference: 'Bank transfer 2026-7' },
    });
    expect(paid.statusCode, paid.body).toBe(200);

    const [request] = await until('order.paid', () => (at('/orders').length > 0 ? at('/orders') : undefined));
    const event = new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>);
    expect(event).toMatchObject({
      type: 'order.paid',
      data: { orderId, totalMinor: 1500, currency: 'EUR', state: 'paid' },
    });
    expect(typesAt('/orders')).toEqual(['order.paid']);
  }, 120_000);

  it('retries a refused delivery with the same webhook-id and logs both attempts', async () => {
    receiver.refuseFirst.add('/flaky');
    const endpoint = await anEndpoint('/flaky', issuer, ['award.offered']);
    const manual = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${(await aPublishedBadge(t.app, issuer, { courseIds: [await aOneLessonCourse(t.app, issuer)] })).id}/awards`,
      headers: issuer.owner.headers,
      payload: { email: 'retry.me@example.org' },
    });
    expect(manual.statusCode, manual.body).toBe(201);

    await until('the retry', () => (at('/flaky').length >= 2 ? true : undefined));
    const [first, second] = at('/flaky');
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    const [delivery] = await until('the delivered state', async () => {
      const items = await deliveries(issuer, endpoint.id);
      return items[0]?.state === 'delivered' ? items : undefined;
    });
    expect(delivery!.attempts).toMatchObject([
      { statusCode: 500, manual: false, responseBody: 'down for maintenance' },
      { statusCode: 204, manual: false },
    ]);
  }, 120_000);

  it('redelivers on request, with the same webhook-id, marked manual in the log', async () => {
    const endpoint = await anEndpoint('/again', issuer, ['award.offered']);
    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [await aOneLessonCourse(t.app, issuer)],
    });
    const awarded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badge.id}/awards`,
      headers: issuer.owner.headers,
      payload: { email: 'again@example.org' },
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
    await until('the first delivery', () => (at('/again').length >= 1 ? true : undefined));
    const [delivery] = await until('the delivered state', async () => {
      const items = await deliveries(issuer, endpoint.id);
      return items[0]?.state === 'delivered' ? items : undefined;
    });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/webhooks/${endpoint.id}/deliveries/${delivery!.id}/redeliver`,
      headers: issuer.owner.headers,
    });
    expect(again.statusCode, again.body).toBe(202);
    await until('the redelivery', () => (at('/again').length >= 2 ? true : undefined));
    expect(at('/again')[1]!.headers['webhook-id']).toBe(delivery!.eventId);
    const logged = await until('the manual attempt', async () => {
      const [item] = await deliveries(issuer, endpoint.id);
      return item && item.attempts.length === 2 ? item : undefined;
    });
    expect(logged.attempts.map((a) => a.manual)).toEqual([false, true]);
  }, 120_000);

  it('shows the secret only once and keeps it out of every later reply', async () => {
    const { id, secret } = await anEndpoint('/quiet', issuer, ['award.revoked']);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/webhooks`,
      headers: issuer.owner.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(secret);
    expect(list.body).not.toContain('secret');
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/webhooks/${id}`,
      headers: issuer.owner.headers,
    });
    expect(one.json()).not.toHaveProperty('secret');
    const stored = await t.deps.db
      .selectFrom('webhookEndpoints')
      .select('secretWrapped')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.secretWrapped).not.toContain(secret.slice(6));
  });

  it('changes only the fields sent, and a disabled endpoint gets nothing new', async () => {
    const { id } = await anEndpoint('/off', issuer, ['award.offered']);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${issuer.orgId}/webhooks/${id}`,
      headers: issuer.owner.headers,
      payload: { enabled: false },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ enabled: false, events: ['award.offered'], url: `${base}/off` });
    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [await aOneLessonCourse(t.app, issuer)],
    });
    const awarded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badge.id}/awards`,
      headers: issuer.owner.headers,
      payload: { email: 'nobody.listens@example.org' },
    });
    expect(awarded.statusCode).toBe(201);
    expect(await deliveries(issuer, id)).toEqual([]);
  });

  it('answers 404 to a member of another organization, on every webhook route', async () => {
    const { id } = await anEndpoint('/private', issuer, ['award.offered']);
    const other = await anIssuerWithOwner(t.app, t.deps, 'Other Academy');
    const urls: Array<['GET' | 'PATCH' | 'DELETE' | 'POST', string, Record<string, unknown>?]> = [
      ['GET', `/api/v1/orgs/${issuer.orgId}/webhooks`],
      ['GET', `/api/v1/orgs/${issuer.orgId}/webhooks/${id}`],
      ['PATCH', `/api/v1/orgs/${issuer.orgId}/webhooks/${id}`, { enabled: false }],
      ['DELETE', `/api/v1/orgs/${issuer.orgId}/webhooks/${id}`],
      ['GET', `/api/v1/orgs/${issuer.orgId}/webhooks/${id}/deliveries`],
      ['POST', `/api/v1/orgs/${issuer.orgId}/webhooks`, { url: `${base}/x`, events: ['award.offered'] }],
      // B's own organization, A's endpoint id: still nothing.
      ['GET', `/api/v1/orgs/${other.orgId}/webhooks/${id}`],
      ['GET', `/api/v1/orgs/${other.orgId}/webhooks/${id}/deliveries`],
    ];
    for (const [method, url, payload] of urls) {
      const response = await t.app.inject({ method, url, headers: other.owner.headers, payload });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('refuses bad endpoints with 400 and lists the fields', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: 'http://hooks.example.org/in', events: ['award.offered'] }, 'url'],
      [{ url: 'ftp://hooks.example.org/in', events: ['award.offered'] }, 'url'],
      [{ url: 'not a url', events: ['award.offered'] }, 'url'],
      [{ url: 'https://user:pw@hooks.example.org/in', events: ['award.offered'] }, 'url'],
      [{ url: 'https://hooks.example.org/in', events: ['award.exploded'] }, 'events'],
      [{ url: 'https://hooks.example.org/in', events: [] }, 'events'],
      [{ url: 'https://hooks.example.org/in' }, 'events'],
      [{ url: 'https://hooks.example.org/in', events: ['award.offered'], secret: 'mine' }, ''],
    ];
    for (const [payload, field] of cases) {
      const response = await register(issuer, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      if (field) expect(response.body).toContain(field);
    }
    const badId = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/webhooks/not-a-uuid/deliveries`,
      headers: issuer.owner.headers,
    });
    expect(badId.statusCode).toBe(400);
    const created = await anEndpoint('/patchy', issuer, ['award.offered']);
    const badPatch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${issuer.orgId}/webhooks/${created.id}`,
      headers: issuer.owner.headers,
      payload: { url: 'http://hooks.example.org/in' },
    });
    expect(badPatch.statusCode).toBe(400);
  });
});
