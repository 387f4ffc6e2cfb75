// Public face of the OB 3.0 API context: the 1EdTech Open Badges 3.0 REST API and its OAuth 2.0 server.
export { oauthSweepTicker } from './jobs.ts';
export { OB_API_PREFIX, OB_SCOPE, OB_SCOPES } from './model.ts';
export { obApiPlugin } from './obapi-routes.ts';
export type { ObApiTables } from './tables.ts';
