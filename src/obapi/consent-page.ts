// The learner's answer to an app asking for the OB 3.0 API: which app (by the name it registered, and the
// organization that publishes it, if one does), what it may do (the scopes, in words), Allow or Deny.
// Server-rendered, one form, no script.
import { escapeHtml } from '../html/index.ts';
import { translate } from '../i18n/index.ts';
import { type ObScope, scopeLabelKey } from './model.ts';

function shell(locale: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/verify/verify.css">
<style>.consent-actions{display:flex;gap:1rem;flex-wrap:wrap;margin-top:1.5rem}
.consent-actions button{font:inherit;font-weight:600;padding:.6rem 1.4rem;border-radius:.375rem;border:2px solid #0550ae;cursor:pointer}
.consent-actions .allow{background:#0550ae;color:#fff}.consent-actions .deny{background:#fff;color:#0550ae}
.consent-client{overflow-wrap:anywhere}</style>
</head>
<body>
<header class="site"><a class="brand" href="/">Tessera</a></header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

// The app's name goes in as a link or in bold, so the sentence is translated around a marker.
const CLIENT_MARK = '\u0000client\u0000';

export interface ConsentFacts {
  locale: string;
  uid: string;
  clientName: string;
  clientUri: string | null;
  /** The organization that publishes the app (its OAuth apps page); null for an app that registered itself. */
  publisher: string | null;
  userName: string;
  scopes: ObScope[];
  csrfToken: string;
}

export function renderConsentPage(facts: ConsentFacts): string {
  const { locale } = facts;
  const t = (key: string, vars: Record<string, string> = {}) => escapeHtml(translate(locale, key, vars));
  // Only a web address becomes a link (a client's own metadata is not trusted to name a safe scheme).
  const client =
    facts.clientUri && /^https?:\/\//i.test(facts.clientUri)
      ? `<a class="consent-client" href="${escapeHtml(facts.clientUri)}" rel="noopener noreferrer">${escapeHtml(facts.clientName)}</a>`
      : `<strong class="consent-client">${escapeHtml(facts.clientName)}</strong>`;
  const scopes = facts.scopes.map((scope) => `<li>${t(scopeLabelKey(scope))}</li>`).join('\n');
  return shell(
    locale,
    translate(locale, 'obApi.consent.title'),
    `<p>${translate(locale, 'obApi.consent.asks', { client: CLIENT_MARK })
      .split(CLIENT_MARK)
      .map((part) => escapeHtml(part))
      .join(client)}</p>
${facts.publisher ? `<p class="consent-publisher">${t('obApi.consent.publishedBy', { org: facts.publisher })}</p>\n` : ''}<p>${t('obApi.consent.signedInAs', { name: facts.userName })}</p>
<h2>${t('obApi.consent.scopesTitle')}</h2>
<ul>
${scopes}
</ul>
<p>${t('obApi.consent.revoke')}</p>
<form method="post" action="/oauth/interaction/${escapeHtml(facts.uid)}">
<input type="hidden" name="csrf" value="${escapeHtml(facts.csrfToken)}">
<div class="consent-actions">
<button class="allow" type="submit" name="decision" value="allow">${t('obApi.consent.allow')}</button>
<button class="deny" type="submit" name="decision" value="deny">${t('obApi.consent.deny')}</button>
</div>
</form>`,
  );
}

export function renderInteractionErrorPage(locale: string): string {
  const t = (key: string) => escapeHtml(translate(locale, key));
  return shell(
    locale,
    translate(locale, 'obApi.consent.expiredTitle'),
    `<p>${t('obApi.consent.expired')}</p>
<p><a href="/">${t('obApi.consent.home')}</a></p>`,
  );
}

/** What an app connected through the OB 3.0 API may see and change (the discovery document links here). */
export function renderPrivacyPage(locale: string): string {
  const t = (key: string) => escapeHtml(translate(locale, key));
  return shell(
    locale,
    translate(locale, 'obApi.privacy.title'),
    `<p>${t('obApi.privacy.intro')}</p>
<ul>
<li>${t('obApi.scope.credential_readonly')}</li>
<li>${t('obApi.scope.credential_upsert')}</li>
<li>${t('obApi.scope.profile_readonly')}</li>
<li>${t('obApi.scope.profile_update')}</li>
</ul>
<p>${t('obApi.privacy.consent')}</p>
<p>${t('obApi.privacy.tokens')}</p>
<p><a href="/">${t('obApi.consent.home')}</a></p>`,
  );
}

/** The host's image in the discovery document (x-imssf-image): Tessera's mark. */
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" role="img" aria-label="Tessera">
<rect width="64" height="64" rx="12" fill="#0550ae"/>
<rect x="12" y="12" width="18" height="18" rx="3" fill="#fff"/><rect x="34" y="12" width="18" height="18" rx="3" fill="#9ecbff"/>
<rect x="12" y="34" width="18" height="18" rx="3" fill="#9ecbff"/><rect x="34" y="34" width="18" height="18" rx="3" fill="#fff"/>
</svg>`;
