// Public badge pages: which awards may be shown (accepted and made public by their learner — anything
// else is "not found" to everyone, never "forbidden"), the page's view with a verification report
// cached briefly (a revocation shows within REPORT_TTL_MS), and the learner's sharing choices.
import { isPublicAward } from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor } from '../identity/index.ts';
import { type AlignedSkill, badgeRelatedJobs } from '../skills/index.ts';
import { type VerificationReport, verifyBadge } from '../verification/index.ts';
import { publicEndorsements } from '../workforce/index.ts';
import type { BadgePageSkill, BadgePageView } from './page.ts';
import { pageCacheOf } from './page-cache.ts';
import type { ShareFacts } from './sharing.ts';
import { findShowcasedAward, type ShowcasedAward, setSharing } from './store.ts';

/** How long a badge page may show a verification result: a revocation appears within a minute. */
export const REPORT_TTL_MS = 30_000;
const MAX_CACHED = 10_000;

interface CheckedReport {
  report: VerificationReport;
  checkedAt: Date;
}

export interface ReportCache {
  /** The cached report, or the one `verify` makes, shared by every request that asks before it is done. */
  load(key: string, now: Date, verify: () => Promise<VerificationReport>): Promise<CheckedReport>;
}

export function createReportCache(ttlMs = REPORT_TTL_MS): ReportCache {
  const entries = new Map<string, CheckedReport>();
  const verifying = new Map<string, Promise<CheckedReport>>();
  const fresh = (key: string, now: Date): CheckedReport | undefined => {
    const hit = entries.get(key);
    if (!hit) return undefined;
    if (now.getTime() - hit.checkedAt.getTime() < ttlMs) return hit;
    entries.delete(key);
    return undefined;
  };
  const keep = (key: string, value: CheckedReport): void => {
    if (entries.size >= MAX_CACHED) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.set(key, value);
  };
  return {
    load(key, now, verify) {
      const hit = fresh(key, now);
      if (hit) return Promise.resolve(hit);
      const underway = verifying.get(key);
      if (underway) return underway;
      const checked = verify()
        .then((report) => {
          const value = { report, checkedAt: now };
          keep(key, value);
          return value;
        })
        .finally(() => verifying.delete(key));
      verifying.set(key, checked);
      return checked;
    },
  };
}

/** The award, if anyone may see its page. */
export async function publicAward(deps: Deps, awardId: string): Promise<ShowcasedAward> {
  const award = await findShowcasedAward(deps.db, awardId);
  if (!award || !isPublicAward(award)) throw new NotFoundError('badge');
  return award;
}

/** One of my accepted badges, public or not (404 for anyone else's). */
export async function heldAward(deps: Deps, actor: Actor | null, awardId: string): Promise<ShowcasedAward> {
  const me = requireActor(actor);
  const award = await findShowcasedAward(deps.db, awardId);
  if (!award || award.userId !== me.user.id || award.state !== 'accepted') throw new NotFoundError('badge');
  return award;
}

export function shareFactsOf(deps: Deps, award: ShowcasedAward): ShareFacts {
  const pageUrl = `${deps.config.publicUrl}/badges/${award.id}`;
  return {
    awardId: award.id,
    pageUrl,
    previewPngUrl: `${pageUrl}/preview.png`,
    badgeName: award.name,
    issuerName: award.issuerName,
    issuedAt: award.issuedAt,
    validUntil: award.validUntil,
  };
}

function issuerDid(credential: Record<string, unknown>): string | null {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (issuer && typeof issuer === 'object' && typeof (issuer as { id?: unknown }).id === 'string')
    return (issuer as { id: string }).id;
  return null;
}

type Json = Record<string, unknown>;
const present = (value: unknown) => (Array.isArray(value) ? value.length > 0 : value !== undefined);

/** Whether a credential carries what the learner showed (results, evidence), which a signed copy cannot hide. */
export function carriesLearnerWork(credential: Json): boolean {
  const subjects = [credential.credentialSubject].flat() as Json[];
  return present(credential.evidence) || subjects.some((subject) => present(subject?.result));
}

