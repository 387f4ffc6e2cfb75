// The shapes the VC Data Model 2.0 layer returns. Each rule has a stable code that callers may match on.
// https://www.w3.org/TR/vc-data-model-2.0/

export type DataModelRule =
  | 'document'
  | 'context'
  | 'id'
  | 'type'
  | 'issuer'
  | 'credential-subject'
  | 'valid-from'
  | 'valid-until'
  | 'validity-order'
  | 'credential-status'
  | 'terms-of-use'
  | 'evidence'
  | 'refresh-service'
  | 'credential-schema'
  | 'related-resource'
  | 'related-resource-digest'
  | 'language-value'
  | 'name'
  | 'description'
  | 'issuance-date' /* VC 1.1 */
  | 'expiration-date' /* VC 1.1 */
  | 'holder'
  | 'verifiable-credential';

export interface DataModelViolation {
  rule: DataModelRule;
  /** Where in the document, e.g. "credentialSubject[1]" or "evidence[0].id"; "" for the document itself. */
  path: string;
  /** Plain words, safe to show to whoever sent the document. */
  message: string;
}

export interface DataModelOptions {
  /**
   * Bytes of resources we hold, by URL, to check relatedResource digests: one document, or every published
   * version of it we hold (a digest matching any of them matches).
   */
  resource?: (url: string) => ReadonlyArray<Uint8Array | string> | Uint8Array | string | undefined;
}
