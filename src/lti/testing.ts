// A platform (LMS) simulated in-process on loopback for the LTI tests: its own RS256 key pair and JWKS, an
// OIDC authorization endpoint that answers the login redirect with the id_token form post, a token endpoint
// that checks the tool's JWT assertion against the tool's JWKS, AGS line items and results, NRPS membership.
// The lists are paged as platforms page them: `limit` per page (the tool's, else `pageSize`, 2 by default), the
// next page named by a `Link: <…>; rel="next"` header; `misdirectPaging` makes the membership's paging hostile.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JSONWebKeySet,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import { CLAIMS, MEDIA, SCOPES } from './model.ts';

export interface SimUser {
  sub: string;
  email: string;
  name: string;
}

/** What the next launch carries; tests change it to make bad launches. */
export interface NextLaunch {
  kind: 'resource' | 'deep-link';
  user: SimUser;
  roles?: string[];
  custom?: Record<string, string>;
  deploymentId?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Sign with a key the platform's JWKS does not hold (same kid). */
  forgeSignature?: boolean;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

export async function aSimulatedPlatform(options: {
  clientId: string;
  deploymentId: string;
  /** The tool's JWKS as the platform reads it (an inject() of GET /lti/jwks.json). */
  toolJwks: () => Promise<JSONWebKeySet>;
  /** Entries per page when the tool asks no `limit` (default 2). */
  pageSize?: number;
}) {
  const keys = await generateKeyPair('RS256', { extractable: true });
  const forged = await generateKeyPair('RS256', { extractable: true });
  const kid = 'platform-key-1';
  const publicJwk: JWK = { ...(await exportJWK(keys.publicKey)), kid, alg: 'RS256', use: 'sig' };
  const tokens = new Map<string, string[]>();
  /** Line items by number (1: the final exam), each with its results by user sub. */
  const lineItems = new Map<
    number,
    { label: string; scoreMaximum: number; results: Map<string, number | null> }
  >([[1, { label: 'Final exam', scoreMaximum: 100, results: new Map() }]]);
  const members: SimUser[] = [];
  const served: string[] = [];
  let misdirect: 'other-origin' | 'loop' | undefined;
  const granted: { scopes: string[]; assertionIss: string }[] = [];
  let next: NextLaunch | undefined;
  let base = '';
  const contextId = 'ctx-algebra-101';
  const lineItemId = (n = 1) => `${base}/courses/${contextId}/lineitems/${n}?type=assignment`;

  /** One page of a list: `limit` entries from `page` (1-based), and the Link header naming the next page. */
  function paged<T>(url: URL, all: T[], list: 'members' | 'other') {
    const limit = Math.max(1, Number(url.searchParams.get('limit')) || (options.pageSize ?? 2));
    const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
    const entries = all.slice((page - 1) * limit, page * limit);
    let next: string | undefined;
    if (page * limit < all.length) {
      const following = new URL(url.href);
      following.searchParams.set('page', String(page + 1));
      next = following.href;
    }
    if (list === 'members' && misdirect === 'other-origin' && next)
      next = `https://lms.elsewhere.example${url.pathname}?page=${page + 1}`;
    if (list === 'members' && misdirect === 'loop' && page === 2) {
      const first = new URL(url.href);
      first.searchParams.delete('page');
      next = first.href;
    }
    const headers: Record<string, string> = next ? { link: `<${next}>; rel="next"` } : {};
    return { entries, headers };
  }

  async function idToken(nonce: string): Promise<string> {
    if (!next) throw new Error('no launch prepared');
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      nonce,
      azp: options.clientId,
      email: next.user.email,
      name: next.user.name,
      [CLAIMS.version]: '1.3.0',
      [CLAIMS.deploymentId]: next.deploymentId ?? options.deploymentId,
      [CLAIMS.roles]: next.roles ?? ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
      [CLAIMS.context]: { id: contextId, title: 'Algebra 101' },
      [CLAIMS.ags]: {
        scope: [SCOPES.lineItemRead, SCOPES.resultRead],
        lineitems: `${base}/courses/${contextId}/lineitems`,
      },
      [CLAIMS.nrps]: {
        context_memberships_url: `${base}/courses/${contextId}/memberships`,
        service_versions: ['2.0'],
      },
    };
    if (next.kind === 'resource') {
      claims[CLAIMS.messageType] = 'LtiResourceLinkRequest';
      claims[CLAIMS.resourceLink] = { id: 'rl-1', title: 'Tessera course' };
      claims[CLAIMS.targetLinkUri] = 'https://tool.example/lti/launch';
      if (next.custom) claims[CLAIMS.custom] = next.custom;
    } else {
      claims[CLAIMS.messageType] = 'LtiDeepLinkingRequest';
      claims[CLAIMS.deepLinkingSettings] = {
        deep_link_return_url: `${base}/deep-link-return`,
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['window', 'iframe'],
        data: 'opaque-platform-data',
      };
    }
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(base)
      .setAudience(options.clientId)
      .setSubject(next.user.sub)
      .setIssuedAt(now - 5)
      .setExpirationTime(now + (next.expiresIn ?? 300))
      .sign(next.forgeSignature ? forged.privateKey : keys.privateKey);
  }

  const json = (
    response: ServerResponse,
    status: number,
    body: unknown,
    type = 'application/json',
    headers: Record<string, string> = {},
  ) => response.writeHead(status, { ...headers, 'content-type': type }).end(JSON.stringify(body));

