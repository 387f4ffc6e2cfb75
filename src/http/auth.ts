// Who is calling: resolves `request.actor` from the session cookie or an API token, refuses
// cookie-authenticated writes without the session's CSRF token, and enforces each route's declared
// access (route-access.ts) before anything else runs. Runs for every route of the app.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Deps } from '../deps.ts';
import {
  type Actor,
  clearSessionCookie,
  requireActor as requireActorOf,
  resolveApiToken,
  resolveSession,
  SESSION_COOKIE,
  type SessionRow,
  safeEqual,
} from '../identity/index.ts';
import { membershipRolesOf } from '../orgs/index.ts';
import { problem, sendProblem } from './problem.ts';
import { checkAccess, declaredAccess, routeAccessOf, UNSAFE_METHODS } from './route-access.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, or null when anonymous. */
    actor: Actor | null;
    /** The cookie session behind `actor`, when there is one (logout, org switch). */
    authSession: SessionRow | null;
  }
}

export const CSRF_HEADER = 'x-csrf-token';

export async function authPlugin(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  app.decorateRequest('actor', null);
  app.decorateRequest('authSession', null);
  // A route registered after this plugin without saying who may call it stops the app from starting: no
  // route can forget the decision. Checked when ready, so a plugin's own onRoute hook may still declare it.
  const undeclared: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    if (routeAccessOf(route.config)) declaredAccess(route);
    else undeclared.push(route);
  });
  app.addHook('onReady', async () => {
    for (const route of undeclared) declaredAccess(route);
  });
  app.addHook('onRequest', async (request, reply) => {
    request.actor = null;
    request.authSession = null;
    const access = routeAccessOf(request.routeOptions.config);
    // Public forms that act for nobody (e.g. POST /verify) opt out: the request stays anonymous, so a
    // logged-in visitor's cookie neither helps nor needs a CSRF token there.
    if (access?.kind === 'sessionless') return;
    const bearer = bearerToken(request);
    const cookie = request.cookies[SESSION_COOKIE];
    if (bearer !== undefined) await authenticateToken(deps, request, reply, bearer);
    else if (cookie) await authenticateSession(deps, request, reply, cookie);
    if (reply.sent) return reply;
    // Before validation and before any lookup: a token without the scope learns nothing about resources.
    if (access) checkAccess(access, request.actor);
  });
}
// Hooks and decorations apply to the whole app, not only inside this plugin (what fastify-plugin does).
(authPlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

/** For routes: the caller, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  return requireActorOf(request.actor);
}

/** Only our own tokens (`tsr_…`); other bearer tokens (OAuth access tokens) are left to their routes. */
function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(tsr_\S+)$/i.exec(header) : null;
  return match?.[1];
}

async function authenticateToken(deps: Deps, request: FastifyRequest, reply: FastifyReply, token: string) {
  const found = await resolveApiToken(deps, token);
  if (!found) {
    return sendProblem(
      reply,
      problem('unauthenticated', 401, 'This API token is unknown or revoked.', request),
    );
  }
  const { apiToken, user } = found;
  const roles = await membershipRolesOf(deps, user.id);
  request.actor = {
    user: { id: user.id, name: user.name, isOperator: user.isOperator },
    via: 'api-token',
    // A token bound to an organization acts only within it.
    memberships: apiToken.orgId ? roles.filter((m) => m.orgId === apiToken.orgId) : roles,
    activeOrgId: apiToken.orgId,
    scopes: apiToken.scopes,
  };
}

async function authenticateSession(deps: Deps, request: FastifyRequest, reply: FastifyReply, cookie: string) {
  const found = await resolveSession(deps, cookie);
  if (!found) {
    // An ended session is the same as none: the request goes on anonymous and the browser forgets it.
    clearSessionCookie(reply, deps);
    return;
  }
  const { session, user } = found;
  if (UNSAFE_METHODS.has(request.method) && !hasValidCsrfToken(request, session)) {
    return sendProblem(
      reply,
      problem(
        'csrf-failed',
        403,
        'Send the X-CSRF-Token header with the token from login or GET /api/v1/auth/session.',
        request,
      ),
    );
  }
  const memberships = await membershipRolesOf(deps, user.id);
  request.authSession = session;
  request.actor = {
    user: { id: user.id, name: user.name, isOperator: user.isOperator },
    via: 'session',
    memberships,
    activeOrgId: memberships.some((m) => m.orgId === session.activeOrgId) ? session.activeOrgId : null,
    scopes: 'all',
  };
}

function hasValidCsrfToken(request: FastifyRequest, session: SessionRow): boolean {
  const sent = request.headers[CSRF_HEADER];
  return typeof sent === 'string' && safeEqual(sent, session.csrfToken);
}
