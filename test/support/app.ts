// Builds the real application for a test file on its own database schema. Requests go through
// inject() (no port) unless a test starts listening itself (browser tests).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Deps } from '../../src/deps.ts';
import { buildApp } from '../../src/http/app.ts';
import type { Runtime } from '../../src/runtime.ts';
import { createTestRuntime, type TestRuntimeOptions } from './runtime.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  runtime: Runtime;
  close(): Promise<void>;
}

export interface TestAppOptions extends TestRuntimeOptions {
  serveWebApp?: boolean;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const runtime = await createTestRuntime(options);
  // Request lines only when the test captures them.
  const app = await buildApp(runtime.deps, {
    logger: options.logDestination !== undefined,
    serveWebApp: options.serveWebApp,
  });
  await app.ready();
  return {
    app,
    deps: runtime.deps,
    runtime,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}

/** The JSON body of a response, typed by the caller. */
export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return response.json() as T;
}
