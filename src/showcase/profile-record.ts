// "Download the whole record" of a public profile: a CLR 2.0 ClrCredential document holding the learner's
// public Tessera badges. Each badge inside is its issuer's signed OB 3.0 AchievementCredential, verifiable on
// its own; the envelope is NOT signed — Tessera holds no key of its own to sign for a learner (only issuers
// hold keys) — so it is offered as a record, not as a credential. A badge whose credential carries evidence the
// learner keeps off its page is listed by its achievement only (`partial: true` says something was held back).
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
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

export interface ProfileRecord {
  fileName: string;
  document: Json;
}

export async function profileRecord(deps: Deps, slug: string): Promise<ProfileRecord> {
  const profile = await enabledProfile(deps, slug);
  const rows = await publicCredentialsOf(deps.db, profile.userId);
  const shared = rows.filter((row) => credentialIsShared(row));
  const achievements = rows.flatMap((row) => achievementOf(row.credential) ?? []);
  const url = profileUrl(deps, profile.slug);
  const document: Json = {
    '@context': [VC_V2_CONTEXT, CLR_V2_CONTEXT, OB_V3_CONTEXT],
    id: `${url}/record.json`,
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: { id: `${deps.config.publicUrl}/`, type: ['Profile'], name: 'Tessera' },
    name: `${profile.name} — public badges`,
    description:
      'An unsigned record of the public badges on this profile. Each badge inside is signed by its issuer and verifiable on its own; this envelope carries no proof.',
    validFrom: `${deps.now().toISOString().slice(0, 19)}Z`,
    partial: shared.length < rows.length,
    credentialSubject: {
      type: ['ClrSubject'],
      verifiableCredential: shared.map((row) => row.credential),
      achievement: achievements,
    },
  };
  return { fileName: `${fileStem(profile.name)}-record.json`, document };
}
