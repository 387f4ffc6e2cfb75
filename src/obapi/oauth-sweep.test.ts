// The hourly sweep deletes the OAuth server's expired records and keeps the live ones and registered clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../../test/support/runtime.ts';
import type { Runtime } from '../runtime.ts';
import { oauthSweepTicker } from './jobs.ts';

describe('the OAuth records sweep', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  }, 120_000);
  afterAll(async () => {
    await runtime?.close();
  });

  it('deletes codes and tokens whose lifetime ended, and keeps live ones and clients', async () => {
    const { db } = runtime.deps;
    const now = runtime.deps.now();
    const hour = 3_600_000;
    const row = (kind: string, id: string, expiresAt: Date | null) => ({
      kind,
      id,
      payload: JSON.stringify({ kind }),
      grantId: null,
      userCode: null,
      uid: null,
      expiresAt,
      consumedAt: null,
    });
    await db
      .insertInto('oauthModels')
      .values([
        row('AuthorizationCode', 'expired-code', new Date(now.getTime() - hour)),
        row('AccessToken', 'expired-token', new Date(now.getTime() - 1)),
        row('AccessToken', 'live-token', new Date(now.getTime() + hour)),
        row('Client', 'registered-client', null),
      ])
      .execute();
    await oauthSweepTicker.run(runtime.deps);
    const left = await db.selectFrom('oauthModels').select('id').orderBy('id').execute();
    expect(left.map((r) => r.id)).toEqual(['live-token', 'registered-client']);
  });
});
