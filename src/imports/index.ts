// Public face of the imports context: badges learners bring from other issuers.
export { reverifyImportsTicker } from './jobs.ts';
export { importPublicRoutes } from './public-routes.ts';
export { importRoutes } from './routes.ts';
export {
  importBadge,
  type PublicImportedBadge,
  type PublicImportPayload,
  publicImportedBadgesOf,
  publicImportPayloads,
  reverifyStaleImports,
} from './service.ts';
export type { ImportsTables } from './tables.ts';
export { CredentialRefusedError, type UpsertOutcome, upsertPushedCredential } from './upsert.ts';
