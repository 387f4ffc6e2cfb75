// The `proof` and `issuer-key` checks for embedded proofs (Data Integrity eddsa-rdfc-2022 and the
// legacy Ed25519Signature2020). Every proof present must verify: a credential is not "partly signed".

import type { Proof } from '../model/types.ts';
import { type ProofCheck, proofSuiteOf } from '../proof/dataIntegrity.ts';
import { issuerIdOf } from './issuerIdentity.ts';
import { resolveIssuerKey } from './issuerKey.ts';
import { type Check, type CheckStatus, type CredentialFormat, check, type VerifyOptions } from './types.ts';
import { verificationWorkInThisThread } from './work.ts';

export interface EmbeddedProofChecks {
  format: CredentialFormat;
  proof: Check;
  issuerKey: Check;
}

const isProofObject = (value: unknown): value is Proof =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const worst = (statuses: CheckStatus[]): CheckStatus =>
  statuses.includes('failed') ? 'failed' : statuses.includes('unchecked') ? 'unchecked' : 'passed';

function merge(code: Check['code'], checks: Check[]): Check {
  const status = worst(checks.map((item) => item.status));
  const messages = [...new Set(checks.filter((item) => item.status === status).map((item) => item.message))];
  return check(code, status, messages.join(' '));
}

function proofMessage(result: ProofCheck, suite: string): Check {
  if (result.ok)
    return check(
      'proof',
      'passed',
      `The signature (${suite}) is valid: the credential is unchanged since it was signed.`,
    );
  return check('proof', result.reason === 'unfinished' ? 'unchecked' : 'failed', result.message);
}

async function checkOneProof(
  document: Record<string, unknown>,
  proof: Proof,
  options: VerifyOptions,
): Promise<{ proof: Check; issuerKey: Check }> {
  if (!isProofObject(proof)) {
    return {
      proof: check('proof', 'failed', 'The proof is not an object.'),
      issuerKey: check('issuer-key', 'unchecked', 'No key to check.'),
    };
  }
  const suite = proofSuiteOf(proof);
  const key = await resolveIssuerKey(issuerIdOf(document), proof.verificationMethod, options.resolveDid);
  if (!suite) {
    const name =
      [proof.type, proof.cryptosuite].filter((part) => typeof part === 'string' && part).join(' / ') ||
      '(no type)';
    return {
      proof: check('proof', 'failed', `The proof type ${name} is not one Tessera can check.`),
      issuerKey: key.check,
    };
  }
  if (proof.proofPurpose !== 'assertionMethod') {
    const message =
      typeof proof.proofPurpose === 'string'
        ? `The proof's purpose is "${proof.proofPurpose}", not assertionMethod (issuing).`
        : 'The proof states no purpose; it must be assertionMethod (issuing).';
    return { proof: check('proof', 'failed', message), issuerKey: key.check };
  }
  if (!key.publicKey) {
    return {
      proof: check(
        'proof',
        'unchecked',
        "The signature could not be checked because the issuer's key could not be obtained.",
      ),
      issuerKey: key.check,
    };
  }
  const result = await (options.work ?? verificationWorkInThisThread).verifyProof(
    document,
    proof,
    key.publicKey,
  );
  return { proof: proofMessage(result, suite), issuerKey: key.check };
}

export async function checkEmbeddedProofs(
  document: Record<string, unknown>,
  options: VerifyOptions,
): Promise<EmbeddedProofChecks> {
  const proofs = (Array.isArray(document.proof) ? document.proof : [document.proof]).filter(
    (item) => item !== undefined,
  );
  if (proofs.length === 0) {
    return {
      format: 'unsigned',
      proof: check(
        'proof',
        'failed',
        'The credential carries no signature, so anyone could have written it.',
      ),
      issuerKey: check('issuer-key', 'unchecked', 'There is no signature, so there is no key to check.'),
    };
  }
  const results = await Promise.all(proofs.map((proof) => checkOneProof(document, proof as Proof, options)));
  const suites = proofs.map((proof) => (isProofObject(proof) ? proofSuiteOf(proof) : undefined));
  const format: CredentialFormat = suites.includes('eddsa-rdfc-2022')
    ? 'data-integrity'
    : suites.includes('ed25519-signature-2020')
      ? 'ed25519-signature-2020'
      : 'unknown';
  return {
    format,
    proof: merge(
      'proof',
      results.map((result) => result.proof),
    ),
    issuerKey: merge(
      'issuer-key',
      results.map((result) => result.issuerKey),
    ),
  };
}