/** The signed credential is served at the public URL unless it holds evidence the learner keeps off the page. */
export const credentialIsShared = (award: { showEvidence: boolean; credential: Json }): boolean =>
  award.showEvidence || !carriesLearnerWork(award.credential);

/** What the page shows of a stored skill (badge versions keep their JSON as it was written). */
export function pageSkills(stored: unknown): BadgePageSkill[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item): BadgePageSkill[] => {
    const skill = item as Partial<Record<keyof BadgePageSkill, unknown>>;
    if (typeof skill?.name !== 'string') return [];
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    const concept = skill.concept as { framework?: unknown; code?: unknown } | undefined;
    const framework: 'onet' | 'esco' | null =
      concept?.framework === 'onet' ? 'onet' : concept?.framework === 'esco' ? 'esco' : null;
    const aligned =
      framework && typeof concept?.code === 'string' ? { framework, code: concept.code } : undefined;
    const level = typeof skill.level === 'number' && Number.isFinite(skill.level) ? skill.level : undefined;
    const shown: BadgePageSkill = { name: skill.name };
    for (const key of ['framework', 'code', 'url'] as const) {
      const value = text(skill[key]);
      if (value) shown[key] = value;
    }
    if (aligned) shown.concept = aligned;
    if (level !== undefined) shown.level = level;
    return [shown];
  });
}

const alignedSkills = (skills: BadgePageSkill[]): AlignedSkill[] =>
  skills.flatMap((s) =>
    s.concept ? [{ concept: s.concept, ...(s.level !== undefined ? { level: s.level } : {}) }] : [],
  );

export async function badgePageView(
  deps: Deps,
  cache: ReportCache,
  award: ShowcasedAward,
): Promise<BadgePageView> {
  const now = deps.now();
  const checked = await cache.load(award.id, now, () =>
    verifyBadge(deps, { kind: 'credential', credential: award.credential }),
  );
  const base = deps.config.publicUrl;
  const pageUrl = `${base}/badges/${award.id}`;
  const skills = pageSkills(award.skills);
  return {
    awardId: award.id,
    pageUrl,
    imageUrl: `/achievements/${award.badgeId}/versions/${award.versionNumber}/image`,
    previewPngUrl: `${pageUrl}/preview.png`,
    oembedUrl: `${base}/oembed?url=${encodeURIComponent(pageUrl)}&format=json`,
    credentialShared: credentialIsShared(award),
    name: award.name,
    description: award.description,
    criteria: award.criteriaNarrative,
    skills,
    relatedJobs: await badgeRelatedJobs(deps.db, alignedSkills(skills)),
    level: award.level,
    issuer: { name: award.issuerName, website: award.issuerWebsite, did: issuerDid(award.credential) },
    recipientName: award.showName ? (award.recipientName ?? award.userName ?? null) : null,
    evidenceUrl: award.showEvidence ? award.evidenceUrl : null,
    awardedDate: award.awardedDate,
    issuedAt: award.issuedAt,
    validUntil: award.validUntil,
    renewed: award.supersededAt !== null,
    now,
    report: checked.report,
    checkedAt: checked.checkedAt,
    endorsements: (await publicEndorsements(deps, award.id)).map((e) => ({
      orgName: e.orgName,
      comment: e.comment,
      createdAt: e.createdAt,
      credentialUrl: e.credentialUrl ?? '',
    })),
  };
}

export interface SharingChoice {
  visibility?: 'private' | 'public';
  showName?: boolean;
  showEvidence?: boolean;
}

/** Only the learner who accepted the badge decides who sees it. */
export async function changeSharing(deps: Deps, actor: Actor | null, awardId: string, choice: SharingChoice) {
  const me = requireActor(actor);
  const updated = await setSharing(deps.db, awardId, me.user.id, choice);
  if (!updated) throw new NotFoundError('badge');
  // Made private, or the name hidden: no cached page may show it any longer.
  pageCacheOf(deps).forget(awardId);
  return { ...updated, pageUrl: `${deps.config.publicUrl}/badges/${updated.id}` };
}
