// The addresses an organization's OAuth app may name, and the client metadata it is registered with.
import { describe, expect, it } from 'vitest';
import { OB_SCOPE } from './model.ts';
import { appProblems, clientMetadata, homePageProblem, redirectUriProblem } from './oauth-clients-model.ts';

describe('an OAuth app’s addresses', () => {
  it('accepts an https home page and refuses http, other schemes and user names', () => {
    expect(homePageProblem('https://wallet.example/about')).toBeNull();
    for (const refused of [
      'http://wallet.example/',
      'javascript:alert(1)',
      'https://ana:pw@wallet.example/',
      'x',
    ])
      expect(homePageProblem(refused), refused).toMatchObject({ path: 'homePageUrl', code: 'https-only' });
  });

  it('accepts https redirect URIs and http only on localhost or 127.0.0.1', () => {
    for (const accepted of [
      'https://wallet.example/cb',
      'https://wallet.example:8443/cb?x=1',
      'http://localhost:3000/cb',
      'http://127.0.0.1/cb',
    ])
      expect(redirectUriProblem(accepted, 0), accepted).toBeNull();
    for (const refused of [
      'http://wallet.example/cb',
      'http://10.0.0.1/cb',
      'myapp://cb',
      'ftp://localhost/',
    ])
      expect(redirectUriProblem(refused, 1), refused).toMatchObject({
        path: 'redirectUris',
        code: 'redirect-uri',
        params: { number: 2 },
      });
  });

  it('refuses a redirect URI with a fragment', () => {
    expect(redirectUriProblem('https://wallet.example/cb#done', 0)).toMatchObject({
      code: 'redirect-uri-fragment',
    });
  });

  it('lists every problem, the home page first', () => {
    const problems = appProblems({
      homePageUrl: 'http://a.example',
      redirectUris: ['https://ok.example', 'nope'],
    });
    expect(problems.map((p) => [p.path, p.params?.number])).toEqual([
      ['homePageUrl', undefined],
      ['redirectUris', 2],
    ]);
  });
});

describe('an OAuth app’s client metadata', () => {
  it('describes a confidential code-flow client with the chosen scopes in the spec’s order, once each', () => {
    const metadata = clientMetadata(
      {
        name: 'Campus Wallet',
        homePageUrl: 'https://wallet.example/',
        redirectUris: ['https://wallet.example/cb', 'https://wallet.example/cb'],
        scopes: [OB_SCOPE.profileReadonly, OB_SCOPE.credentialReadonly, OB_SCOPE.profileReadonly],
      },
      { clientId: 'id-1', clientSecret: 'secret-1', issuedAt: new Date('2025-01-01T00:00:00Z') },
    );
    expect(metadata).toEqual({
      client_id: 'id-1',
      client_secret: 'secret-1',
      client_id_issued_at: 1735689600,
      client_secret_expires_at: 0,
      client_name: 'Campus Wallet',
      client_uri: 'https://wallet.example/',
      redirect_uris: ['https://wallet.example/cb'],
      scope: `${OB_SCOPE.credentialReadonly} ${OB_SCOPE.profileReadonly}`,
      application_type: 'web',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    });
  });
});
