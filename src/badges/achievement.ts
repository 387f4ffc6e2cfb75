// A published badge version as an Open Badges 3.0 Achievement: what credentials carry, and the public
// document its id resolves to. https://www.imsglobal.org/spec/ob/v3p0/#achievement
import {
  type AchievementInput,
  type AlignmentInput,
  OB_V3_CONTEXT,
  stripEmpty,
  VC_V2_CONTEXT,
} from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { issuerDid } from '../issuing/index.ts';
import { organizationById } from '../orgs/index.ts';
import { type BadgeVersionRow, badgesByIds, findVersion } from './definition-store.ts';

export const achievementUrl = (deps: Deps, badgeId: string) =>
  `${deps.config.publicUrl}/achievements/${badgeId}`;
export const versionImageUrl = (deps: Deps, version: Pick<BadgeVersionRow, 'badgeId' | 'number'>) =>
  `${achievementUrl(deps, version.badgeId)}/versions/${version.number}/image`;

/**
 * OB 3.0 alignments need a targetUrl: only skills with a url become one; every skill is also a tag. A skill
 * tied to a framework concept is a competency of that framework, described as the framework describes it.
 */
function alignmentsOf(version: BadgeVersionRow): AlignmentInput[] {
  return version.skills.flatMap((skill) =>
    skill.url
      ? [
          {
            targetName: skill.name,
            targetUrl: skill.url,
            ...(skill.framework ? { targetFramework: skill.framework } : {}),
            ...(skill.code ? { targetCode: skill.code } : {}),
            ...(skill.concept ? { targetType: 'ceasn:Competency' } : {}),
            ...(skill.concept && skill.description ? { targetDescription: skill.description } : {}),
          },
        ]
      : [],
  );
}

export function achievementOf(deps: Deps, version: BadgeVersionRow): AchievementInput {
  const id = achievementUrl(deps, version.badgeId);
  const tags = [
    ...new Set([...(version.level ? [version.level] : []), ...version.skills.map((s) => s.name)]),
  ];
  const alignments = alignmentsOf(version);
  return {
    id,
    name: version.name,
    description: version.description,
    achievementType: 'Badge',
    criteria: { id: `${id}#criteria`, narrative: version.criteriaNarrative },
    image: { id: versionImageUrl(deps, version), caption: version.name },
    ...(alignments.length > 0 ? { alignments } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    version: String(version.number),
  };
}

/** The JSON-LD document at the achievement's id: its newest version, with the issuer as creator. */
export async function achievementDocument(deps: Deps, badgeId: string): Promise<Record<string, unknown>> {
  const [badge] = await badgesByIds(deps.db, [badgeId]);
  // Archived badges keep answering: credentials already issued point here.
  const version = badge?.latestVersionId ? await findVersion(deps.db, badge.latestVersionId) : undefined;
  if (!badge || !version) throw new NotFoundError('achievement');
  const org = await organizationById(deps.db, version.orgId);
  const achievement = achievementOf(deps, version);
  return stripEmpty({
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: achievement.id,
    type: ['Achievement'],
    achievementType: achievement.achievementType,
    name: achievement.name,
    description: achievement.description,
    criteria: achievement.criteria,
    image: achievement.image && { ...achievement.image, type: 'Image' },
    alignment: achievement.alignments?.map((a) => ({ type: ['Alignment'], ...a })),
    tag: achievement.tags,
    version: achievement.version,
    creator: org && {
      id: issuerDid(deps, org.slug),
      type: ['Profile'],
      name: org.name,
      url: org.websiteUrl ?? undefined,
    },
  });
}
