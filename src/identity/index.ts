// Public face of the identity context: accounts, sessions, API tokens, and the actor checks others reuse.
export { hasScope, requireActor, requireScope, requireSession } from './access.ts';
export type { Actor } from './actor.ts';
export { type AccountContact, accountContact, accountIdByVerifiedEmail } from './contacts.ts';
export { clearSessionCookie, setSessionCookie } from './cookies.ts';
export { maskEmail } from './email-mask.ts';
export { API_TOKEN_SCOPES, type ApiTokenScope, SESSION_COOKIE } from './model.ts';
export { identityRoutes } from './routes.ts';
export { safeEqual } from './secrets.ts';
export {
  createUser,
  findUserByEmail,
  findUserIdByVerifiedEmail,
  type NewUser,
  type UserWithEmails,
  userSummaries,
  verifiedEmailsOf,
} from './service.ts';
export { openExternalSession, resolveApiToken, resolveSession } from './sessions.ts';
export type { SessionRow, UserRow } from './store.ts';
