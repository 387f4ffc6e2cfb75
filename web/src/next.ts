// Where to go after logging in: a same-site path only (never another site), carried through sign-up
// and the email-verification link (opened from the mail, often in another tab) in local storage.
const KEY = 'tessera.next';

export function safeNext(next: string | null | undefined): string | null {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}

export function rememberNext(next: string | null): void {
  try {
    if (next) localStorage.setItem(KEY, next);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage may be off (private browsing): the learner then opens the link again by hand.
  }
}

export function rememberedNext(): string | null {
  try {
    return safeNext(localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

/**
 * Pages the server renders itself (the OB 3.0 API's consent page, an LTI platform's sign-in agreement): reached by
 * a full page load, not the router.
 */
export function isServerPage(path: string): boolean {
  return path.startsWith('/oauth/') || path.startsWith('/lti/');
}
