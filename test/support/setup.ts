// Runs around every test file (vitest setupFiles): when the file ends, the schemas its runtimes used go back to
// the worker's pool for the next file (schema-pool.ts).
import { afterAll } from 'vitest';
import { releaseSchemas } from './schema-pool.ts';

afterAll(releaseSchemas);
