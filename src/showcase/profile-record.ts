// "Download the whole record" of a public profile: a CLR 2.0 ClrCredential holding the learner's public badges,
// signed (eddsa-rdfc-2022) by the platform's own identity, did:web:<host of PUBLIC_URL> (issuing's
// platform-identity.ts): the platform vouches that these badges were on the profile when the record was made. It
// vouches for nothing inside them: each badge keeps its issuer's signed OB 3.0 AchievementCredential as issued,
// verifiable on its own. A badge whose credential carries evidence the learner keeps off its page is listed by its
// achievement only (`partial: true` says something was held back).
// The badges the learner imported from other issuers and made public travel as issued: an OB 3.0 credential
// as its JSON, a VC-JWT inside an EnvelopedVerifiableCredential (VC 2.0 §4.13); what is no verifiable
// credential (OB 2.0 assertions), what was brought only as a link, what failed verification, and what cannot be
// signed over (a context Tessera does not bundle, say) stay out.
import { OB_V3_CONTEXT, signCredential, VC_V2_CONTEXT } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { type PublicImportPayload, publicImportPayloads } from '../imports/index.ts';
import { type PlatformIdentity, platformIdentity } from '../issuing/index.ts';
import { fileStem } from './downloads.ts';
import { enabledProfile, profileUrl } from './profile.ts';
import { publicCredentialsOf } from './profile-store.ts';
import { credentialIsShared } from './service.ts';

export const CLR_V2_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

type Json = Record<string, unknown>;

const achievementOf = (credential: Json): Json | undefined => {
  const subject = [credential.credentialSubject].flat()[0] as Json | undefined;
  const achievement = subject?.achievement;
  return achievement && typeof achievement === 'object' ? (achievement as Json) : undefined;
};

/** An imported badge as it was issued, or null when the record cannot carry it as such. */
export function importedCredentialOf(row: PublicImportPayload): Json | null {
  if (row.verdict === 'not-verified') return null;
  if (row.format === 'ob3-jwt' && row.payloadKind === 'jwt') {
    return {
      '@context': [VC_V2_CONTEXT],
      id: `data:application/jwt,${row.payload}`,
      type: 'EnvelopedVerifiableCredential',
    };
  }
  if (row.format === 'ob3-json' && row.payloadKind === 'json') {
    try {
      const credential: unknown = JSON.parse(row.payload);
      return credential && typeof credential === 'object' && !Array.isArray(credential)
        ? (credential as Json)
        : null;
    } catch {
      return null;
    }
  }
  return null;
}

export interface ProfileRecord {
  fileName: string;
  document: Json;
}

/** Signs the record as the platform (the record's issuer is the platform's Profile). */
const signedAs = (deps: Deps, identity: PlatformIdentity, record: Json): Promise<Json> =>
  signCredential(record, {
    keyPair: identity.keyPair,
    verificationMethod: identity.verificationMethod,
    created: deps.now(),
  });

export async function profileRecord(deps: Deps, slug: string): Promise<ProfileRecord> {
  const profile = await enabledProfile(deps, slug);
  const [rows, importRows, identity] = await Promise.all([
    publicCredentialsOf(deps.db, profile.userId),
    publicImportPayloads(deps, profile.userId),
    platformIdentity(deps),
  ]);
  const shared = rows.filter((row) => credentialIsShared(row));
  const imported = importRows.flatMap((row): Json[] => {
    const credential = importedCredentialOf(row);
    return credential ? [credential] : [];
  });
  const url = profileUrl(deps, profile.slug);
  const validFrom = `${deps.now().toISOString().slice(0, 19)}Z`;
  const recordOf = (carried: Json[]): Json => ({
    '@context': [VC_V2_CONTEXT, CLR_V2_CONTEXT, OB_V3_CONTEXT],
    id: `${url}/record.json`,
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: identity.profile,
    name: `${profile.name} — public badges`,
    description:
      'A record of the public badges on this profile, those imported from other issuers included, signed by this platform when it was downloaded. Each badge inside is signed by its own issuer and verifiable on its own.',
    validFrom,
    partial: shared.length < rows.length || carried.length < importRows.length,
    credentialSubject: {
      type: ['ClrSubject'],
      verifiableCredential: [...shared.map((row) => row.credential), ...carried],
      achievement: [
        ...rows.flatMap((row) => achievementOf(row.credential) ?? []),
        ...carried.flatMap((credential) => achievementOf(credential) ?? []),
      ],
    },
  });
  let document: Json;
  try {
    document = await signedAs(deps, identity, recordOf(imported));
  } catch (error) {
    // An imported credential the signature cannot cover (a context not bundled, a term no context defines)
    // leaves the record, which says it is partial; a failure without any is ours.
    if (imported.length === 0) throw error;
    const signable: Json[] = [];
    for (const credential of imported) {
      const alone = await signedAs(deps, identity, recordOf([credential])).then(
        () => true,
        () => false,
      );
      if (alone) signable.push(credential);
    }
    document = await signedAs(deps, identity, recordOf(signable));
  }
  return { fileName: `${fileStem(profile.name)}-record.json`, document };
}
