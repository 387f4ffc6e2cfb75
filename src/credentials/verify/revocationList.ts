// The `status` check for a `1EdTechRevocationList` entry (1EdTech Revocation List Status Method 1.0, used by
// Open Badges 3.0 and CLR 2.0): `credentialStatus: { id: <list URL>, type: "1EdTechRevocationList" }`. The
// list at that URL is a JSON document `{ id, issuer, revokedCredentials: [{ id, revocationReason? }] }`.
// Listed → revoked (failed); not listed → passed; a list out of reach or not one → unchecked, never a pass.
// https://www.imsglobal.org/spec/vcrl/v1p0/
import { issuerIdOf } from './issuerIdentity.ts';
import { type Check, check, type StatusListFetch, type VerifyOptions } from './types.ts';

type JsonObject = Record<string, unknown>;

export const REVOCATION_LIST_TYPE = '1EdTechRevocationList';

const unchecked = (message: string) => check('status', 'unchecked', message);
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** At most this much of an issuer's revocation reason is repeated in the report. */
const REASON_CHARS = 300;

export async function checkRevocationListEntry(
  entry: JsonObject,
  credential: JsonObject,
  options: VerifyOptions,
): Promise<Check> {
  const listUrl = entry.id;
  if (typeof listUrl !== 'string' || !/^https?:\/\//i.test(listUrl))
    return check('status', 'failed', 'The 1EdTechRevocationList entry names no list URL in its id.');
  const credentialId = credential.id;
  if (typeof credentialId !== 'string' || credentialId === '') {
    return unchecked('The credential has no id, so it cannot be looked up in its issuer’s revocation list.');
  }
  if (!options.fetchStatusList) return unchecked('Revocation lists are not checked in this context.');
  let fetched: StatusListFetch;
  try {
    fetched = await options.fetchStatusList(listUrl);
  } catch (error) {
    fetched = { ok: false, reason: error instanceof Error ? error.message : 'unknown error' };
  }
  if (!fetched.ok) {
    return unchecked(
      `The revocation list at ${listUrl} could not be fetched (${fetched.reason.replace(/\.$/, '')}), so revocation could not be checked.`,
    );
  }
  const list = fetched.credential;
  const revoked = list.revokedCredentials;
  if (!Array.isArray(revoked))
    return unchecked(`The document at ${listUrl} is not a revocation list (it has no revokedCredentials).`);
  // A list speaks only for its own issuer's credentials.
  const listIssuer = issuerIdOf(list);
  if (listIssuer !== undefined && listIssuer !== issuerIdOf(credential))
    return unchecked('The revocation list was not issued by the credential’s issuer.');
  // A linear scan of a document the fetch already capped in size: no JSON-LD work on it.
  const listed = revoked.find((item) => isObject(item) && item.id === credentialId) as JsonObject | undefined;
  if (!listed) return check('status', 'passed', 'Not revoked, per the issuer’s revocation list.');
  const reason =
    typeof listed.revocationReason === 'string' && listed.revocationReason.trim() !== ''
      ? ` The reason given: ${listed.revocationReason.trim().slice(0, REASON_CHARS)}`
      : '';
  return check('status', 'failed', `The issuer has revoked this credential.${reason}`);
}
