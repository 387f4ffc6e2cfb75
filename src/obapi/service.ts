// Use-cases of the OB 3.0 API, for the account an OAuth access token acts for: its credentials (both forms),
// pushing a credential into its backpack, and its profile. Tokens and scopes are checked by the routes.
import type { Deps } from '../deps.ts';
import { RuleError } from '../errors.ts';
import { CredentialRefusedError, type UpsertOutcome, upsertPushedCredential } from '../imports/index.ts';
import { credentialJwtOf } from '../issuing/index.ts';
import { VerifierBusyError } from '../verification/index.ts';
import { ObApiError, type Page, withProofArray } from './model.ts';
import type { ProfileChange } from './profile-put.ts';
import {
  countCredentials,
  importedPayloadsByIds,
  issuedCredentialsByIds,
  pageOfCredentials,
  profileFactsOf,
  updateProfileFacts,
} from './store.ts';

type Json = Record<string, unknown>;

export interface CredentialsPage {
  total: number;
  credential: Json[];
  compactJwsString: string[];
}

/**
 * A page of the learner's credentials, oldest first: each accepted award's credential with its embedded proof
 * and as a compact JWS (VC-JWT), and each OB 3.0 credential they keep from elsewhere in the form it came in.
 */
export async function credentialsOf(
  deps: Deps,
  userId: string,
  since: Date | null,
  page: Page,
): Promise<CredentialsPage> {
  const total = await countCredentials(deps.db, userId, since);
  const refs = await pageOfCredentials(deps.db, userId, since, page);
  const awardIds = refs.filter((r) => r.source === 'award').map((r) => r.id);
  const importIds = refs.filter((r) => r.source === 'import').map((r) => r.id);
  const issued = new Map((await issuedCredentialsByIds(deps.db, awardIds)).map((r) => [r.id, r.credential]));
  const imported = new Map((await importedPayloadsByIds(deps.db, userId, importIds)).map((r) => [r.id, r]));
  const credential: Json[] = [];
  const compactJwsString: string[] = [];
  for (const ref of refs) {
    if (ref.source === 'award') {
      const document = issued.get(ref.id);
      if (document) credential.push(withProofArray(document));
      const jwt = await credentialJwtOf(deps, ref.id);
      if (jwt) compactJwsString.push(jwt);
      continue;
    }
    const kept = imported.get(ref.id);
    if (kept?.payloadKind === 'jwt') compactJwsString.push(kept.payload);
    else if (kept) credential.push(withProofArray(JSON.parse(kept.payload) as Json));
  }
  return { total, credential, compactJwsString };
}

/** upsertCredential: verified on arrival; refused with invalid_data when it is not a verified OB 3.0 badge. */
export async function pushCredential(
  deps: Deps,
  userId: string,
  credential: Json | string,
): Promise<{ outcome: UpsertOutcome; credential: Json | string }> {
  try {
    const { outcome, badge } = await upsertPushedCredential(deps, userId, credential);
    return {
      outcome,
      credential: badge.payloadKind === 'jwt' ? badge.payload : (JSON.parse(badge.payload) as Json),
    };
  } catch (error) {
    if (error instanceof CredentialRefusedError) throw new ObApiError(400, 'invalid_data', error.message);
    if (error instanceof RuleError) throw new ObApiError(400, 'invalid_data', error.message);
    if (error instanceof VerifierBusyError)
      throw new ObApiError(503, 'server_busy', 'The verifier is busy; try again shortly.');
    throw error;
  }
}

/** The learner as an OB 3.0 Profile: a stable id, their name, their address, their public page if on. */
export async function profileOf(deps: Deps, userId: string): Promise<Json> {
  const facts = await profileFactsOf(deps.db, userId);
  if (!facts) throw new ObApiError(404, 'not_found', 'The account of this token is gone.');
  return {
    '@context': ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${facts.id}`,
    type: ['Profile'],
    name: facts.name,
    ...(facts.email && facts.verifiedAt ? { email: facts.email } : {}),
    ...(facts.slug && facts.enabled ? { url: `${deps.config.publicUrl}/people/${facts.slug}` } : {}),
    ...(facts.headline ? { description: facts.headline } : {}),
  };
}

/**
 * putProfile: what Tessera keeps of a profile and lets an app change (profile-put.ts): the name; the public
 * profile's headline, when the learner has a public profile (else there is nowhere to keep it).
 */
export async function changeProfile(deps: Deps, userId: string, change: ProfileChange): Promise<Json> {
  await updateProfileFacts(deps.db, userId, {
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.description !== undefined ? { description: change.description } : {}),
  });
  return profileOf(deps, userId);
}
