// The server-rendered verify page: a form, then the same page with the verdict, each check in words,
// what the badge claims; escaped, translated, under a strict Content-Security-Policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { didKeyIssuer } from '../credentials/testing/fixtures.ts';
import { plainCredential, referenceSign } from '../credentials/verify/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { aBakedDownload, anIssuedCredential, type IssuedForTest, multipartForm } from './testing.ts';

describe('the verify page', () => {
  let t: TestApp;
  let issued: IssuedForTest;

  beforeAll(async () => {
    t = await createTestApp();
    issued = await anIssuedCredential(t.app, t.deps, { email: 'zoe@example.org' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const postForm = (fields: Record<string, string>, query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/verify${query}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  it('shows a labelled form under a strict Content-Security-Policy, without inline scripts', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/verify' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain('<label for="credential">Badge URL, JSON or JWT</label>');
    expect(response.body).toContain('<label for="file">Or a badge image</label>');
    expect(response.body).toContain('<label for="email">Email address (optional)</label>');
    expect(response.body).not.toMatch(/<script|\son[a-z]+=/i);
  });

  it('answers a logged-in visitor with the page too: the form acts for nobody, so no CSRF token is needed', async () => {
    const visitor = await aLoggedInUser(t.app, t.deps);
    const response = await t.app.inject({
      method: 'POST',
      url: '/verify',
      headers: { ...visitor.cookieOnly, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ credential: JSON.stringify(issued.credential) }).toString(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('speaks Spanish when asked by ?lang= or by Accept-Language', async () => {
    const byQuery = await t.app.inject({ method: 'GET', url: '/verify?lang=es' });
    expect(byQuery.body).toContain('<html lang="es">');
    expect(byQuery.body).toContain('Verificar una insignia');
    const byHeader = await t.app.inject({
      method: 'GET',
      url: '/verify',
      headers: { 'accept-language': 'es-ES,es;q=0.9' },
    });
    expect(byHeader.body).toContain('<label for="credential">URL, JSON o JWT de la insignia</label>');
  });

  it('serves its stylesheet as a file', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/verify/verify.css' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/css');
    expect(response.body).toContain('.check-failed');
  });

  it('renders the verdict, every check in words and what a pasted JWT claims', async () => {
    const response = await postForm({ credential: issued.jwt });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Verified');
    expect(response.body).toContain('Every check passed');
    expect(response.body).toMatch(/<strong>Signature<\/strong>: <span class="status">Passed<\/span>/);
    expect(response.body).toMatch(/<strong>Not revoked or suspended<\/strong>: <span class="status">Passed/);
    expect(response.body).toContain('Gestión de nóminas — SAFe®');
    expect(response.body).toContain('An email address, published only as a salted hash');
    expect(response.body).not.toContain('Failed');
  });

  it('shows warnings apart from the checks: a legacy eddsa-2022 proof verifies, and says so', async () => {
    const issuer = didKeyIssuer();
    const signed = await referenceSign(plainCredential(issuer.id), issuer, { cryptosuiteName: 'eddsa-2022' });
    const response = await postForm({ credential: JSON.stringify(signed) });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Every check passed');
    expect(response.body).toContain('<h3>Worth knowing (decides nothing)</h3>');
    expect(response.body).toMatch(/<li class="warning" data-code="legacy-cryptosuite">.*eddsa-2022/);
  });

  it('checks an uploaded baked PNG and the email address, in Spanish', async () => {
    const png = await aBakedDownload(t.app, issued, 'png');
    const response = await t.app.inject({
      method: 'POST',
      url: '/verify?lang=es',
      ...multipartForm([
        { name: 'credential', value: '' },
        { name: 'file', filename: 'insignia.png', type: 'image/png', bytes: png },
        { name: 'email', value: 'zoe@example.org' },
      ]),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Verificada');
    expect(response.body).toContain('Sí: esta insignia se emitió a zoe@example.org.');
  });

  it('escapes a <script> carried in pasted input and shows what failed', async () => {
    const credential = { ...issued.credential, name: '<script>alert("badge")</script>' };
    const response = await postForm({
      credential: JSON.stringify(credential),
      email: '"><script>x</script>',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Not verified');
    expect(response.body).toMatch(/<strong>Signature<\/strong>: <span class="status">Failed<\/span>/);
    expect(response.body).toContain('&lt;script&gt;alert(&quot;badge&quot;)&lt;/script&gt;');
    expect(response.body).not.toMatch(/<script/i);
  });

  it('says why input is not a badge, escaping the reason', async () => {
    const credential = {
      ...issued.credential,
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://x.example/<script>'],
    };
    const response = await postForm({ credential: JSON.stringify(credential) });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('This is not a valid badge');
    expect(response.body).toContain('Code: VERIFY_CONTEXT_REFUSED');
    expect(response.body).toContain('https://x.example/&lt;script&gt;');
    expect(response.body).not.toMatch(/<script/i);
  });

  it('says the file is too large instead of reading more than 5 MB', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/verify',
      ...multipartForm([
        { name: 'file', filename: 'huge.png', type: 'image/png', bytes: Buffer.alloc(6 * 1024 * 1024, 1) },
      ]),
    });
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('The file is larger than 5 MB.');
  });

  it('asks for a badge when the form is sent empty', async () => {
    const response = await postForm({ credential: '  ', email: 'zoe@example.org' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Paste a badge URL, JSON or JWT, or choose a badge image.');
    expect(response.body).toContain('value="zoe@example.org"');
  });
});
