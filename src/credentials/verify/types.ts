// The verification result: a list of checks in plain words, never an exception.
import type { DidDocument } from '../did/types.ts';
import type { Proof } from '../model/types.ts';
import type { ProofCheck } from '../proof/dataIntegrity.ts';

export type CheckCode =
  | 'structure'
  | 'open-badges'
  | 'contexts'
  | 'proof'
  | 'issuer-key'
  | 'issuer-identity'
  | 'jwt-claims'
  | 'not-before'
  | 'not-expired'
  | 'status';

/** `unchecked` means "could not tell" (a DID document or status list out of reach): never a pass. */
export type CheckStatus = 'passed' | 'failed' | 'unchecked';

export interface Check {
  code: CheckCode;
  status: CheckStatus;
  /** One or two sentences a verifier (a person) can read. */
  message: string;
  /** Itemised findings, e.g. every JSON Schema error with its path. */
  details?: string[];
  /**
   * False when the caller named the checks that decide (VC-API `options.checks`) and this one was not among
   * them: still reported, but it does not change `verified` (see decideByRequestedChecks).
   */
  requested?: false;
}

export type CredentialFormat = 'data-integrity' | 'ed25519-signature-2020' | 'jwt' | 'unsigned' | 'unknown';

/**
 * Something a verifier should know that decides nothing: a proof of a type Tessera cannot check beside one it
 * checked, a legacy cryptosuite name. `code` is stable (callers may match on it), `message` is for a person.
 */
export interface VerificationWarning {
  code: string;
  message: string;
}

export interface VerificationResult {
  /** True only when every check passed (see verifyCredential). */
  verified: boolean;
  format: CredentialFormat;
  /** The credential that was examined (for a JWT, its payload without the JWT claims). */
  credential?: Record<string, unknown>;
  checks: Check[];
  /** What the verifier should know without it changing the verdict (empty when there is nothing to say). */
  warnings: VerificationWarning[];
  /**
   * A fault of ours that stopped verification (a bug, not a verdict on the credential), for the
   * caller's log. The checks then say only that verification stopped: its text is never shown.
   */
  fault?: unknown;
}

/**
 * Where the CPU-heavy steps run: canonicalising and checking each proof, the data model and the Open Badges
 * JSON Schema checks. By
 * default on the caller's thread; a server that verifies strangers' input runs them in worker threads
 * with a deadline, and answers `{ ok: false, reason: 'unfinished' }` / an `unchecked` check when one
 * could not be completed (never "failed": running out of time says nothing about the credential).
 */
export interface VerificationWork {
  /** `document` is the secured document: proofs that `proof.previousProof` names are read from its `proof`. */
  verifyProof(document: Record<string, unknown>, proof: Proof, publicKey: Uint8Array): Promise<ProofCheck>;
  /** The `structure` check: the VC Data Model (2.0, or 1.1) rules. */
  checkStructure(credential: Record<string, unknown>): Promise<Check>;
  /** The `open-badges` check (OB 3.0 JSON Schema), for Open Badges only; default: on the caller's thread. */
  checkOpenBadges?(credential: Record<string, unknown>): Promise<Check>;
}

export type StatusListFetch =
  | { ok: true; credential: Record<string, unknown> }
  | { ok: false; reason: string };
export type CredentialStatusValue = 'active' | 'revoked' | 'suspended';

export interface VerifyOptions {
  /** The caller's clock. */
  now: Date;
  /**
   * Resolves a controller id to its document: a did:web DID (or an https issuer URL) → DID/controller
   * document, undefined when it cannot be had. did:key is resolved locally and never reaches it.
   */
  resolveDid: (id: string) => Promise<DidDocument | undefined>;
  /** Fetches a status list credential by URL. Without it, a credential with a status is `unchecked`. */
  fetchStatusList?: (url: string) => Promise<StatusListFetch>;
  /** Reads one status entry in a fetched status list credential (the status-list module provides it). */
  checkStatus?: (
    entry: Record<string, unknown>,
    listCredential: Record<string, unknown>,
  ) => CredentialStatusValue | Promise<CredentialStatusValue>;
  /** Tolerance for clocks that disagree, applied to validFrom / validUntil (default 0). */
  maxClockSkewSeconds?: number;
  /** Where the costly steps run (default: this thread). */
  work?: VerificationWork;
}

export const check = (code: CheckCode, status: CheckStatus, message: string, details?: string[]): Check =>
  details && details.length > 0 ? { code, status, message, details } : { code, status, message };
