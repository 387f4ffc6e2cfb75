// SQL of badge definitions: the editable drafts (badges), their immutable published versions
// (badge_versions) and the index of what each published version requires (badge_requirement_index).
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { BadgeRequirementIndexTable, BadgesTable, BadgeVersionsTable } from './tables.ts';

export type BadgeRow = Selectable<BadgesTable>;
export type BadgeVersionRow = Selectable<BadgeVersionsTable>;
export type RequirementIndexRow = Insertable<BadgeRequirementIndexTable>;

export async function insertBadge(db: Executor, badge: Insertable<BadgesTable>): Promise<BadgeRow> {
  return db.insertInto('badges').values(badge).returningAll().executeTakeFirstOrThrow();
}

export async function findBadge(db: Executor, orgId: string, badgeId: string): Promise<BadgeRow | undefined> {
  return db
    .selectFrom('badges')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', badgeId)
    .executeTakeFirst();
}

export async function lockBadge(db: Executor, orgId: string, badgeId: string): Promise<BadgeRow | undefined> {
  return db
    .selectFrom('badges')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', badgeId)
    .forUpdate()
    .executeTakeFirst();
}

export async function badgesOf(db: Executor, orgId: string): Promise<BadgeRow[]> {
  return db
    .selectFrom('badges')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();
}

/** Badges by id, of any organization: the caller checks `orgId`. */
export async function badgesByIds(db: Executor, badgeIds: string[]): Promise<BadgeRow[]> {
  if (badgeIds.length === 0) return [];
  return db
    .selectFrom('badges')
    .selectAll()
    .where('id', 'in', [...new Set(badgeIds)])
    .execute();
}

export async function updateBadge(
  db: Executor,
  badgeId: string,
  changes: Updateable<BadgesTable>,
): Promise<BadgeRow> {
  return db
    .updateTable('badges')
    .set(changes)
    .where('id', '=', badgeId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Inserts version n+1 of the badge (callers hold the badge's row lock). */
export async function insertVersion(
  db: Executor,
  version: Omit<Insertable<BadgeVersionsTable>, 'number'>,
): Promise<BadgeVersionRow> {
  return db
    .insertInto('badgeVersions')
    .values({
      ...version,
      number: sql<number>`(select coalesce(max(number), 0) + 1 from badge_versions where badge_id = ${version.badgeId})`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertRequirementIndex(db: Executor, rows: RequirementIndexRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('badgeRequirementIndex')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function findVersion(db: Executor, versionId: string): Promise<BadgeVersionRow | undefined> {
  return db.selectFrom('badgeVersions').selectAll().where('id', '=', versionId).executeTakeFirst();
}

export async function versionsByIds(db: Executor, versionIds: string[]): Promise<BadgeVersionRow[]> {
  if (versionIds.length === 0) return [];
  return db.selectFrom('badgeVersions').selectAll().where('id', 'in', versionIds).execute();
}

export async function versionByNumber(
  db: Executor,
  badgeId: string,
  number: number,
): Promise<BadgeVersionRow | undefined> {
  return db
    .selectFrom('badgeVersions')
    .selectAll()
    .where('badgeId', '=', badgeId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** The version learners earn now: the latest one of a badge in the 'published' state. */
export async function latestPublishedVersion(
  db: Executor,
  badgeId: string,
): Promise<BadgeVersionRow | undefined> {
  return db
    .selectFrom('badges')
    .innerJoin('badgeVersions as v', 'v.id', 'badges.latestVersionId')
    .selectAll('v')
    .where('badges.id', '=', badgeId)
    .where('badges.state', '=', 'published')
    .executeTakeFirst();
}

/** The latest published version of every published badge that requires this course, evidence, badge or
 * LMS line item (grade), alone or inside an all/any group. */
export async function publishedVersionsRequiring(
  db: Executor,
  kind: 'course' | 'badge' | 'evidence' | 'grade',
  targetId: string,
): Promise<BadgeVersionRow[]> {
  return db
    .selectFrom('badgeRequirementIndex as i')
    .innerJoin('badgeVersions as v', 'v.id', 'i.badgeVersionId')
    .innerJoin('badges', 'badges.latestVersionId', 'v.id')
    .selectAll('v')
    .where('i.kind', '=', kind)
    .where('i.targetId', '=', targetId)
    .where('badges.state', '=', 'published')
    .orderBy('v.publishedAt')
    .execute();
}

/** Badge → the badges its latest published version requires, for an organization (cycle checks). */
export async function badgeRequirementEdges(db: Executor, orgId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('badges')
    .innerJoin('badgeRequirementIndex as i', 'i.badgeVersionId', 'badges.latestVersionId')
    .select(['badges.id as badgeId', 'i.targetId'])
    .where('badges.orgId', '=', orgId)
    .where('i.kind', '=', 'badge')
    .execute();
  const edges = new Map<string, string[]>();
  for (const row of rows) edges.set(row.badgeId, [...(edges.get(row.badgeId) ?? []), row.targetId]);
  return edges;
}

/** Serialises publishing within an organization, so two publishes cannot close a cycle between them. */
export async function lockOrganizationPublishing(trx: Executor, orgId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`badge-publish:${orgId}`}))`.execute(trx);
}

/** Is a stored image still the picture of a draft or of any published version? */
export async function isImageKeyInUse(db: Executor, imageKey: string): Promise<boolean> {
  const draft = await db
    .selectFrom('badges')
    .select('id')
    .where('imageKey', '=', imageKey)
    .executeTakeFirst();
  if (draft) return true;
  const version = await db
    .selectFrom('badgeVersions')
    .select('id')
    .where('imageKey', '=', imageKey)
    .executeTakeFirst();
  return version !== undefined;
}
