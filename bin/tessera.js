#!/usr/bin/env node
// The `tessera` command. Runs the TypeScript sources directly through tsx (no separate build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
