// The gap to an occupation for one of the three inputs, with what would close each gap: published badges
// (latest published version) and published courses whose skills carry the concept, up to three of each,
// found in one query per kind for all the gaps.
import { achievementUrl } from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import type { Actor } from '../identity/index.ts';
import {
  type FrameworkId,
  isCore,
  occupationDetail,
  occupationIndex,
  type QuerySkill,
  unknownSkills,
} from '../skills/index.ts';
import { type Gap, type GapEntry, gapTo, type Shown } from './gap.ts';
import type { InsightsInput } from './input.ts';
import { resolveInput } from './input.ts';
import { badgesCarrying, coursesCarrying } from './store.ts';

const CLOSERS = 3;

export interface Closers {
  badges: { id: string; name: string; issuer: string; url: string }[];
  courses: { id: string; title: string; url: string }[];
}

export interface GapReply {
  occupation: { framework: FrameworkId; code: string; title: string; jobZone: number | null; source: string };
  have: Gap['have'];
  gaps: (GapEntry & { closers: Closers })[];
  coverage: number;
}

/** Listed concepts must be imported, as for related occupations: 400 naming each one. */
async function refuseUnknown(deps: Deps, skills: QuerySkill[]): Promise<void> {
  const unknown = unknownSkills(await occupationIndex(deps.db), skills);
  if (unknown.length === 0) return;
  throw new InvalidError(
    `Unknown skill concept${unknown.length > 1 ? 's' : ''}: ${unknown.map((s) => `${s.framework} ${s.code}`).join(', ')}.`,
    unknown.map((s) => ({
      path: `skills[${skills.indexOf(s)}].code`,
      message: `No ${s.framework} concept "${s.code}" has been imported.`,
      code: 'concept-not-imported',
      params: { framework: s.framework, code: s.code },
    })),
  );
}

/** Up to three badges and three courses per concept (index for index), for any list of one framework's concepts. */
export async function closersOf(
  deps: Deps,
  framework: FrameworkId,
  gaps: Pick<GapEntry, 'code'>[],
): Promise<Closers[]> {
  const concepts = gaps.map((g) => ({ framework, code: g.code }));
  const [badges, courses] = await Promise.all([
    badgesCarrying(deps.db, concepts, CLOSERS),
    coursesCarrying(deps.db, concepts, CLOSERS),
  ]);
  const closers: Closers[] = gaps.map(() => ({ badges: [], courses: [] }));
  for (const b of badges)
    closers[b.concept]?.badges.push({
      id: b.id,
      name: b.name,
      issuer: b.issuer,
      url: achievementUrl(deps, b.id),
    });
  for (const c of courses)
    closers[c.concept]?.courses.push({ id: c.id, title: c.title, url: `/catalog/${c.id}` });
  return closers;
}

export async function gapFor(
  deps: Deps,
  actor: Actor | null,
  input: InsightsInput & { occupation: { framework: FrameworkId; code: string } },
): Promise<GapReply> {
  const { framework, code } = input.occupation;
  const detail = await occupationDetail(deps.db, framework, code);
  if (!detail)
    throw new InvalidError(`Unknown occupation: ${framework} ${code}.`, [
      {
        path: 'occupation.code',
        message: `No ${framework} occupation "${code}" has been imported.`,
        code: 'occupation-not-imported',
        params: { framework, code },
      },
    ]);
  if (input.skills) await refuseUnknown(deps, input.skills);
  const resolved = await resolveInput(deps, actor, input, framework);
  const shown = new Map<string, Shown>();
  if (resolved.kind === 'skills') {
    for (const s of resolved.skills) {
      const earlier = shown.get(s.code);
      const level = s.level ?? null;
      // A repeated concept keeps its highest level (one without a level counts as fully shown).
      if (!earlier || level === null || (earlier.level !== null && level > earlier.level))
        shown.set(s.code, { level, badges: [] });
    }
  } else {
    for (const h of resolved.held)
      shown.set(h.code, {
        level: h.level,
        badges: h.badges.map((b) => ({ awardId: b.awardId, name: b.name })),
      });
  }
  const gap = gapTo(detail.skills.filter(isCore), shown);
  const closers = await closersOf(deps, framework, gap.gaps);
  return {
    occupation: {
      framework: detail.framework,
      code: detail.code,
      title: detail.title,
      jobZone: detail.jobZone,
      source: detail.source,
    },
    have: gap.have,
    gaps: gap.gaps.map((g, i) => ({ ...g, closers: closers[i] ?? { badges: [], courses: [] } })),
    coverage: gap.coverage,
  };
}
