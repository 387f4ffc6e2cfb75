// TLS_CERT / TLS_KEY: the server speaks HTTPS itself (for the VC-API on loopback, conformance suites).
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';
import { createTestRuntime } from './support/runtime.ts';

const certPath = new URL('./fixtures/tls-test-cert.pem', import.meta.url).pathname;
const keyPath = new URL('./fixtures/tls-test-key.pem', import.meta.url).pathname;

describe('serving HTTPS', () => {
  it('answers over TLS with the configured certificate', async () => {
    const runtime = await createTestRuntime();
    const app = await buildApp(runtime.deps, {
      logger: false,
      https: { cert: readFileSync(certPath), key: readFileSync(keyPath) },
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as { port: number };
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/health', ca: readFileSync(certPath) },
          (res) => {
            let data = '';
            res.on('data', (chunk) => {
              data += chunk;
            });
            res.on('end', () => resolve(data));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(JSON.parse(body)).toEqual({ status: 'ok' });
    } finally {
      await app.close();
      await runtime.close();
    }
  });

  it('refuses a certificate without its key, naming both variables', () => {
    expect(() => loadConfig({ TLS_CERT: certPath })).toThrow(ConfigError);
    expect(() => loadConfig({ TLS_CERT: certPath })).toThrow(/TLS_CERT and TLS_KEY/);
  });

  it('builds https public URLs when TLS is on', () => {
    expect(loadConfig({ TLS_CERT: certPath, TLS_KEY: keyPath, PORT: '8443' }).publicUrl).toBe(
      'https://localhost:8443',
    );
  });
});
