// Who may call a route, declared in its options and nowhere else: the auth plugin enforces it on every
// request and refuses to register a route that declares nothing; openapi.ts documents it per operation.
//   config: { scope: 'awards:write' }          signed in; an API token also needs that scope
//   config: { auth: 'public' }                 anyone (a caller is still resolved, e.g. for logout)
//   config: { auth: 'public', scope: 'read' }  anyone; an API token still needs the scope
//   config: { auth: 'session' }               a logged-in person only, never an API token
//   config: { auth: 'sessionless' }           a public form acting for nobody: cookie and token ignored
// Roles stay with the services (requireMembership); a scope is only the ceiling of what a token may do.
import type { HTTPMethods } from 'fastify';
import { type Actor, type ApiTokenScope, requireScope, requireSession } from '../identity/index.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope an API token needs on this route (see src/http/route-access.ts). */
    scope?: ApiTokenScope;
    /** Routes open to more than signed-in callers, or only to sessions (see src/http/route-access.ts). */
    auth?: 'public' | 'session' | 'sessionless';
  }
}

export type RouteAccess =
  | { kind: 'signed-in'; scope: ApiTokenScope }
  | { kind: 'public'; scope: ApiTokenScope | null }
  | { kind: 'session' }
  | { kind: 'sessionless' };

interface AccessConfig {
  scope?: ApiTokenScope;
  auth?: 'public' | 'session' | 'sessionless';
}

interface RouteDeclaration {
  method: HTTPMethods | HTTPMethods[];
  url: string;
  config?: unknown;
}

const READ_METHODS = new Set(['GET', 'HEAD']);
export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The access a route's config declares, or null when it declares none (the not-found handler). */
export function routeAccessOf(config: unknown): RouteAccess | null {
  const { scope, auth } = (config ?? {}) as AccessConfig;
  if (auth === 'session' || auth === 'sessionless') return { kind: auth };
  if (auth === 'public') return { kind: 'public', scope: scope ?? null };
  return scope ? { kind: 'signed-in', scope } : null;
}

/** For registration: the route's access, or an error that tells its author what to write. */
export function declaredAccess(route: RouteDeclaration): RouteAccess {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const where = `${methods.join(',')} ${route.url}`;
  const { scope, auth } = (route.config ?? {}) as AccessConfig;
  const access = routeAccessOf(route.config);
  if (!access) {
    throw new Error(
      `${where} declares no access: add config: { scope: '<API token scope>' } or ` +
        "config: { auth: 'public' | 'session' | 'sessionless' } to its options (see src/http/route-access.ts).",
    );
  }
  if (scope && (auth === 'session' || auth === 'sessionless')) {
    throw new Error(`${where} declares both auth: '${auth}' and a scope; an API token never reaches it.`);
  }
  // Reading is one permission: every GET a token may make needs `read`, and nothing more.
  if (scope && scope !== 'read' && methods.some((m) => READ_METHODS.has(m))) {
    throw new Error(`${where} declares scope '${scope}'; a GET needs 'read'.`);
  }
  return access;
}

/** Throws the domain error (401 or 403) when the caller may not use a route with this access. */
export function checkAccess(access: RouteAccess, actor: Actor | null): void {
  switch (access.kind) {
    case 'signed-in':
      requireScope(actor, access.scope);
      return;
    case 'public':
      if (actor && access.scope) requireScope(actor, access.scope);
      return;
    case 'session':
      requireSession(actor);
      return;
    case 'sessionless':
      return;
  }
}

type SecurityRequirement = Record<string, string[]>;

/** The OpenAPI `security` of an operation: a bearer API token with its scope, or the session cookie. */
export function securityOf(access: RouteAccess, method: string): SecurityRequirement[] {
  const session: SecurityRequirement = UNSAFE_METHODS.has(method)
    ? { session: [], csrf: [] }
    : { session: [] };
  switch (access.kind) {
    case 'signed-in':
      return [{ bearer: [access.scope] }, session];
    case 'public':
      return access.scope ? [{}, { bearer: [access.scope] }, session] : [];
    case 'session':
      return [session];
    case 'sessionless':
      return [];
  }
}
