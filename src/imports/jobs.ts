// The imports context's periodic task: re-verify imported badges so a revocation at the source shows.
import type { Ticker } from '../jobs/ticker.ts';
import { reverifyStaleImports } from './service.ts';

export const reverifyImportsTicker: Ticker = {
  name: 'imports.reverify',
  everySeconds: 600,
  run: (deps) => reverifyStaleImports(deps),
};