  function bearerScopes(request: IncomingMessage): string[] | undefined {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    return token ? tokens.get(token) : undefined;
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', base);
    const path = url.pathname;
    if (path === '/jwks') return json(response, 200, { keys: [publicJwk] });
    if (path === '/auth') {
      const q = url.searchParams;
      const ok =
        q.get('client_id') === options.clientId &&
        q.get('response_type') === 'id_token' &&
        q.get('response_mode') === 'form_post' &&
        q.get('scope') === 'openid' &&
        q.get('prompt') === 'none' &&
        q.get('login_hint') === next?.user.sub;
      if (!ok) return json(response, 400, { error: 'invalid_request' });
      const form = `<!doctype html><form method="post" action="${attr(q.get('redirect_uri') ?? '')}">
<input type="hidden" name="id_token" value="${attr(await idToken(q.get('nonce') ?? ''))}">
<input type="hidden" name="state" value="${attr(q.get('state') ?? '')}"></form>`;
      return response.writeHead(200, { 'content-type': 'text/html' }).end(form);
    }
    if (path === '/token' && request.method === 'POST') {
      const form = new URLSearchParams(await readBody(request));
      try {
        if (form.get('grant_type') !== 'client_credentials') throw new Error('grant');
        if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
          throw new Error('assertion type');
        const { payload } = await jwtVerify(
          form.get('client_assertion') ?? '',
          createLocalJWKSet(await options.toolJwks()),
          { issuer: options.clientId, subject: options.clientId, audience: `${base}/token` },
        );
        const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
        const token = randomUUID();
        tokens.set(token, scopes);
        granted.push({ scopes, assertionIss: String(payload.iss) });
        return json(response, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
      } catch {
        return json(response, 401, { error: 'invalid_client' });
      }
    }
    const scopes = bearerScopes(request);
    served.push(`${path}${url.search}`);
    if (path === `/courses/${contextId}/lineitems`) {
      if (!scopes?.includes(SCOPES.lineItemRead)) return json(response, 401, { error: 'unauthorized' });
      const all = [...lineItems].map(([n, item]) => ({
        id: lineItemId(n),
        label: item.label,
        scoreMaximum: item.scoreMaximum,
        resourceLinkId: 'rl-1',
      }));
      const { entries, headers } = paged(url, all, 'other');
      return json(response, 200, entries, MEDIA.lineItems, headers);
    }
    const resultsOf = /^\/courses\/[^/]+\/lineitems\/(\d+)\/results$/.exec(path);
    const item = resultsOf && lineItems.get(Number(resultsOf[1]));
    if (resultsOf && item && url.searchParams.get('type') === 'assignment') {
      if (!scopes?.includes(SCOPES.resultRead)) return json(response, 401, { error: 'unauthorized' });
      const n = Number(resultsOf[1]);
      const all = [...item.results].map(([userId, score]) => ({
        id: `${lineItemId(n)}/results/${userId}`,
        scoreOf: lineItemId(n),
        userId,
        resultScore: score,
        resultMaximum: item.scoreMaximum,
      }));
      const { entries, headers } = paged(url, all, 'other');
      return json(response, 200, entries, MEDIA.results, headers);
    }
    if (path === `/courses/${contextId}/memberships`) {
      if (!scopes?.includes(SCOPES.membershipRead)) return json(response, 401, { error: 'unauthorized' });
      const { entries, headers } = paged(url, members, 'members');
      return json(
        response,
        200,
        {
          id: `${base}${path}`,
          context: { id: contextId, title: 'Algebra 101' },
          members: entries.map((m) => ({
            status: 'Active',
            user_id: m.sub,
            email: m.email,
            name: m.name,
            roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
          })),
        },
        MEDIA.memberships,
        headers,
      );
    }
    return json(response, 404, { error: 'not found' });
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    registration: {
      name: 'Simulated LMS',
      issuer: base,
      clientId: options.clientId,
      deploymentIds: [options.deploymentId],
      authUrl: `${base}/auth`,
      tokenUrl: `${base}/token`,
      jwksUrl: `${base}/jwks`,
    },
    lineItemUrl: lineItemId,
    returnUrl: () => `${base}/deep-link-return`,
    prepare(launch: NextLaunch) {
      next = launch;
    },
    /** A result of a line item (1, the final exam, unless another is named). */
    setResult(sub: string, score: number | null, item = 1) {
      lineItems.get(item)?.results.set(sub, score);
    },
    /** Adds a line item (a gradebook column); its number for setResult and lineItemUrl. */
    addLineItem(label: string, scoreMaximum = 100): number {
      const n = lineItems.size + 1;
      lineItems.set(n, { label, scoreMaximum, results: new Map() });
      return n;
    },
    addMember(user: SimUser) {
      members.push(user);
    },
    /** The membership's next links lead to another origin, or page 2 leads back to page 1. */
    misdirectPaging(how: 'other-origin' | 'loop' | undefined) {
      misdirect = how;
    },
    /** Paths (with their query) of the service requests answered, in order. */
    served,
    granted,
    /** A fresh id_token for a nonce, as the platform would sign it (replays and forgeries in tests). */
    idToken,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SimulatedPlatform = Awaited<ReturnType<typeof aSimulatedPlatform>>;
