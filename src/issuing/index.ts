// Public face of the issuing context.
export {
  BADGE_PALETTES,
  BADGE_TEMPLATES,
  type BadgeDesign,
  type BadgeTemplate,
  designProblems,
  generatedDesign,
  MAX_SUBTITLE_LENGTH,
} from './badge-design.ts';
export { renderBadgeDesign } from './badge-design-render.ts';
export { BADGE_ICONS, iconSvg } from './badge-icons.ts';
export { type DefaultBadgeLook, defaultBadgeSvg, logoForBadge, svgToPng } from './badge-image.ts';
export { credentialJwtOf } from './credential-jwt.ts';
export { changeCredentialState, onCredentialStateChange, type StateChange } from './credential-state.ts';
export { boundDomainDids, ownDomainDidDocument } from './domain.ts';
export { issuerDomainPublicRoutes, issuerDomainRoutes } from './domain-routes.ts';
export { type IssueRequest, issueCredential, issueCredentialIn } from './issue.ts';
export { issueCredentialsBatch } from './issue-batch.ts';
export { didDocumentOf, endorsingIdentity, issuerDid, signingIdentity } from './issuer-keys.ts';
export { loadKeyEncryptionKey } from './key-encryption-key.ts';
export { type SigningKeyRevocation, signingKeyRevocation } from './key-revocation.ts';
export { ob2Assertion, ob2AssertionUrl, ob2BadgeClass, ob2Issuer } from './ob2-hosted.ts';
export {
  type PlatformIdentity,
  platformDid,
  platformDidDocument,
  platformIdentity,
} from './platform-identity.ts';
export { issuingPublicRoutes, ob2HostedRoutes } from './public-routes.ts';
export { issuingRoutes } from './routes.ts';
export {
  changeVcApiStatus,
  issueWithVcApiStatus,
  ownCredentialStateAt,
  publishedStatusList,
  type VcApiStatusChange,
  type VcApiStatusView,
} from './status-lists.ts';
export type { IssuedCredentialRow } from './store.ts';
