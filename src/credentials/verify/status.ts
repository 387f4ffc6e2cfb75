// The `status` check: revoked or suspended per the issuer's status list (Bitstring Status List), or per its
// 1EdTech revocation list (revocationList.ts). Every entry is checked (a revocation and a suspension entry:
// both), and the worst answer decides.
// https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm
// A list that cannot be fetched, or that is not genuinely the issuer's, gives `unchecked`: never
// "not revoked". A credential with no credentialStatus passes with "no status to check" (it cannot
// be revoked), so the check is always present in the result.
import { StatusListError } from '../status-list/bitstring.ts';
import { checkNotBefore, checkNotExpired } from './dates.ts';
import { issuerIdOf } from './issuerIdentity.ts';
import { findDocumentLimitExcess } from './limits.ts';
import { checkEmbeddedProofs } from './proofs.ts';
import { checkRevocationListEntry, REVOCATION_LIST_TYPE } from './revocationList.ts';
import { type Check, check, type VerifyOptions } from './types.ts';

type JsonObject = Record<string, unknown>;

const unchecked = (message: string) => check('status', 'unchecked', message);

/** The list credential must be signed by the same issuer as the credential it speaks about. */
async function checkListIsGenuine(
  list: JsonObject,
  issuerId: string | undefined,
  options: VerifyOptions,
): Promise<string | undefined> {
  if (issuerIdOf(list) !== issuerId) return 'The status list was not issued by the credential’s issuer.';
  // The list is fetched from wherever the credential points: as hostile as the credential itself.
  const excess = findDocumentLimitExcess(list);
  if (excess) return `The status list is not one Tessera reads: ${excess.message}`;
  const { proof, issuerKey } = await checkEmbeddedProofs(list, options);
  if (proof.status !== 'passed')
    return `The status list’s signature could not be confirmed: ${proof.message}`;
  if (issuerKey.status !== 'passed')
    return `The status list’s key could not be confirmed: ${issuerKey.message}`;
  // A stale list may predate a revocation: outside its own validity period it proves nothing.
  const skewMs = (options.maxClockSkewSeconds ?? 0) * 1000;
  for (const period of [
    checkNotBefore(list, options.now, skewMs),
    checkNotExpired(list, options.now, skewMs),
  ]) {
    if (period.status !== 'passed') return `The status list is not current: ${period.message}`;
  }
  return undefined;
}

async function checkEntry(entry: unknown, credential: JsonObject, options: VerifyOptions): Promise<Check> {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry))
    return check('status', 'failed', 'The credential status entry is not an object.');
  const { type, statusListCredential, statusPurpose } = entry as JsonObject;
  if (type === REVOCATION_LIST_TYPE)
    return checkRevocationListEntry(entry as JsonObject, credential, options);
  if (type !== 'BitstringStatusListEntry') {
    return unchecked(
      typeof type === 'string'
        ? `Tessera cannot check status entries of type ${type.slice(0, 100)}.`
        : 'The status entry does not say its type (Tessera checks BitstringStatusListEntry and 1EdTechRevocationList).',
    );
  }
  const issuerId = issuerIdOf(credential);
  if (typeof statusListCredential !== 'string')
    return check('status', 'failed', 'The status entry names no status list.');
  if (!options.fetchStatusList || !options.checkStatus)
    return unchecked('Status lists are not checked in this context.');
  let fetched: Awaited<ReturnType<NonNullable<VerifyOptions['fetchStatusList']>>>;
  try {
    fetched = await options.fetchStatusList(statusListCredential);
  } catch (error) {
    fetched = { ok: false, reason: error instanceof Error ? error.message : 'unknown error' };
  }
  if (!fetched.ok)
    return unchecked(
      `The status list at ${statusListCredential} could not be fetched (${fetched.reason}), so revocation could not be checked.`,
    );
  const notGenuine = await checkListIsGenuine(fetched.credential, issuerId, options);
  if (notGenuine) return unchecked(notGenuine);
  try {
    const value = await options.checkStatus(entry as JsonObject, fetched.credential);
    if (value === 'revoked') return check('status', 'failed', 'The issuer has revoked this credential.');
    if (value === 'suspended') return check('status', 'failed', 'The issuer has suspended this credential.');
    if (value === 'active') {
      return check(
        'status',
        'passed',
        `Not ${statusPurpose === 'suspension' ? 'suspended' : 'revoked'}, per the issuer’s status list.`,
      );
    }
    return unchecked('The status list gave no readable answer.');
  } catch (error) {
    // Our own list errors say what is wrong with the list; anything else is not for the report.
    const reason = error instanceof StatusListError ? `: ${error.message.replace(/\.$/, '')}` : '';
    return unchecked(`The status list could not be read${reason}.`);
  }
}

export async function checkStatus(credential: JsonObject, options: VerifyOptions): Promise<Check> {
  const { credentialStatus } = credential;
  if (credentialStatus === undefined)
    return check('status', 'passed', 'The credential has no status to check: it cannot be revoked.');
  const entries = Array.isArray(credentialStatus) ? credentialStatus : [credentialStatus];
  // An empty list is not "no status": the issuer meant one, and none can be checked.
  if (entries.length === 0)
    return check(
      'status',
      'failed',
      'The credential’s credentialStatus is an empty list: it names no status entry.',
    );
  const checks = await Promise.all(entries.map((entry) => checkEntry(entry, credential, options)));
  const failed = checks.find((item) => item.status === 'failed');
  const uncheckedOne = checks.find((item) => item.status === 'unchecked');
  if (failed ?? uncheckedOne) return (failed ?? uncheckedOne) as Check;
  // Every entry passed: say what each one confirmed ("Not revoked … Not suspended …").
  return check('status', 'passed', [...new Set(checks.map((item) => item.message))].join(' '));
}
