// Two requests changing the same records at once: the database rolls one back (deadlock, serialization failure,
// lock timeout). That request gets 503 problem+json `busy` with Retry-After, nothing of it saved, and the same
// request sent again succeeds. Never a 500, never an error in the log.
import { setTimeout as sleep } from 'node:timers/promises';
import i18next from 'i18next';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { testDatabaseUrl } from '../../test/support/database.ts';
import { toApiProblem } from '../../web/src/api.ts';
import { describeProblem } from '../../web/src/forms.ts';
import es from '../../web/src/i18n/es.json';
import { aOneLessonCourse } from '../badges/award-testing.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';

describe('a request the database rolled back for a concurrent one', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let badgeId: string;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      env: { LOG_LEVEL: 'info' },
      logDestination: { write: (line: string) => void lines.push(line) },
    });
    issuer = await anIssuerWithOwner(t.app, t.deps);
    badgeId = (await aPublishedBadge(t.app, issuer, { courseIds: [await aOneLessonCourse(t.app, issuer)] }))
      .id;
  });
  afterAll(() => t?.close());

  const anAward = async (email: string) => {
    const awarded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
      headers: issuer.owner.headers,
      payload: { email },
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
    return awarded.json<{ id: string; credentialId: string }>();
  };
  const revoke = (awardId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/awards/${awardId}/revoke`,
      headers: issuer.owner.headers,
      payload: { reason: 'Issued by mistake' },
    });
  const stateOf = async (credentialId: string) =>
    (
      await t.deps.db
        .selectFrom('issuedCredentials')
        .select('state')
        .where('id', '=', credentialId)
        .executeTakeFirstOrThrow()
    ).state;

  it.skipIf(!testDatabaseUrl)(
    'answers 503 busy with Retry-After to the side of a real deadlock, saves nothing of it, and succeeds when sent again',
    async () => {
      const award = await anAward('deadlocked@example.org');
      const list = await t.deps.db
        .selectFrom('issuedCredentials')
        .select('statusListId')
        .where('id', '=', award.credentialId)
        .executeTakeFirstOrThrow();
      let revoking: ReturnType<typeof revoke> | undefined;
      // A concurrent transaction holds the credential's row; the revocation locks the status list, then waits for
      // that row; the transaction then asks for the list: a cycle. This transaction puts its own deadlock check off
      // (30 s), so the revocation's backend finds the cycle (deadlock_timeout, 1 s) and is the one rolled back.
      await t.deps.db.transaction().execute(async (trx) => {
        await sql`set local deadlock_timeout = '30s'`.execute(trx);
        await trx
          .selectFrom('issuedCredentials')
          .select('id')
          .where('id', '=', award.credentialId)
          .forUpdate()
          .execute();
        const { pid } = await trx
          .selectNoFrom(sql<number>`pg_backend_pid()`.as('pid'))
          .executeTakeFirstOrThrow();
        revoking = revoke(award.id);
        // Until the revocation waits for this transaction (other tests' locks on the server do not count).
        for (let waited = 0; ; waited += 20) {
          const { waiting } = await t.deps.db
            .selectNoFrom(
              sql<string>`(select count(*) from pg_stat_activity where ${pid}::int = any(pg_blocking_pids(pid)))`.as(
                'waiting',
              ),
            )
            .executeTakeFirstOrThrow();
          if (Number(waiting) > 0) break;
          if (waited > 10_000) throw new Error('the revocation never waited for the held row');
          await sleep(20);
        }
        await trx
          .selectFrom('statusLists')
          .select('id')
          .where('id', '=', list.statusListId)
          .forUpdate()
          .execute();
      });
      const refused = await (revoking as ReturnType<typeof revoke>);
      expect(refused.statusCode, refused.body).toBe(503);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.json()).toMatchObject({ type: '/problems/busy', status: 503 });
      expect(await stateOf(award.credentialId)).toBe('active');

      const again = await revoke(award.id);
      expect(again.statusCode, again.body).toBe(200);
      expect(await stateOf(award.credentialId)).toBe('revoked');
      const errors = lines.filter((line) => JSON.parse(line).level >= 50);
      expect(errors).toEqual([]);
      expect(lines.some((line) => line.includes('a concurrent transaction got in the way'))).toBe(true);
    },
    60_000,
  );

  it('answers 503 busy for each contention SQLSTATE a route lets through, and explains the type', async () => {
    const award = await anAward('contention@example.org');
    let refused: Awaited<ReturnType<typeof revoke>> | undefined;
    for (const code of ['40001', '40P01', '55P03']) {
      // The driver's error, as a route that did not catch it passes it on (wrapped or not), injected where the
      // route opens its transaction.
      const failure = Object.assign(new Error('could not serialize access'), { code });
      const wrapped = new Error('the transaction failed', { cause: failure });
      for (const thrown of [failure, wrapped]) {
        const original = t.deps.db.transaction;
        t.deps.db.transaction = (() => {
          throw thrown;
        }) as unknown as typeof original;
        try {
          refused = await revoke(award.id);
          expect(refused.statusCode, `${code}: ${refused.body}`).toBe(503);
          expect(refused.json()).toMatchObject({ type: '/problems/busy', status: 503 });
          expect(refused.headers['retry-after']).toBe('1');
        } finally {
          t.deps.db.transaction = original;
        }
      }
    }
    expect(await stateOf(award.credentialId)).toBe('active');
    // The web app tells its reader to try again, in their language.
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { es: { translation: es } },
      lng: 'es',
      interpolation: { escapeValue: false },
    });
    expect(describeProblem(i18n.t, toApiProblem(503, refused?.json()))).toBe(
      'Alguien estaba cambiando lo mismo en ese momento, así que no se guardó nada. Inténtalo de nuevo.',
    );
    const explained = await t.app.inject({ url: '/problems/busy' });
    expect(explained.statusCode).toBe(200);
    expect(explained.body).toContain('send it again');
  });

  it('still answers 500 for a network error of another call, which is no database contention', async () => {
    const award = await anAward('network@example.org');
    const original = t.deps.db.transaction;
    t.deps.db.transaction = (() => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    }) as unknown as typeof original;
    try {
      const failed = await revoke(award.id);
      expect(failed.statusCode).toBe(500);
      expect(failed.json().type).toBe('/problems/internal');
    } finally {
      t.deps.db.transaction = original;
    }
  });
});
