// Public face of the issuing context.
export { changeCredentialState, type StateChange } from './credential-state.ts';
export { type IssueRequest, issueCredential } from './issue.ts';
export { didDocumentOf, issuerDid, signingIdentity } from './issuer-keys.ts';
export { loadKeyEncryptionKey } from './key-encryption-key.ts';
export { issuingPublicRoutes, ob2HostedRoutes } from './public-routes.ts';
export { issuingRoutes } from './routes.ts';
export { ownCredentialStateAt, publishedStatusList } from './status-lists.ts';
export type { IssuedCredentialRow } from './store.ts';
