// Type shims for the untyped libraries the credentials library (and its tests) call. Only what we use.
declare module 'ed25519-signature-2020-context' {
  const context: { contexts: Map<string, object>; CONTEXT_URL: string };
  export default context;
}

// The reference implementations the credentials tests check our output against.
declare module '@digitalbazaar/vc' {
  export function issue(
    options: Record<string, unknown>,
  ): Promise<Record<string, unknown> & { proof: { type: string; proofValue: string } }>;
  export function verifyCredential(
    options: Record<string, unknown>,
  ): Promise<{ verified: boolean; error?: unknown } & Record<string, unknown>>;
  export function createPresentation(options: Record<string, unknown>): Record<string, unknown>;
  export function signPresentation(options: Record<string, unknown>): Promise<Record<string, unknown>>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; date?: string | Date; cryptosuite: unknown });
    /** Proof options copied into each proof it creates (id, previousProof …). */
    proof?: Record<string, unknown>;
    createProof(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export function from(key: Record<string, unknown>): Promise<{ signer(): unknown; verifier(): unknown }>;
}
declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; date?: string | Date });
  }
}
declare module '@digitalbazaar/ed25519-verification-key-2020' {
  export class Ed25519VerificationKey2020 {
    static generate(options?: {
      seed?: Uint8Array;
      controller?: string;
      id?: string;
    }): Promise<Ed25519VerificationKey2020>;
    id: string;
    controller: string;
    publicKeyMultibase: string;
    fingerprint(): string;
    export(options: { publicKey?: boolean; includeContext?: boolean }): Record<string, unknown>;
  }
}
