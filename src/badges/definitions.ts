// Badge definitions: issuer owners, admins and staff write a badge as a draft, publish it as an immutable
// version (n+1 each time; awards point at the version they were earned under) and archive it. Members read.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { type FieldProblem, InvalidError, NotFoundError } from '../errors.ts';
import { requireScope } from '../identity/index.ts';
import { type ActorOrSystem, type MembershipRole, requireMembership } from '../orgs/index.ts';
import { resolveSkills } from '../skills/index.ts';
import { type CreateBadgeInput, DEFAULT_DISCLOSE, type UpdateBadgeInput } from './definition-schema.ts';
import {
  type BadgeRow,
  type BadgeVersionRow,
  badgeRequirementEdges,
  badgesOf,
  findBadge,
  insertBadge,
  insertRequirementIndex,
  insertVersion,
  lockBadge,
  lockOrganizationPublishing,
  type RequirementIndexRow,
  updateBadge,
  versionsByIds,
} from './definition-store.ts';
import { minutesOf, namesOf, type Targets, targetProblems, targetsOf } from './definition-targets.ts';
import {
  courseSkillsOffered,
  createsCycle,
  estimatedMinutes,
  generatedCriteria,
  type Requirements,
  requirementNamesOf,
  requirementProblems,
  type Skill,
  singleRequirements,
} from './model.ts';

export const BADGE_AUTHORS: readonly MembershipRole[] = ['owner', 'admin', 'staff'];

/** Seed data acts as 'system': no person, no permission checks. */
type Author = ActorOrSystem | null;

/** A badge as its authors see it: the draft, its latest version, and what its requirements come to. */
export interface BadgeView {
  badge: BadgeRow;
  latestVersion: BadgeVersionRow | null;
  requirementNames: Record<string, string>;
  generatedCriteria: string;
  estimatedMinutes: number;
  /** Skills of the required courses the badge does not list yet. */
  courseSkills: Skill[];
}

export function authorize(actor: Author, orgId: string, write: boolean): void {
  if (actor === 'system') return;
  if (!write) {
    requireMembership(actor, orgId, 'any-member');
    return;
  }
  requireMembership(actor, orgId, BADGE_AUTHORS);
  requireScope(actor, 'catalog:write');
}

function viewOf(badge: BadgeRow, targets: Targets, latestVersion: BadgeVersionRow | null): BadgeView {
  const names = namesOf(targets);
  return {
    badge,
    latestVersion,
    requirementNames: requirementNamesOf(badge.requirements, names),
    generatedCriteria: generatedCriteria(badge.requirements, names),
    estimatedMinutes: estimatedMinutes(badge.requirements, minutesOf(targets)),
    courseSkills: courseSkillsOffered(
      badge.requirements,
      badge.skills,
      (courseId) => targets.courses.get(courseId)?.skills ?? [],
    ),
  };
}

async function viewsOf(db: Executor, orgId: string, badges: BadgeRow[]): Promise<BadgeView[]> {
  const targets = await targetsOf(
    db,
    orgId,
    badges.map((b) => b.requirements),
  );
  const versions = await versionsByIds(
    db,
    badges.flatMap((b) => (b.latestVersionId ? [b.latestVersionId] : [])),
  );
  const byId = new Map(versions.map((v) => [v.id, v]));
  return badges.map((b) => viewOf(b, targets, (b.latestVersionId && byId.get(b.latestVersionId)) || null));
}

function cycleProblems(badgeId: string, reqs: Requirements, edges: Map<string, string[]>): FieldProblem[] {
  return reqs.items.flatMap((req, i) => {
    const ids = (req.kind === 'group' ? req.items : [req]).flatMap((r) =>
      r.kind === 'badge' ? [r.badgeId] : [],
    );
    return ids.some((id) => id !== badgeId && createsCycle(badgeId, [id], edges))
      ? [
          {
            path: `requirements.items.${i}`,
            message: 'that badge already requires this one (a cycle)',
            code: 'requirement-cycle',
          },
        ]
      : [];
  });
}

async function checkDraft(db: Executor, orgId: string, reqs: Requirements, badgeId?: string): Promise<void> {
  const targets = await targetsOf(db, orgId, [reqs]);
  const problems = [...requirementProblems(reqs, badgeId), ...targetProblems(reqs, targets, false)];
  if (problems.length > 0) throw new InvalidError(`The badge has ${problems.length} problem(s).`, problems);
}

const json = <T>(value: T) => JSON.stringify(value);

export async function createBadge(
  deps: Deps,
  actor: Author,
  orgId: string,
  input: CreateBadgeInput,
): Promise<BadgeView> {
  authorize(actor, orgId, true);
  await checkDraft(deps.db, orgId, input.requirements);
  const skills = await resolveSkills(deps.db, input.skills);
  const badge = await insertBadge(deps.db, {
    orgId,
    name: input.name,
    description: input.description,
    criteriaNarrative: input.criteriaNarrative,
    imageKey: null,
    imageType: null,
    colors: input.colors ? json(input.colors) : null,
    skills: json(skills),
    level: input.level,
    validityDays: input.validityDays,
    requirements: json(input.requirements),
    renewAfterAccessEnded: input.renewAfterAccessEnded,
    discloseResults: (input.disclose ?? DEFAULT_DISCLOSE).results,
    discloseEvidence: (input.disclose ?? DEFAULT_DISCLOSE).evidence,
    latestVersionId: null,
    updatedAt: deps.now(),
  });
  return (await viewsOf(deps.db, orgId, [badge]))[0] as BadgeView;
}

