/** A verification method as DID documents list it (Multikey, JsonWebKey, or the older suites we still read). */
export interface VerificationMethod {
  id: string;
  type: string;
  controller: string;
  publicKeyMultibase?: string;
  publicKeyBase58?: string;
  /** A public JWK (JsonWebKey, JsonWebKey2020): https://www.w3.org/TR/cid-1.0/#JsonWebKey */
  publicKeyJwk?: Record<string, unknown>;
  [extra: string]: unknown;
}

/** https://www.w3.org/TR/did-1.0/#core-properties (only the parts credential verification reads). */
export interface DidDocument {
  '@context'?: string | (string | object)[];
  id: string;
  controller?: string | string[];
  verificationMethod?: VerificationMethod[];
  assertionMethod?: (string | VerificationMethod)[];
  authentication?: (string | VerificationMethod)[];
  [extra: string]: unknown;
}
