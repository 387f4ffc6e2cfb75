// SQL of the insights context: the awards whose badge skills feed insights (one award, or a learner's current
// backpack), the published badges and courses that carry given concepts (gap closers), the learner's target
// occupation (only ever their own row), and the occupation titles the title search indexes.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { FrameworkId } from '../skills/index.ts';
import type { AwardSkills } from './held-skills.ts';

export interface AwardForInsights extends AwardSkills {
  userId: string | null;
  recipientEmail: string;
  state: string;
  visibility: string;
}

/** One award with its badge version's name and skills, whoever holds it (the caller decides who may see it). */
export async function awardForInsights(db: Executor, awardId: string): Promise<AwardForInsights | undefined> {
  return db
    .selectFrom('awards as a')
    .innerJoin('badgeVersions as v', 'v.id', 'a.badgeVersionId')
    .select([
      'a.id as awardId',
      'v.name as badgeName',
      'v.skills',
      'a.userId',
      'a.recipientEmail',
      'a.state',
      'a.visibility',
    ])
    .where('a.id', '=', awardId)
    .executeTakeFirst();
}

/** The learner's current badges: accepted, not superseded, credential neither revoked nor suspended, not expired. */
export async function backpackSkills(db: Executor, userId: string, now: Date): Promise<AwardSkills[]> {
  return db
    .selectFrom('awards as a')
    .innerJoin('badgeVersions as v', 'v.id', 'a.badgeVersionId')
    .leftJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .select(['a.id as awardId', 'v.name as badgeName', 'v.skills'])
    .where('a.userId', '=', userId)
    .where('a.state', '=', 'accepted')
    .where('a.supersededAt', 'is', null)
    .where((eb) => eb.or([eb('c.state', 'is', null), eb('c.state', '=', 'active')]))
    .where((eb) => eb.or([eb('a.validUntil', 'is', null), eb('a.validUntil', '>', now)]))
    .orderBy('a.issuedAt', 'desc')
    .orderBy('a.id')
    .execute();
}

export interface ConceptRef {
  framework: FrameworkId;
  code: string;
}

/** The jsonb a skills array must contain to carry the concept. */
const pattern = (c: ConceptRef) => JSON.stringify([{ concept: { framework: c.framework, code: c.code } }]);

function patterns(concepts: ConceptRef[]) {
  return sql.join(concepts.map((c, i) => sql`(${i}, cast(${pattern(c)} as jsonb))`));
}

export interface CloserBadgeRow {
  concept: number;
  id: string;
  name: string;
  issuer: string;
}

/** Published badges whose latest version carries each concept: up to `few` per concept, by name. One query. */
export async function badgesCarrying(
  db: Executor,
  concepts: ConceptRef[],
  few: number,
): Promise<CloserBadgeRow[]> {
  if (concepts.length === 0) return [];
  const { rows } = await sql<CloserBadgeRow>`
    select concept, id, name, issuer from (
      select g.idx as concept, b.id, v.name, o.name as issuer,
             row_number() over (partition by g.idx order by v.name, b.id) as position
      from (values ${patterns(concepts)}) as g(idx, pattern)
      join badge_versions v on v.skills @> g.pattern
      join badges b on b.latest_version_id = v.id and b.state = 'published'
      join organizations o on o.id = b.org_id
    ) found
    where position <= ${few}
    order by concept, position`.execute(db);
  return rows.map((r) => ({ ...r, concept: Number(r.concept) }));
}

export interface CloserCourseRow {
  concept: number;
  id: string;
  title: string;
}

/** Published courses whose latest revision carries each concept: up to `few` per concept, by title. One query. */
export async function coursesCarrying(
  db: Executor,
  concepts: ConceptRef[],
  few: number,
): Promise<CloserCourseRow[]> {
  if (concepts.length === 0) return [];
  const { rows } = await sql<CloserCourseRow>`
    select concept, id, title from (
      select g.idx as concept, c.id, r.title,
             row_number() over (partition by g.idx order by r.title, c.id) as position
      from (values ${patterns(concepts)}) as g(idx, pattern)
      join course_revisions r on r.skills @> g.pattern
      join courses c on c.latest_revision_id = r.id and c.state = 'published'
    ) found
    where position <= ${few}
    order by concept, position`.execute(db);
  return rows.map((r) => ({ ...r, concept: Number(r.concept) }));
}

export async function targetOf(db: Executor, userId: string) {
  return db
    .selectFrom('learnerTargetOccupations')
    .select(['framework', 'code', 'setAt'])
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function setTarget(db: Executor, userId: string, target: ConceptRef, now: Date): Promise<void> {
  await db
    .insertInto('learnerTargetOccupations')
    .values({ userId, framework: target.framework, code: target.code, setAt: now })
    .onConflict((oc) =>
      oc.column('userId').doUpdateSet({ framework: target.framework, code: target.code, setAt: now }),
    )
    .execute();
}

export async function clearTarget(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('learnerTargetOccupations').where('userId', '=', userId).execute();
}

/** What the title index depends on: each complete framework's version and import time. */
export async function titleIndexState(db: Executor): Promise<string> {
  const rows = await db
    .selectFrom('skillFrameworks')
    .select(['id', 'name', 'version', 'status', 'importedAt'])
    .orderBy('id')
    .execute();
  return rows
    .map(
      (r) =>
        `${r.id}:${r.name}:${r.version}:${r.status}:${r.importedAt ? new Date(r.importedAt).toISOString() : ''}`,
    )
    .join('|');
}

export interface TitleRows {
  sources: Map<FrameworkId, string>;
  occupations: { framework: FrameworkId; code: string; title: string; jobZone: number | null }[];
  titles: { framework: FrameworkId; occupationCode: string; kind: 'alternate' | 'reported'; title: string }[];
}

/** Every occupation of the completely imported frameworks, with its alternate and reported titles. */
export async function occupationTitles(db: Executor): Promise<TitleRows> {
  const frameworks = await db
    .selectFrom('skillFrameworks')
    .select(['id', 'name', 'version'])
    .where('status', '=', 'complete')
    .execute();
  const ids = frameworks.map((f) => f.id);
  if (ids.length === 0) return { sources: new Map(), occupations: [], titles: [] };
  const [occupations, titles] = await Promise.all([
    db
      .selectFrom('skillOccupations')
      .select(['framework', 'code', 'title', 'jobZone'])
      .where('framework', 'in', ids)
      .execute(),
    db
      .selectFrom('skillOccupationTitles')
      .select(['framework', 'occupationCode', 'kind', 'title'])
      .where('framework', 'in', ids)
      .execute(),
  ]);
  return {
    sources: new Map(frameworks.map((f) => [f.id, `${f.name} ${f.version}`])),
    occupations: occupations.map((o) => ({ ...o, jobZone: o.jobZone === null ? null : Number(o.jobZone) })),
    titles,
  };
}
