// Public face of the wallets context: "Add to wallet" offers, the VC-API exchange and the OID4VCI issuer
// that deliver a badge.
export { oid4vciRoutes } from './oid4vci-routes.ts';
export { walletPublicRoutes, walletRoutes } from './routes.ts';
