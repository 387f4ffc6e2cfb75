// Remembered consent over real HTTP on loopback, the test as the wallet (oauth4webapi): a learner who allowed an
// app is not asked again for what they allowed (from any browser: each trip starts with only the Tessera session
// cookie), is asked only about what is new, is asked again when the app says prompt=consent, and again once they
// disconnect the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { translate } from '../i18n/index.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { OB_SCOPE, type ObScope, scopeLabelKey } from './model.ts';
import { aFreePort, authorizeWallet, aWallet, type TestWallet } from './testing.ts';

const label = (scope: ObScope) => translate('en', scopeLabelKey(scope));

describe('remembered consent to an OB 3.0 API app', () => {
  let t: TestApp;
  let base: string;
  let learner: TestSession;
  let other: TestSession;
  let wallet: TestWallet;

  beforeAll(async () => {
    const port = await aFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ env: { PUBLIC_URL: base } });
    await t.app.listen({ host: '127.0.0.1', port });
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Rita Remembered' });
    other = await aLoggedInUser(t.app, t.deps, { name: 'Nico New' });
    wallet = await aWallet(base, { clientName: 'Memory Wallet' });
  }, 120_000);
  afterAll(() => t?.close());

  const authorize = (session: TestSession, scope: string, prompt?: string) =>
    authorizeWallet(base, session.cookieOnly.cookie, wallet, { scope, prompt });
  const credentials = (token: string) =>
    fetch(`${base}/ims/ob/v3p0/credentials`, { headers: { authorization: `Bearer ${token}` } });
  const scopesOf = (tokens: { scope?: string }) => (tokens.scope ?? '').split(' ').sort();

  it('asks the first time, then not again for the same scopes or fewer, and the tokens it gives work', async () => {
    const read = `${OB_SCOPE.credentialReadonly} ${OB_SCOPE.profileReadonly}`;
    const first = await authorize(learner, read);
    expect(first.asked).toBe(true);
    expect(first.page).toContain(label(OB_SCOPE.credentialReadonly));

    const again = await authorize(learner, read);
    expect(again.asked).toBe(false);
    expect(scopesOf(again.tokens)).toEqual([OB_SCOPE.credentialReadonly, OB_SCOPE.profileReadonly].sort());
    expect((await credentials(again.tokens.access_token)).status).toBe(200);

    const fewer = await authorize(learner, OB_SCOPE.credentialReadonly);
    expect(fewer.asked).toBe(false);
    expect(scopesOf(fewer.tokens)).toEqual([OB_SCOPE.credentialReadonly]);
  });

  it('asks again for a scope not allowed yet, naming only what is new, and then remembers it all', async () => {
    const wider = `${OB_SCOPE.credentialReadonly} ${OB_SCOPE.credentialUpsert}`;
    const asked = await authorize(learner, wider);
    expect(asked.asked).toBe(true);
    expect(asked.page).toContain(label(OB_SCOPE.credentialUpsert));
    expect(asked.page).not.toContain(label(OB_SCOPE.credentialReadonly));
    expect(scopesOf(asked.tokens)).toEqual([OB_SCOPE.credentialReadonly, OB_SCOPE.credentialUpsert].sort());

    // What two "Allow"s gave together is not asked again either.
    const all = `${OB_SCOPE.credentialReadonly} ${OB_SCOPE.credentialUpsert} ${OB_SCOPE.profileReadonly}`;
    const remembered = await authorize(learner, all);
    expect(remembered.asked).toBe(false);
    expect(scopesOf(remembered.tokens)).toEqual(all.split(' ').sort());
  });

  it('asks again, naming everything, when the app sends prompt=consent', async () => {
    const forced = await authorize(learner, OB_SCOPE.credentialReadonly, 'consent');
    expect(forced.asked).toBe(true);
    expect(forced.page).toContain(label(OB_SCOPE.credentialReadonly));
  });

  it('remembers what one learner allowed for that learner only', async () => {
    const theirs = await authorize(other, OB_SCOPE.credentialReadonly);
    expect(theirs.asked).toBe(true);
  });

  it('forgets the consent when the learner disconnects the app, and asks again', async () => {
    const disconnected = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/connected-apps/${encodeURIComponent(wallet.client.client_id)}`,
      headers: learner.headers,
    });
    expect(disconnected.statusCode).toBe(204);
    const after = await authorize(learner, OB_SCOPE.credentialReadonly);
    expect(after.asked).toBe(true);
    expect(after.page).toContain(label(OB_SCOPE.credentialReadonly));
    expect((await authorize(learner, OB_SCOPE.credentialReadonly)).asked).toBe(false);
  });
});
