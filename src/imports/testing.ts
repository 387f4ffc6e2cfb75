// Test helpers of the imports context: an OB 2.0 issuer on a loopback HTTP server (hosted assertions,
// their BadgeClass and Profile, revocation by 410 Gone), and the environment that lets the app fetch it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { redSquarePng } from '../credentials/bake/test-support.ts';
import { bake } from '../credentials/index.ts';
import type { TestSession } from '../identity/testing.ts';
import { multipartForm } from '../verification/testing.ts';

/** The app may fetch http://127.0.0.1 (and nothing else): tests only; refused in production. */
export const LOOPBACK_VERIFY_ENV = { VERIFY_ALLOW_HOSTS: '127.0.0.1', VERIFY_ALLOW_PRIVATE: 'true' };

const CONTEXT = 'https://w3id.org/openbadges/v2';

export interface Ob2Issuer {
  base: string;
  /** Every path requested, in order. */
  hits: string[];
  /** Publishes a hosted assertion of a BadgeClass named `badgeName`; returns its URL. */
  anAssertion(path: string, badgeName: string, options?: { expires?: string }): string;
  /** From now on the assertion answers 410 Gone {revoked: true}. */
  revoke(path: string, reason: string): void;
  /** A PNG with the assertion URL baked in (format ob2-url). */
  bakedPng(assertionUrl: string): Buffer;
  close(): Promise<void>;
}

export async function anOb2Issuer(name = 'Old Guild'): Promise<Ob2Issuer> {
  const documents = new Map<string, { status: number; body: object }>();
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    const found = documents.get(request.url ?? '');
    response.writeHead(found?.status ?? 404, { 'content-type': 'application/ld+json' });
    response.end(JSON.stringify(found?.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  documents.set('/issuer', {
    status: 200,
    body: {
      '@context': CONTEXT,
      type: 'Profile',
      id: `${base}/issuer`,
      name,
      url: base,
      // OB 2.0 requires a contact email of an issuer Profile.
      email: 'badges@issuer.example',
    },
  });
  return {
    base,
    hits,
    anAssertion(path, badgeName, options = {}) {
      const badgePath = `/badges${path}`;
      documents.set(badgePath, {
        status: 200,
        body: {
          '@context': CONTEXT,
          type: 'BadgeClass',
          id: `${base}${badgePath}`,
          name: badgeName,
          description: 'A badge from elsewhere.',
          image: `${base}/badge.png`,
          criteria: { narrative: 'Done.' },
          issuer: `${base}/issuer`,
        },
      });
      documents.set(path, {
        status: 200,
        body: {
          '@context': CONTEXT,
          type: 'Assertion',
          id: `${base}${path}`,
          recipient: { type: 'email', hashed: false, identity: 'learner@example.org' },
          badge: `${base}${badgePath}`,
          verification: { type: 'hosted' },
          issuedOn: '2026-01-01T00:00:00Z',
          ...(options.expires ? { expires: options.expires } : {}),
        },
      });
      return `${base}${path}`;
    },
    revoke(path, reason) {
      documents.set(path, {
        status: 410,
        body: { id: `${base}${path}`, revoked: true, revocationReason: reason },
      });
    },
    bakedPng: (assertionUrl) => bake(redSquarePng(), { format: 'ob2-url', payload: assertionUrl }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** POST /api/v1/me/imported-badges with a JSON body. */
export function importJson(app: FastifyInstance, as: TestSession, body: object) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/me/imported-badges',
    headers: as.headers,
    payload: body,
  });
}

/** POST /api/v1/me/imported-badges with a file, as the web app's form sends it. */
export function importFile(app: FastifyInstance, as: TestSession, bytes: Buffer, filename = 'badge.png') {
  const type = filename.endsWith('.svg') ? 'image/svg+xml' : 'image/png';
  const form = multipartForm([{ name: 'file', filename, type, bytes }]);
  return app.inject({
    method: 'POST',
    url: '/api/v1/me/imported-badges',
    headers: { ...as.headers, ...form.headers },
    payload: form.payload,
  });
}