/** Edits always go to the draft; learners and the award engine see them only after the next publish. */
export async function editBadge(
  deps: Deps,
  actor: Author,
  orgId: string,
  badgeId: string,
  input: UpdateBadgeInput,
): Promise<BadgeView> {
  authorize(actor, orgId, true);
  const existing = await findBadge(deps.db, orgId, badgeId);
  if (!existing) throw new NotFoundError('badge');
  if (input.requirements) await checkDraft(deps.db, orgId, input.requirements, badgeId);
  const { colors, skills: skillInput, requirements, disclose, ...plain } = input;
  const skills = skillInput && (await resolveSkills(deps.db, skillInput));
  const badge = await updateBadge(deps.db, badgeId, {
    ...plain,
    ...(disclose !== undefined
      ? { discloseResults: disclose.results, discloseEvidence: disclose.evidence }
      : {}),
    ...(colors !== undefined ? { colors: colors ? json(colors) : null } : {}),
    ...(skills !== undefined ? { skills: json(skills) } : {}),
    ...(requirements !== undefined ? { requirements: json(requirements) } : {}),
    updatedAt: deps.now(),
  });
  return (await viewsOf(deps.db, orgId, [badge]))[0] as BadgeView;
}

/** The draft, for its authors (write) or any member (read). */
export async function authoredBadge(
  deps: Deps,
  actor: Author,
  orgId: string,
  badgeId: string,
  write = false,
): Promise<BadgeRow> {
  authorize(actor, orgId, write);
  const badge = await findBadge(deps.db, orgId, badgeId);
  if (!badge) throw new NotFoundError('badge');
  return badge;
}

export async function getBadge(
  deps: Deps,
  actor: Author,
  orgId: string,
  badgeId: string,
): Promise<BadgeView> {
  const badge = await authoredBadge(deps, actor, orgId, badgeId);
  return (await viewsOf(deps.db, orgId, [badge]))[0] as BadgeView;
}

export async function listBadges(deps: Deps, actor: Author, orgId: string): Promise<BadgeView[]> {
  authorize(actor, orgId, false);
  return viewsOf(deps.db, orgId, await badgesOf(deps.db, orgId));
}

/** What the award engine looks a badge up by: each single requirement's target, groups opened up. */
function indexRows(version: BadgeVersionRow, reqs: Requirements): RequirementIndexRow[] {
  return singleRequirements(reqs).map((req) => ({
    badgeVersionId: version.id,
    orgId: version.orgId,
    kind: req.kind,
    targetId: req.kind === 'badge' ? req.badgeId : req.kind === 'grade' ? req.lineItemId : req.courseId,
  }));
}

/** Snapshots the draft as version n+1 once its requirements hold; earlier versions never change. */
export async function publishBadge(
  deps: Deps,
  actor: Author,
  orgId: string,
  badgeId: string,
): Promise<BadgeView> {
  authorize(actor, orgId, true);
  return deps.db.transaction().execute(async (trx) => {
    await lockOrganizationPublishing(trx, orgId);
    const draft = await lockBadge(trx, orgId, badgeId);
    if (!draft) throw new NotFoundError('badge');
    const reqs = draft.requirements;
    const targets = await targetsOf(trx, orgId, [reqs]);
    const problems = [
      ...(reqs.items.length === 0
        ? [{ path: 'requirements.items', message: 'needs at least one requirement', code: 'no-requirements' }]
        : []),
      ...requirementProblems(reqs, badgeId),
      ...targetProblems(reqs, targets, true),
      ...cycleProblems(badgeId, reqs, await badgeRequirementEdges(trx, orgId)),
    ];
    if (problems.length > 0) throw new InvalidError('The badge is not ready to publish.', problems);
    const names = namesOf(targets);
    const version = await insertVersion(trx, {
      badgeId,
      orgId,
      name: draft.name,
      description: draft.description,
      criteriaNarrative: draft.criteriaNarrative ?? generatedCriteria(reqs, names),
      imageKey: draft.imageKey,
      imageType: draft.imageType,
      colors: draft.colors ? json(draft.colors) : null,
      design: draft.design ? json(draft.design) : null,
      skills: json(draft.skills),
      level: draft.level,
      validityDays: draft.validityDays,
      requirements: json(reqs),
      estimatedMinutes: estimatedMinutes(reqs, minutesOf(targets)),
      renewAfterAccessEnded: draft.renewAfterAccessEnded,
      discloseResults: draft.discloseResults,
      discloseEvidence: draft.discloseEvidence,
      publishedAt: deps.now(),
    });
    await insertRequirementIndex(trx, indexRows(version, reqs));
    const badge = await updateBadge(trx, badgeId, {
      state: 'published',
      latestVersionId: version.id,
      updatedAt: deps.now(),
    });
    return viewOf(badge, targets, version);
  });
}

/** No new awards from now on; awards already made stay valid. Publishing again brings the badge back. */
export async function archiveBadge(
  deps: Deps,
  actor: Author,
  orgId: string,
  badgeId: string,
): Promise<BadgeView> {
  const existing = await authoredBadge(deps, actor, orgId, badgeId, true);
  const badge =
    existing.state === 'archived'
      ? existing
      : await updateBadge(deps.db, badgeId, { state: 'archived', updatedAt: deps.now() });
  return (await viewsOf(deps.db, orgId, [badge]))[0] as BadgeView;
}
