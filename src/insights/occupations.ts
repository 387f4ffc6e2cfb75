// Related occupations for one of the three inputs: the skills context ranks (src/skills/occupations.ts); from
// badges, each matched skill names the badges asserting it and the explanation names the badge ("Because your
// badge "Payroll Basics" asserts Active Listening at level 4 …"). Badge concepts the frameworks do not hold
// (not imported yet) are left out rather than refused: the learner did not choose them.
import type { Deps } from '../deps.ts';
import type { Actor } from '../identity/index.ts';
import {
  type FrameworkId,
  occupationIndex,
  type RelatedOccupation,
  relatedOccupations,
  unknownSkills,
} from '../skills/index.ts';
import { asQuery, conceptKey, type HeldBadge, type HeldSkill, heldByKey } from './held-skills.ts';
import { type InsightsInput, resolveInput } from './input.ts';

export type RelatedItem = RelatedOccupation & {
  matched: (RelatedOccupation['matched'][number] & { badges?: HeldBadge[] })[];
};

export interface RelatedReply {
  items: RelatedItem[];
  reason?: 'no-aligned-skills';
}

function listed(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Why the strongest matched skill counts here (the skills context says it the same way). */
function needs(first: RelatedOccupation['matched'][number] | undefined): string {
  if (first?.importance !== null && first?.importance !== undefined)
    return ` (importance ${first.importance.toFixed(1)} of 5 here, more than in most occupations)`;
  if (first?.relation === 'essential') return ' (essential here, and not common to most occupations)';
  return ' (distinctive for this occupation)';
}

/** "Because your badge "A" asserts X at level 4 and Y, and your badge "B" asserts Z (…)." */
export function badgeBecause(item: RelatedOccupation, held: Map<string, HeldSkill>): string {
  const byBadge = new Map<string, { name: string; skills: string[] }>();
  for (const m of item.matched.slice(0, 3)) {
    const h = held.get(conceptKey(item.framework, m.code));
    const badge = h?.badges[0];
    if (!h || !badge) continue;
    const entry = byBadge.get(badge.awardId) ?? { name: badge.name, skills: [] };
    entry.skills.push(badge.level !== null ? `${m.label} at level ${badge.level}` : m.label);
    byBadge.set(badge.awardId, entry);
  }
  const clauses = [...byBadge.values()].map((b) => `your badge "${b.name}" asserts ${listed(b.skills)}`);
  return `Because ${listed(clauses)}${needs(item.matched[0])}.`;
}

export async function relatedFor(
  deps: Deps,
  actor: Actor | null,
  input: InsightsInput & { framework?: FrameworkId; limit: number },
): Promise<RelatedReply> {
  const resolved = await resolveInput(deps, actor, input, input.framework);
  if (resolved.kind === 'skills') {
    if (resolved.skills.length === 0) return { items: [] };
    return { items: await relatedOccupations(deps.db, resolved.skills, input.limit) };
  }
  const index = await occupationIndex(deps.db);
  const unknown = new Set(
    unknownSkills(index, asQuery(resolved.held)).map((s) => conceptKey(s.framework, s.code)),
  );
  const known = resolved.held.filter((h) => !unknown.has(conceptKey(h.framework, h.code)));
  if (known.length === 0) return { items: [], reason: 'no-aligned-skills' };
  const held = heldByKey(known);
  const items = await relatedOccupations(deps.db, asQuery(known), input.limit);
  return {
    items: items.map((item) => ({
      ...item,
      matched: item.matched.map((m) => ({
        ...m,
        badges: (held.get(conceptKey(item.framework, m.code))?.badges ?? []).map((b) => ({
          awardId: b.awardId,
          name: b.name,
        })),
      })),
      because: badgeBecause(item, held),
    })),
  };
}
