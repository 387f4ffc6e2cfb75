// The session cookie: httpOnly, SameSite=Lax, Secure when the public URL is https, for the whole site.
import type { Deps } from '../deps.ts';
import { SESSION_COOKIE } from './model.ts';

interface CookieOptions {
  httpOnly: boolean;
  sameSite: 'lax';
  secure: boolean;
  path: string;
  expires?: Date;
}

/** What @fastify/cookie adds to a reply (kept structural, so only http code knows Fastify). */
export interface CookieJar {
  setCookie(name: string, value: string, options: CookieOptions): unknown;
  clearCookie(name: string, options: CookieOptions): unknown;
}

function cookieOptions(deps: Deps): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.publicUrl.startsWith('https:'),
    path: '/',
  };
}

export function setSessionCookie(reply: CookieJar, deps: Deps, token: string, expiresAt: Date): void {
  // The cookie lives until the absolute limit; the idle limit is enforced by the server.
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(deps), expires: expiresAt });
}

export function clearSessionCookie(reply: CookieJar, deps: Deps): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(deps));
}
