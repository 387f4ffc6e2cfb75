// The later webhook events and secret rotation, end to end: a loopback receiver, the real job workers, signatures
// checked with the Standard Webhooks reference library. award.expired comes from the expiry sweep (run here by
// hand, twice and concurrently), evidence.* from the player and the review queue, and a revocation's event commits
// with the revocation or not at all.
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/app.ts';
import { awardsOfBadge } from '../badges/award-testing.ts';
import { announceExpiredAwards } from '../badges/index.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment, playerOf, workThroughSampleCourse } from '../learning/testing.ts';
import { signingSecrets } from './model.ts';
import { aWebhookSetUp, until, type WebhookSetUp } from './testing.ts';

type Headers = Record<string, string>;

describe('webhook events and secret rotation', () => {
  let set: WebhookSetUp;
  let t: TestApp;
  let issuer: TestIssuer;
  let base: string;
  let receiver: WebhookSetUp['receiver'];

  beforeAll(async () => {
    set = await aWebhookSetUp('Event Hook Academy');
    ({ t, issuer, base, receiver } = set);
  }, 180_000);
  afterAll(() => set?.close());

  async function anEndpoint(path: string, events: string[]) {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/webhooks`,
      headers: issuer.owner.headers,
      payload: { url: `${base}${path}`, events },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as { id: string; secret: string };
  }

  async function aManualAward(email: string, validityDays: number | null = 1095) {
    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [await aPublishedCourse(t.app, issuer.orgId, issuer.owner)],
      validityDays,
    });
    const awarded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badge.id}/awards`,
      headers: issuer.owner.headers,
      payload: { email },
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
    const [award] = await awardsOfBadge(t.deps, badge.id);
    return award!;
  }

  const at = (path: string) => receiver.received.filter((r) => r.path === path);
  const typesAt = (path: string) => at(path).map((r) => JSON.parse(r.body).type as string);
  const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const signaturesOf = (headers: Headers) => headers['webhook-signature']!.split(' ');

  it('announces an expired award once, however many sweeps run, and never a revoked one', async () => {
    const { secret } = await anEndpoint('/expired', ['award.expired']);
    const award = await aManualAward('expiring@example.org', 30);
    const revoked = await aManualAward('revoked.then.expired@example.org', 30);
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/awards/${revoked.id}/revoke`,
      headers: issuer.owner.headers,
      payload: { reason: 'Issued in error' },
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    // Both validity periods ended an hour ago.
    await t.deps.db
      .updateTable('awards')
      .set({ validUntil: new Date(Date.now() - 3_600_000) })
      .where('id', 'in', [award.id, revoked.id])
      .execute();

    const sweeps = await Promise.all([announceExpiredAwards(t.deps), announceExpiredAwards(t.deps)]);
    const later = await announceExpiredAwards(t.deps);
    expect(sweeps[0] + sweeps[1] + later).toBe(1);

    const [request] = await until('award.expired', () =>
      at('/expired').length > 0 ? at('/expired') : undefined,
    );
    await quietFor(1_500);
    expect(typesAt('/expired')).toEqual(['award.expired']);
    const event = new Webhook(secret).verify(request!.body, request!.headers as Headers);
    expect(event).toMatchObject({
      type: 'award.expired',
      data: { awardId: award.id, badgeId: award.badgeId },
    });
  }, 120_000);

  it('sends evidence submitted when a learner hands in work and evidence reviewed when an assessor decides', async () => {
    const { secret } = await anEndpoint('/evidence', ['evidence.submitted', 'evidence.reviewed']);
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    const learner = await aLoggedInUser(t.app, t.deps);
    const enrolmentId = await anEnrolment(t.app, learner, courseId);
    await workThroughSampleCourse(playerOf(t.app, learner, enrolmentId));

    const [submitted] = await until('evidence.submitted', () =>
      at('/evidence').length > 0 ? at('/evidence') : undefined,
    );
    const verifier = new Webhook(secret);
    const handedIn = verifier.verify(submitted!.body, submitted!.headers as Headers) as {
      data: { submissionId: string };
    };
    expect(handedIn).toMatchObject({
      type: 'evidence.submitted',
      data: {
        enrolmentId,
        courseId,
        unitId: 'essay',
        userId: learner.userId,
        task: 'essay',
        status: 'pending',
      },
    });
    expect(submitted!.body).not.toContain('We run payroll');

    const review = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/reviews/${handedIn.data.submissionId}`,
      headers: issuer.owner.headers,
      payload: { decision: 'accept', feedback: 'Clear.', scores: [{ criterion: 'Clarity', level: 'clear' }] },
    });
    expect(review.statusCode, review.body).toBe(200);
    const [, reviewed] = await until('evidence.reviewed', () =>
      at('/evidence').length > 1 ? at('/evidence') : undefined,
    );
    expect(verifier.verify(reviewed!.body, reviewed!.headers as Headers)).toMatchObject({
      type: 'evidence.reviewed',
      data: {
        submissionId: handedIn.data.submissionId,
        status: 'accepted',
        reviewedBy: 'assessor',
        reviewerId: issuer.owner.userId,
        scores: [{ criterion: 'Clarity', level: 'clear', points: 2 }],
      },
    });
    await quietFor(1_500);
    expect(typesAt('/evidence')).toEqual(['evidence.submitted', 'evidence.reviewed']);
  }, 120_000);

  it('sends nothing for a revocation whose transaction rolls back, and one event for one that commits', async () => {
    const { id: endpointId, secret } = await anEndpoint('/revocations', ['award.revoked']);
    const award = await aManualAward('rolled.back@example.org');
    // A fault after the event was recorded, inside the revocation's transaction: nothing of it may survive.
    await sql`create function refuse_rollback_reason() returns trigger language plpgsql as $$
      begin
        if new.payload->>'reason' = 'roll me back' then raise exception 'refused by the test'; end if;
        return new;
      end $$`.execute(t.deps.db);
    await sql`create trigger refuse_rollback_reason after insert on webhook_deliveries
      for each row execute function refuse_rollback_reason()`.execute(t.deps.db);
    try {
      const failed = await t.app.inject({
        method: 'POST',
        url: `/api/v1/orgs/${issuer.orgId}/awards/${award.id}/revoke`,
        headers: issuer.owner.headers,
        payload: { reason: 'roll me back' },
      });
      expect(failed.statusCode).toBe(500);
    } finally {
      await sql`drop trigger refuse_rollback_reason on webhook_deliveries`.execute(t.deps.db);
      await sql`drop function refuse_rollback_reason()`.execute(t.deps.db);
    }
    const still = await t.deps.db
      .selectFrom('issuedCredentials')
      .select('state')
      .where('id', '=', award.credentialId!)
      .executeTakeFirstOrThrow();
    expect(still.state).toBe('active');
    const none = await t.deps.db
      .selectFrom('webhookDeliveries')
      .select('id')
      .where('endpointId', '=', endpointId)
      .execute();
    expect(none).toEqual([]);

    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/awards/${award.id}/revoke`,
      headers: issuer.owner.headers,
      payload: { reason: 'Issued in error' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const [request] = await until('award.revoked', () =>
      at('/revocations').length > 0 ? at('/revocations') : undefined,
    );
    await quietFor(1_500);
    expect(at('/revocations')).toHaveLength(1);
    expect(new Webhook(secret).verify(request!.body, request!.headers as Headers)).toMatchObject({
      type: 'award.revoked',
      data: { awardId: award.id, reason: 'Issued in error' },
    });
  }, 120_000);

  it('signs with both secrets during a rotation’s grace, and only with the new one after it', async () => {
    const { id, secret: oldSecret } = await anEndpoint('/rotating', ['award.offered']);
    const rotated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/webhooks/${id}/rotate-secret`,
      headers: issuer.owner.headers,
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { secret: newSecret, previousSecretExpiresAt } = rotated.json() as {
      secret: string;
      previousSecretExpiresAt: string;
    };
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    const graceHours = (Date.parse(previousSecretExpiresAt) - Date.now()) / 3_600_000;
    expect(graceHours).toBeGreaterThan(23.9);
    expect(graceHours).toBeLessThanOrEqual(24);

    await aManualAward('during.grace@example.org');
    const [during] = await until('the delivery during the grace', () =>
      at('/rotating').length > 0 ? at('/rotating') : undefined,
    );
    expect(signaturesOf(during!.headers as Headers)).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) {
      expect(new Webhook(secret).verify(during!.body, during!.headers as Headers)).toMatchObject({
        type: 'award.offered',
      });
    }

    // The grace has ended.
    await t.deps.db
      .updateTable('webhookEndpoints')
      .set({ previousSecretUntil: new Date(Date.now() - 1_000) })
      .where('id', '=', id)
      .execute();
    await aManualAward('after.grace@example.org');
    const [, after] = await until('the delivery after the grace', () =>
      at('/rotating').length > 1 ? at('/rotating') : undefined,
    );
    expect(signaturesOf(after!.headers as Headers)).toHaveLength(1);
    expect(new Webhook(newSecret).verify(after!.body, after!.headers as Headers)).toMatchObject({
      type: 'award.offered',
    });
    expect(() => new Webhook(oldSecret).verify(after!.body, after!.headers as Headers)).toThrow();
    const shown = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/webhooks/${id}`,
      headers: issuer.owner.headers,
    });
    expect(shown.json()).toMatchObject({ previousSecretExpiresAt: null });
    expect(shown.body).not.toContain(newSecret);
  }, 120_000);

  it('answers 404 to rotating another organization’s endpoint, and keeps its secret', async () => {
    const { id } = await anEndpoint('/kept', ['award.offered']);
    const other = await anIssuerWithOwner(t.app, t.deps, 'Rotating Rival');
    for (const orgId of [issuer.orgId, other.orgId]) {
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/v1/orgs/${orgId}/webhooks/${id}/rotate-secret`,
        headers: other.owner.headers,
      });
      expect(refused.statusCode).toBe(404);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    const endpoint = await t.deps.db
      .selectFrom('webhookEndpoints')
      .select('previousSecretWrapped')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(endpoint.previousSecretWrapped).toBeNull();
  });
});

describe('the secrets a delivery is signed with', () => {
  const at = new Date('2026-12-06T12:00:00Z');

  it('is the current secret alone when none was replaced', () => {
    expect(signingSecrets('whsec_new', { secret: null, until: null }, at)).toEqual(['whsec_new']);
  });

  it('adds the replaced secret until its grace ends, and drops it from that instant', () => {
    const until = new Date(at.getTime() + 1);
    expect(signingSecrets('whsec_new', { secret: 'whsec_old', until }, at)).toEqual([
      'whsec_new',
      'whsec_old',
    ]);
    expect(signingSecrets('whsec_new', { secret: 'whsec_old', until: at }, at)).toEqual(['whsec_new']);
  });
});
