// Pure rules of the identity context: lifetimes, token formats, scopes, email rules. No I/O.

export const SESSION_COOKIE = 'tessera_session';
/** A session ends 30 days after login at the latest, or after 7 days without use. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
/** Touching a session on every request would write on every request; once a minute is enough. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

export const VERIFY_EMAIL_HOURS = 24;
export const RESET_PASSWORD_MINUTES = 30;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** API tokens look like `tsr_<43 base64url chars>`; the prefix tells tokens apart in lists. */
export const API_TOKEN_PREFIX = 'tsr_';
export const API_TOKEN_DISPLAY_LENGTH = 12;

/**
 * What an API token may be allowed to do (docs/api.md lists what each covers); sessions may do whatever
 * the person's roles allow. Every route declares the one it needs (src/http/route-access.ts).
 */
export const API_TOKEN_SCOPES = [
  'read',
  'orgs:write',
  'catalog:write',
  'awards:write',
  'vc:issue',
  'commerce:write',
  'learning:write',
  'workforce:write',
] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The sliding expiry: idle limit from the last use, never past the absolute limit from creation. */
export function sessionExpiresAt(createdAt: Date, lastSeenAt: Date): Date {
  return new Date(
    Math.min(createdAt.getTime() + SESSION_ABSOLUTE_MS, lastSeenAt.getTime() + SESSION_IDLE_MS),
  );
}

export function sessionNeedsTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}

export interface EmailFacts {
  id: string;
  isPrimary: boolean;
  verifiedAt: Date | null;
}

/** Why an email may not be removed, or null when it may: an account keeps a primary, verified address. */
export function whyEmailCannotBeRemoved(emails: readonly EmailFacts[], id: string): string | null {
  const target = emails.find((e) => e.id === id);
  if (!target) return null;
  if (target.isPrimary)
    return 'The primary email cannot be removed; make another verified email primary first.';
  const otherVerified = emails.filter((e) => e.id !== id && e.verifiedAt !== null);
  if (target.verifiedAt !== null && otherVerified.length === 0) {
    return 'The last verified email cannot be removed.';
  }
  return null;
}

export function verifyEmailLink(publicUrl: string, token: string): string {
  return `${publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
}

export function resetPasswordLink(publicUrl: string, token: string): string {
  return `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
}

export const logInLink = (publicUrl: string): string => `${publicUrl}/login`;

/** Where someone asks for a password-reset mail (no token: the link itself grants nothing). */
export const forgotPasswordLink = (publicUrl: string): string => `${publicUrl}/forgot-password`;
