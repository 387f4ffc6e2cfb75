export { completeFromClaims, mirroredClaims, mismatchedClaims, missingClaims } from './claims.ts';
export {
  ACCEPTED_ALGORITHMS,
  type CredentialJwtHeader,
  type DecodedCredentialJwt,
  decodeCredentialJwt,
  JWT_TYPE,
  type JwtSignOptions,
  looksLikeJwt,
  signCredentialJwt,
  VC_JOSE_TYPE,
  verifyCredentialJwtSignature,
} from './vcJwt.ts';
