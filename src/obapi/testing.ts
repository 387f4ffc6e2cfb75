// Test helpers of the OB 3.0 API: a browser's trip through the authorization (cookies carried by hand, the
// consent form read from the page) and a free loopback port for a server whose public URL must be known first.
import { createServer } from 'node:net';

/** A port nobody listens on now (the server's public URL is fixed before it starts). */
export function aFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The cookies a browser would keep across the redirects (names only matter here, not paths). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  constructor(initial = '') {
    for (const part of initial.split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name) this.cookies.set(name, value.join('='));
    }
  }

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      if (/expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A hidden form field of a server-rendered page. */
export function hiddenField(html: string, name: string): string | undefined {
  return new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html)?.[1];
}
