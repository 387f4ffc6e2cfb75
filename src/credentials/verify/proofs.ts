// The `proof` and `issuer-key` checks for embedded proofs: Data Integrity eddsa-rdfc-2022 (and its earlier
// name eddsa-2022), and the legacy Ed25519Signature2020. A credential may carry a proof set or a proof chain
// (VC Data Integrity §4: `previousProof`), possibly by different keys. The rules:
// - every proof of a type Tessera checks must verify, each with the key its own controller authorizes to issue
//   (assertionMethod); a credential is not "partly signed";
// - at least one valid proof must be by the issuer (a key of the issuer's own DID or URL): `issuer-key`;
// - a proof of a type Tessera cannot check is a warning beside one it checked, and a failure on its own.
import { controllerOfMethodId } from '../did/verificationMethod.ts';
import type { Proof } from '../model/types.ts';
import { type ProofCheck, type ProofSuite, proofSuiteOf } from '../proof/dataIntegrity.ts';
import { issuerIdOf } from './issuerIdentity.ts';
import { resolveIssuerKey } from './issuerKey.ts';
import {
  type Check,
  type CheckStatus,
  type CredentialFormat,
  check,
  type VerificationWarning,
  type VerifyOptions,
} from './types.ts';
import { verificationWorkInThisThread } from './work.ts';

export interface EmbeddedProofChecks {
  format: CredentialFormat;
  proof: Check;
  issuerKey: Check;
  warnings: VerificationWarning[];
}

type JsonObject = Record<string, unknown>;

/** One proof's outcome: a proof Tessera checked, or one of a type it cannot check. */
type ProofOutcome =
  | { kind: 'checked'; suite?: ProofSuite; proof: Check; key?: Check; signer?: string }
  | { kind: 'unknown'; name: string };

const isProofObject = (value: unknown): value is Proof =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const worst = (statuses: CheckStatus[]): CheckStatus =>
  statuses.includes('failed') ? 'failed' : statuses.includes('unchecked') ? 'unchecked' : 'passed';

function merge(code: Check['code'], checks: Check[]): Check {
  const status = worst(checks.map((item) => item.status));
  const messages = [...new Set(checks.filter((item) => item.status === status).map((item) => item.message))];
  return check(code, status, messages.join(' '));
}

const SUITE_NAMES: Record<ProofSuite, string> = {
  'eddsa-rdfc-2022': 'eddsa-rdfc-2022',
  'eddsa-2022': 'eddsa-2022, checked as eddsa-rdfc-2022',
  'ed25519-signature-2020': 'Ed25519Signature2020',
};

function proofMessage(result: ProofCheck, suite: ProofSuite): Check {
  if (result.ok)
    return check(
      'proof',
      'passed',
      `The signature (${SUITE_NAMES[suite]}) is valid: the credential is unchanged since it was signed.`,
    );
  return check('proof', result.reason === 'unfinished' ? 'unchecked' : 'failed', result.message);
}

/** What a proof calls itself, shortened: it is the sender's text. */
function proofTypeName(proof: Proof): string {
  const name = [proof.type, proof.cryptosuite].filter((part) => typeof part === 'string' && part).join(' / ');
  return name ? name.slice(0, 100) : '(no type)';
}

