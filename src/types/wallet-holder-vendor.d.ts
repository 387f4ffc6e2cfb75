// Type shims for the did:key wallet holder the wallet tests play (src/wallets/testing.ts). Only what we use.
declare module '@digitalbazaar/did-method-key' {
  export interface DidKeyDriver {
    use(options: {
      multibaseMultikeyHeader: string;
      fromMultibase: (key: Record<string, unknown>) => Promise<unknown>;
    }): void;
    fromKeyPair(options: { verificationKeyPair: unknown }): Promise<{
      didDocument: { id: string } & Record<string, unknown>;
      methodFor(options: { purpose: string }): { id: string; signer(): unknown };
    }>;
    get(options: { did?: string; url?: string }): Promise<Record<string, unknown>>;
  }
  export function driver(): DidKeyDriver;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export function generate(options?: Record<string, unknown>): Promise<{ signer(): unknown }>;
}
