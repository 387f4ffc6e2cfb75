// The OB 3.0 API across a restart: a wallet's access and refresh tokens, given by one process, work in the next one
// opened on the same database (the authorization server keeps its state there: adapter.ts), as after a deploy.
import * as oauth from 'oauth4webapi';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { OB_SCOPE } from './model.ts';
import { aConnectedApp, aFreePort, aWallet } from './testing.ts';

const insecure = { [oauth.allowInsecureRequests]: true };

describe('the OB 3.0 API after a restart', () => {
  let second: TestApp | undefined;
  afterAll(() => second?.close());

  it('takes the access token and refreshes with the refresh token that the process before gave', async () => {
    const port = await aFreePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await createTestApp({ env: { PUBLIC_URL: base } });
    const { schema } = first.deps.config.database;
    let wallet: Awaited<ReturnType<typeof aConnectedApp>>;
    try {
      await first.app.listen({ host: '127.0.0.1', port });
      const learner = await aLoggedInUser(first.app, first.deps, { name: 'Rafa Restart' });
      wallet = await aConnectedApp(base, learner.cookieOnly.cookie, {
        clientName: 'Restart Wallet',
        scope: OB_SCOPE.credentialReadonly,
      });
    } finally {
      await first.close();
    }
    expect(wallet.refreshToken).toEqual(expect.any(String));

    // A new process on the same schema and port.
    second = await createTestApp({
      env: { PUBLIC_URL: base, DATABASE_SCHEMA: schema, JOBS_SCHEMA: `${schema}_jobs` },
    });
    expect(second.deps.config.database.schema).toBe(schema);
    await second.app.listen({ host: '127.0.0.1', port });
    const credentials = (token: string) =>
      fetch(`${base}/ims/ob/v3p0/credentials`, { headers: { authorization: `Bearer ${token}` } });
    expect((await credentials(wallet.accessToken)).status).toBe(200);

    const { as, client } = await aWallet(base, { clientName: 'Restart Wallet', again: wallet });
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(
        as,
        client,
        oauth.ClientSecretBasic(wallet.clientSecret),
        wallet.refreshToken as string,
        insecure,
      ),
    );
    expect(refreshed.access_token).not.toBe(wallet.accessToken);
    expect(refreshed.scope).toBe(OB_SCOPE.credentialReadonly);
    expect((await credentials(refreshed.access_token)).status).toBe(200);
  }, 180_000);
});