async function checkOneProof(
  document: JsonObject,
  proof: unknown,
  options: VerifyOptions,
  issuerId: string | undefined,
): Promise<ProofOutcome> {
  const failed = (message: string): ProofOutcome => ({
    kind: 'checked',
    proof: check('proof', 'failed', message),
  });
  if (!isProofObject(proof)) return failed('The proof is not an object.');
  const suite = proofSuiteOf(proof);
  if (!suite) return { kind: 'unknown', name: proofTypeName(proof) };
  if (proof.proofPurpose !== 'assertionMethod') {
    return failed(
      typeof proof.proofPurpose === 'string'
        ? `The proof's purpose is "${proof.proofPurpose.slice(0, 100)}", not assertionMethod (issuing).`
        : 'The proof states no purpose; it must be assertionMethod (issuing).',
    );
  }
  if (typeof proof.verificationMethod !== 'string' || proof.verificationMethod === '')
    return failed('The signature names no verification method (key).');
  // Each proof is checked with the key its own controller authorizes; whether that is the issuer comes after.
  const signer = controllerOfMethodId(proof.verificationMethod);
  const key = await resolveIssuerKey(signer, proof.verificationMethod, options.resolveDid);
  const byIssuer = signer === issuerId;
  if (!key.publicKey) {
    if (!byIssuer && key.check.status === 'failed')
      return { kind: 'checked', suite, proof: check('proof', 'failed', key.check.message), signer };
    return {
      kind: 'checked',
      suite,
      proof: check(
        'proof',
        'unchecked',
        'The signature could not be checked because its key could not be obtained.',
      ),
      key: key.check,
      signer,
    };
  }
  const result = await (options.work ?? verificationWorkInThisThread).verifyProof(
    document,
    proof,
    key.publicKey,
  );
  const checked = proofMessage(result, suite);
  // A co-signer's key that its own controller does not authorize makes that proof worthless.
  if (!byIssuer && key.check.status !== 'passed' && checked.status === 'passed')
    return { kind: 'checked', suite, proof: check('proof', key.check.status, key.check.message), signer };
  return { kind: 'checked', suite, proof: checked, key: key.check, signer };
}

/** `issuer-key`: at least one valid proof is by the issuer, with a key the issuer authorizes to issue. */
function issuerKeyCheck(
  checked: Extract<ProofOutcome, { kind: 'checked' }>[],
  issuerId: string | undefined,
): Check {
  const byIssuer = checked.filter((outcome) => outcome.signer !== undefined && outcome.signer === issuerId);
  const proven = byIssuer.find(
    (outcome) => outcome.proof.status === 'passed' && outcome.key?.status === 'passed',
  );
  if (proven?.key) return proven.key;
  const keys = byIssuer.map((outcome) => outcome.key).filter((key): key is Check => key !== undefined);
  if (keys.length > 0) return merge('issuer-key', keys);
  const signers = [...new Set(checked.map((outcome) => outcome.signer).filter(Boolean))];
  if (signers.length === 0) return check('issuer-key', 'unchecked', 'No signature names a key to check.');
  return check(
    'issuer-key',
    'failed',
    `The credential was signed with a key of ${signers.join(', ')}, but names ${issuerId ?? 'no one'} as its issuer.`,
  );
}

function formatOf(suites: (ProofSuite | undefined)[]): CredentialFormat {
  if (suites.includes('eddsa-rdfc-2022') || suites.includes('eddsa-2022')) return 'data-integrity';
  return suites.includes('ed25519-signature-2020') ? 'ed25519-signature-2020' : 'unknown';
}

export async function checkEmbeddedProofs(
  document: JsonObject,
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
      warnings: [],
    };
  }
  const issuerId = issuerIdOf(document);
  const outcomes = await Promise.all(
    proofs.map((proof) => checkOneProof(document, proof, options, issuerId)),
  );
  const checked = outcomes.filter((outcome) => outcome.kind === 'checked');
  const unknown = outcomes.filter((outcome) => outcome.kind === 'unknown');
  const warnings: VerificationWarning[] = [];
  if (checked.some((outcome) => outcome.suite === 'eddsa-2022')) {
    warnings.push({
      code: 'legacy-cryptosuite',
      message:
        'A proof names its cryptosuite "eddsa-2022", the name eddsa-rdfc-2022 had in drafts; it was checked as eddsa-rdfc-2022.',
    });
  }
  if (checked.length === 0) {
    const names = [...new Set(unknown.map((outcome) => outcome.name))].join(', ');
    return {
      format: 'unknown',
      proof: check('proof', 'failed', `The proof type ${names} is not one Tessera can check.`),
      issuerKey: check('issuer-key', 'unchecked', 'No signature Tessera can check, so no key was checked.'),
      warnings,
    };
  }
  for (const name of new Set(unknown.map((outcome) => outcome.name))) {
    warnings.push({
      code: 'unknown-proof-type',
      message: `A proof of type ${name} is not one Tessera can check, so it was left aside; the other proofs decide.`,
    });
  }
  return {
    format: formatOf(checked.map((outcome) => outcome.suite)),
    proof: merge(
      'proof',
      checked.map((outcome) => outcome.proof),
    ),
    issuerKey: issuerKeyCheck(checked, issuerId),
    warnings,
  };
}
