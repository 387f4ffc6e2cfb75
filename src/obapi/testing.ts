// Test helpers of the OB 3.0 API: a browser's trip through the authorization (cookies carried by hand, the
// consent form read from the page), a wallet connected that way, and a free loopback port for a server whose
// public URL must be known first.
import { createServer } from 'node:net';
import * as oauth from 'oauth4webapi';
import { OB_SCOPES } from './model.ts';

/** A port nobody listens on now (the server's public URL is fixed before it starts). */
export function aFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The cookies a browser would keep across the redirects (names only matter here, not paths). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  constructor(initial = '') {
    for (const part of initial.split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name) this.cookies.set(name, value.join('='));
    }
  }

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      if (/expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A hidden form field of a server-rendered page. */
export function hiddenField(html: string, name: string): string | undefined {
  return new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html)?.[1];
}

/** An app connected through the OB 3.0 API: its registered client and the tokens the learner's "Allow" gave it. */
export interface TestConnectedApp {
  clientId: string;
  clientSecret: string;
  accessToken: string;
  refreshToken: string | undefined;
}

/** A wallet registered by Dynamic Client Registration, and the authorization server it found by discovery. */
export interface TestWallet {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientSecret: string;
}

export const WALLET_REDIRECT_URI = 'https://wallet.example/callback';
const insecure = { [oauth.allowInsecureRequests]: true };

/** Discovery and, unless `again` names a client registered before, Dynamic Client Registration. */
export async function aWallet(
  base: string,
  options: { clientName: string; again?: { clientId: string; clientSecret: string } },
): Promise<TestWallet> {
  const issuer = new URL(`${base}/oauth`);
  const as = await oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure }),
  );
  const client: oauth.Client = options.again
    ? { client_id: options.again.clientId, client_secret: options.again.clientSecret }
    : await oauth.processDynamicClientRegistrationResponse(
        await oauth.dynamicClientRegistrationRequest(
          as,
          {
            client_name: options.clientName,
            redirect_uris: [WALLET_REDIRECT_URI],
            token_endpoint_auth_method: 'client_secret_basic',
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            // What a wallet registers for: every OB scope; each authorization asks for some of them.
            scope: OB_SCOPES.join(' '),
          },
          insecure,
        ),
      );
  return { as, client, clientSecret: client.client_secret as string };
}

/** One authorization through the learner's browser: whether the consent page asked, what it showed, the tokens. */
export interface TestAuthorization {
  /** The consent page was shown (false: the learner had allowed it all before). */
  asked: boolean;
  /** The consent page's HTML when it was shown, else ''. */
  page: string;
  tokens: oauth.TokenEndpointResponse;
}

/**
 * The learner's browser (their session cookie) through authorization: the consent page, when shown, is answered
 * Allow; the code is redeemed with PKCE. `prompt` is sent as is (`consent` asks again whatever was allowed).
 */
export async function authorizeWallet(
  base: string,
  sessionCookie: string,
  wallet: TestWallet,
  options: { scope: string; prompt?: string },
): Promise<TestAuthorization> {
  const { as, client, clientSecret } = wallet;
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint as string);
  url.search = new URLSearchParams({
    client_id: client.client_id,
    redirect_uri: WALLET_REDIRECT_URI,
    response_type: 'code',
    scope: options.scope,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(options.prompt ? { prompt: options.prompt } : {}),
  }).toString();
  const jar = new CookieJar(sessionCookie);
  const go = async (href: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(href, base), {
      ...init,
      redirect: 'manual',
      headers: { cookie: jar.header(), ...init.headers },
    });
    jar.keep(response);
    return response;
  };
  const interaction = (await go(url.href)).headers.get('location') ?? '';
  let response = await go(interaction);
  const asked = response.status === 200;
  const page = asked ? await response.text() : '';
  if (asked) {
    response = await go(interaction, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: hiddenField(page, 'csrf') ?? '', decision: 'allow' }),
    });
  }
  while (response.status === 302 || response.status === 303) {
    const location = response.headers.get('location') ?? '';
    if (location.startsWith(WALLET_REDIRECT_URI)) break;
    response = await go(location);
  }
  const callback = new URL(response.headers.get('location') ?? '', base);
  const params = oauth.validateAuthResponse(as, client, callback, state);
  const tokens = await oauth.processAuthorizationCodeResponse(
    as,
    client,
    await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(clientSecret),
      params,
      WALLET_REDIRECT_URI,
      codeVerifier,
      insecure,
    ),
  );
  return { asked, page, tokens };
}

/**
 * What a wallet does to connect to a learner's account on a server listening at `base`: it registers by Dynamic
 * Client Registration (unless `again` names a client registered before), sends the learner's browser (their
 * session cookie) through authorization and the consent page, where they allow it (unless they had allowed it
 * all before), and redeems the code with PKCE.
 */
export async function aConnectedApp(
  base: string,
  sessionCookie: string,
  options: { clientName: string; scope: string; again?: TestConnectedApp },
): Promise<TestConnectedApp> {
  const wallet = await aWallet(base, options);
  const { tokens } = await authorizeWallet(base, sessionCookie, wallet, { scope: options.scope });
  return {
    clientId: wallet.client.client_id,
    clientSecret: wallet.clientSecret,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
  };
}
