// Forgetting what the OAuth server no longer needs: expired codes, sessions, interactions, tokens and grants are
// ignored when read (adapter.ts) and deleted here, so the table holds what is still alive.
import type { Ticker } from '../jobs/ticker.ts';
import { deleteExpiredOAuthModels } from './adapter.ts';

export const oauthSweepTicker: Ticker = {
  name: 'obapi.oauth-sweep',
  everySeconds: 60 * 60,
  async run(deps) {
    const deleted = await deleteExpiredOAuthModels(deps.db, deps.now());
    if (deleted > 0) deps.log.info({ deleted }, 'Expired OAuth records deleted');
  },
};
