export {
  type DecodedCredentialJwt,
  decodeCredentialJwt,
  type JwtSignOptions,
  looksLikeJwt,
  mirroredClaims,
  mismatchedClaims,
  signCredentialJwt,
  VC_JWT_TYPE,
  verifyCredentialJwtSignature,
} from './vcJwt.ts';
