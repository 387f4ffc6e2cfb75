// The consent page names the client safely: its name escaped, its home page a link only when it is a web address,
// and the organization that publishes it, when one does.
import { describe, expect, it } from 'vitest';
import { renderConsentPage } from './consent-page.ts';
import { OB_SCOPE } from './model.ts';

const facts = (clientName: string, clientUri: string | null, publisher: string | null = null) => ({
  locale: 'en',
  uid: 'uid-1',
  clientName,
  clientUri,
  publisher,
  userName: 'Ana',
  scopes: [OB_SCOPE.credentialReadonly],
  csrfToken: 'csrf-1',
});

describe('the OAuth consent page', () => {
  it('links the client’s home page when it is a web address', () => {
    const page = renderConsentPage(facts('Pocket Wallet', 'https://wallet.example/'));
    expect(page).toContain('<a class="consent-client" href="https://wallet.example/"');
  });

  it('shows a client whose home page has another scheme without a link, and escapes its name', () => {
    const page = renderConsentPage(facts('<img src=x onerror=alert(1)>', 'javascript:alert(1)'));
    expect(page).not.toContain('javascript:');
    expect(page).not.toContain('<img');
    expect(page).toContain('<strong class="consent-client">&lt;img');
  });

  it('names the organization that publishes the app, escaped, in the reader’s language', () => {
    const page = renderConsentPage(facts('Campus Wallet', null, 'Ada & Co <Academy>'));
    expect(page).toContain('<p class="consent-publisher">Published by Ada &amp; Co &lt;Academy&gt;</p>');
    const spanish = renderConsentPage({ ...facts('Campus Wallet', null, 'Ada Academy'), locale: 'es' });
    expect(spanish).toContain('<p class="consent-publisher">Publicada por Ada Academy</p>');
  });

  it('names no publisher for an app that registered itself', () => {
    expect(renderConsentPage(facts('Pocket Wallet', null))).not.toContain('consent-publisher');
  });
});
