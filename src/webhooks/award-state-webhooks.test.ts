// award.revoked and award.suspended from every path that changes an award's credential (issue #21, item 3): the
// awards API and the credentials API both, once each, committed with the change. A loopback receiver, the real
// job workers, signatures checked with the Standard Webhooks reference library.
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/app.ts';
import { awardsOfBadge } from '../badges/award-testing.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { sampleIssueRequest, type TestIssuer } from '../issuing/testing.ts';
import { aWebhookSetUp, until, type WebhookSetUp } from './testing.ts';

type Headers = Record<string, string>;

describe('award state webhooks, whichever API changes the credential', () => {
  let set: WebhookSetUp;
  let t: TestApp;
  let issuer: TestIssuer;
  let base: string;
  let receiver: WebhookSetUp['receiver'];

  beforeAll(async () => {
    set = await aWebhookSetUp('State Hook Academy');
    ({ t, issuer, base, receiver } = set);
  }, 180_000);
  afterAll(() => set?.close());

  async function anEndpoint(path: string) {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/webhooks`,
      headers: issuer.owner.headers,
      payload: { url: `${base}${path}`, events: ['award.revoked', 'award.suspended'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as { id: string; secret: string };
  }

  async function aManualAward(email: string) {
    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [await aPublishedCourse(t.app, issuer.orgId, issuer.owner)],
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

  const change = (api: 'awards' | 'credentials', id: string, what: string, reason: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/${api}/${id}/${what}`,
      headers: issuer.owner.headers,
      payload: { reason },
    });

  const at = (path: string) => receiver.received.filter((r) => r.path === path);
  const typesAt = (path: string) => at(path).map((r) => JSON.parse(r.body).type as string);
  const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const deliveriesTo = (endpointId: string) =>
    t.deps.db
      .selectFrom('webhookDeliveries')
      .select('eventType')
      .where('endpointId', '=', endpointId)
      .execute();

  it('sends award.suspended and then award.revoked once each when the credentials API changes an award’s credential', async () => {
    const { secret } = await anEndpoint('/credentials-api');
    const award = await aManualAward('credentials.api@example.org');
    const suspended = await change('credentials', award.credentialId!, 'suspend', 'Under review');
    expect(suspended.statusCode, suspended.body).toBe(200);
    const reinstated = await change('credentials', award.credentialId!, 'reinstate', 'Review passed');
    expect(reinstated.statusCode, reinstated.body).toBe(200);
    const revoked = await change('credentials', award.credentialId!, 'revoke', 'Issued in error');
    expect(revoked.statusCode, revoked.body).toBe(200);

    const [first, second] = await until('both events', () =>
      at('/credentials-api').length > 1 ? at('/credentials-api') : undefined,
    );
    await quietFor(1_500);
    expect(typesAt('/credentials-api').sort()).toEqual(['award.revoked', 'award.suspended']);
    const verifier = new Webhook(secret);
    const events = [first!, second!].map((r) => verifier.verify(r.body, r.headers as Headers));
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'award.suspended',
          data: expect.objectContaining({
            awardId: award.id,
            credentialId: award.credentialId,
            reason: 'Under review',
          }),
        }),
        expect.objectContaining({
          type: 'award.revoked',
          data: expect.objectContaining({
            awardId: award.id,
            credentialId: award.credentialId,
            badgeId: award.badgeId,
            recipientEmail: 'credentials.api@example.org',
            reason: 'Issued in error',
          }),
        }),
      ]),
    );
  }, 120_000);

  it('still sends exactly one award.revoked when the awards API revokes', async () => {
    const { secret } = await anEndpoint('/awards-api');
    const award = await aManualAward('awards.api@example.org');
    const revoked = await change('awards', award.id, 'revoke', 'Plagiarism');
    expect(revoked.statusCode, revoked.body).toBe(200);
    const [request] = await until('award.revoked', () =>
      at('/awards-api').length > 0 ? at('/awards-api') : undefined,
    );
    await quietFor(1_500);
    expect(typesAt('/awards-api')).toEqual(['award.revoked']);
    expect(new Webhook(secret).verify(request!.body, request!.headers as Headers)).toMatchObject({
      type: 'award.revoked',
      data: { awardId: award.id, reason: 'Plagiarism' },
    });
  }, 120_000);

  it('records nothing when a credentials API revocation rolls back', async () => {
    const { id: endpointId } = await anEndpoint('/rolled-back');
    const award = await aManualAward('credentials.rolled.back@example.org');
    // A fault after the event was recorded, inside the revocation's transaction: nothing of it may survive.
    await sql`create function refuse_credential_rollback() returns trigger language plpgsql as $$
      begin
        if new.payload->>'reason' = 'roll me back too' then raise exception 'refused by the test'; end if;
        return new;
      end $$`.execute(t.deps.db);
    await sql`create trigger refuse_credential_rollback after insert on webhook_deliveries
      for each row execute function refuse_credential_rollback()`.execute(t.deps.db);
    try {
      const failed = await change('credentials', award.credentialId!, 'revoke', 'roll me back too');
      expect(failed.statusCode).toBe(500);
    } finally {
      await sql`drop trigger refuse_credential_rollback on webhook_deliveries`.execute(t.deps.db);
      await sql`drop function refuse_credential_rollback()`.execute(t.deps.db);
    }
    const still = await t.deps.db
      .selectFrom('issuedCredentials')
      .select('state')
      .where('id', '=', award.credentialId!)
      .executeTakeFirstOrThrow();
    expect(still.state).toBe('active');
    expect(await deliveriesTo(endpointId)).toEqual([]);
  }, 120_000);

  it('revokes a credential that belongs to no award without sending an award event', async () => {
    const { id: endpointId } = await anEndpoint('/no-award');
    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/credentials`,
      headers: issuer.owner.headers,
      payload: sampleIssueRequest('no.award@example.org'),
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const credentialId = (issued.json().credential.id as string).replace('urn:uuid:', '');
    const revoked = await change('credentials', credentialId, 'revoke', 'Issued in error');
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ state: 'revoked' });
    expect(await deliveriesTo(endpointId)).toEqual([]);
  }, 120_000);
});
