// "Download the whole record" of a public profile: a CLR 2.0 ClrCredential document holding the learner's
// public Tessera badges. Each badge inside is its issuer's signed OB 3.0 AchievementCredential, verifiable on
// its own; the envelope is NOT signed — Tessera holds no key of its own to sign for a learner (only issuers
// hold keys) — so it is offered as a record, not as a credential. A badge whose credential carries evidence the
// learner keeps off its page is listed by its achievement only (`partial: true` says something was held back).
// The badges the learner imported from other issuers and made public travel as issued: an OB 3.0 credential
// as its JSON, a VC-JWT inside an EnvelopedVerifiableCredential (VC 2.0 §4.13); what is no verifiable
// credential (OB 2.0 assertions), what was brought only as a link, and what failed verification stay out.
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { type PublicImportPayload, publicImportPayloads } from '../imports/index.ts';
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

export async function profileRecord(deps: Deps, slug: string): Promise<ProfileRecord> {
  const profile = await enabledProfile(deps, slug);
  const [rows, importRows] = await Promise.all([
    publicCredentialsOf(deps.db, profile.userId),
    publicImportPayloads(deps, profile.userId),
  ]);
  const shared = rows.filter((row) => credentialIsShared(row));
  const imported = importRows.flatMap((row): Json[] => {
    const credential = importedCredentialOf(row);
    return credential ? [credential] : [];
  });
  const achievements = [
    ...rows.flatMap((row) => achievementOf(row.credential) ?? []),
    ...imported.flatMap((credential) => achievementOf(credential) ?? []),
  ];
  const url = profileUrl(deps, profile.slug);
  const document: Json = {
    '@context': [VC_V2_CONTEXT, CLR_V2_CONTEXT, OB_V3_CONTEXT],
    id: `${url}/record.json`,
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: { id: `${deps.config.publicUrl}/`, type: ['Profile'], name: 'Tessera' },
    name: `${profile.name} — public badges`,
    description:
      'An unsigned record of the public badges on this profile, those imported from other issuers included. Each badge inside is signed by its issuer and verifiable on its own; this envelope carries no proof.',
    validFrom: `${deps.now().toISOString().slice(0, 19)}Z`,
    partial: shared.length < rows.length || imported.length < importRows.length,
    credentialSubject: {
      type: ['ClrSubject'],
      verifiableCredential: [...shared.map((row) => row.credential), ...imported],
      achievement: achievements,
    },
  };
  return { fileName: `${fileStem(profile.name)}-record.json`, document };
}
