// The one skill shape of Tessera, used by badges and courses alike: a name, optionally aligned as free text
// (framework, code, url) and/or to a framework concept picked from skill search, with the level asserted or
// taught. A concept is resolved on write: the author's name stays, what they left out is filled from the
// imported concept. Free of SQL and HTTP (the lookup is alignment-store.ts).
import { z } from 'zod';
import type { FieldProblem } from '../errors.ts';
import type { FrameworkId } from './tables.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** O*NET's level scale (LV) runs 0–7; the level a badge asserts or a course teaches is given on it. */
export const MAX_SKILL_LEVEL = 7;
/** The concept's description kept with a skill (it becomes the OB 3.0 Alignment's targetDescription). */
export const MAX_SKILL_DESCRIPTION = 500;

export const conceptRefSchema = z.strictObject({
  framework: z.enum(['onet', 'esco']),
  code: text(300).meta({ description: 'O*NET element id (2.A.1.b) or ESCO concept URI' }),
});

const skillFields = {
  name: text(200),
  framework: text(100)
    .optional()
    .meta({ description: 'Free-text framework ("O*NET 29.3"); filled from the concept when left out' }),
  code: text(300)
    .optional()
    .meta({ description: 'Code in the framework; filled from the concept when left out' }),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional()
    .meta({ description: 'Where the skill is described; with a url the skill becomes an OB 3.0 Alignment' }),
  concept: conceptRefSchema
    .optional()
    .meta({ description: 'A framework concept picked from GET /api/v1/skills/search; must be imported' }),
  level: z
    .number()
    .min(0)
    .max(MAX_SKILL_LEVEL)
    .optional()
    .meta({ description: "The level asserted (badge) or taught (course), on O*NET's 0–7 level scale" }),
};

const skillExample = {
  name: 'Active listening',
  framework: 'O*NET 29.3',
  code: '2.A.1.b',
  url: 'https://www.onetonline.org/find/descriptor/result/2.A.1.b',
  concept: { framework: 'onet', code: '2.A.1.b' },
  level: 4,
};

/** A skill as authors write it (badges, courses). */
export const skillSchema = z.strictObject(skillFields).meta({
  description:
    'A skill: free text, optionally aligned (framework, code, url) or tied to an imported O*NET/ESCO concept, with a level 0–7',
  examples: [skillExample, { name: 'Spreadsheets' }],
});

/** A course skill may still be sent as a plain name (the shape before skills were objects). */
export const skillOrNameSchema = z.union([
  skillSchema,
  text(200).transform((name): SkillInput => ({ name })),
]);

/** A skill in a reply: the input shape, so an editor can send it back as it came. */
export const skillReplySchema = z.object(skillFields).meta({ examples: [skillExample] });

export type ConceptRef = z.infer<typeof conceptRefSchema>;
export type SkillInput = z.infer<typeof skillSchema>;

/** A skill as stored: what the author wrote, completed from the concept; `description` comes from the concept only. */
export interface Skill {
  name: string;
  framework?: string;
  code?: string;
  url?: string;
  concept?: ConceptRef;
  level?: number;
  /** The concept's description (≤ 500 characters), stored at resolution; never taken from input. */
  description?: string;
}

/** An imported concept, as resolution needs it. */
export interface ResolvedConcept {
  framework: FrameworkId;
  code: string;
  label: string;
  description: string;
  /** "O*NET 29.3", "ESCO 1.1.1". */
  frameworkName: string;
}

export const FRAMEWORK_LABELS: Record<FrameworkId, string> = { onet: 'O*NET', esco: 'ESCO' };

export const conceptKey = (ref: ConceptRef): string => `${ref.framework}\u0000${ref.code}`;

/** Where a concept is described: the ESCO concept URI, or its O*NET OnLine descriptor page. */
export function conceptUrl(ref: ConceptRef): string {
  return ref.framework === 'esco'
    ? ref.code
    : `https://www.onetonline.org/find/descriptor/result/${encodeURIComponent(ref.code)}`;
}

function shortened(description: string): string | undefined {
  const text = description.trim();
  if (text === '') return undefined;
  return text.length <= MAX_SKILL_DESCRIPTION
    ? text
    : `${text.slice(0, MAX_SKILL_DESCRIPTION - 1).trimEnd()}…`;
}

/** The concept references a list of skills names, each once. */
export function conceptRefsOf(skills: readonly SkillInput[]): ConceptRef[] {
  const refs = new Map<string, ConceptRef>();
  for (const skill of skills) if (skill.concept) refs.set(conceptKey(skill.concept), skill.concept);
  return [...refs.values()];
}

/**
 * Completes each skill from its concept (framework with version, code, url; the author's values win, the
 * name is never changed) and lists the concepts that were not found, at `<path>.<i>.concept`.
 */
export function applyConcepts(
  skills: readonly SkillInput[],
  concepts: ReadonlyMap<string, ResolvedConcept>,
  path = 'skills',
): { skills: Skill[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const resolved = skills.map((skill, i): Skill => {
    const { concept: ref, ...plain } = skill;
    if (!ref) return plain;
    const concept = concepts.get(conceptKey(ref));
    if (!concept) {
      problems.push({
        path: `${path}.${i}.concept`,
        message: `"${ref.code}" is not an imported ${FRAMEWORK_LABELS[ref.framework]} concept`,
        code: 'unknown-concept',
        params: { code: ref.code, framework: FRAMEWORK_LABELS[ref.framework] },
      });
      return plain;
    }
    const description = shortened(concept.description);
    return {
      ...plain,
      framework: plain.framework ?? concept.frameworkName,
      code: plain.code ?? concept.code,
      url: plain.url ?? conceptUrl(ref),
      concept: { framework: ref.framework, code: ref.code },
      ...(description ? { description } : {}),
    };
  });
  return { skills: resolved, problems };
}

/** Keeps only the concepts that are imported (demo data on a database without frameworks). */
export function withoutUnknownConcepts(
  skills: readonly SkillInput[],
  concepts: ReadonlyMap<string, ResolvedConcept>,
): SkillInput[] {
  return skills.map((skill) => {
    if (!skill.concept || concepts.has(conceptKey(skill.concept))) return skill;
    const { concept: _unknown, ...plain } = skill;
    return plain;
  });
}

/** The same skill: the same concept, or the same name whatever its case. */
export function sameSkill(a: Pick<Skill, 'name' | 'concept'>, b: Pick<Skill, 'name' | 'concept'>): boolean {
  if (a.concept && b.concept && conceptKey(a.concept) === conceptKey(b.concept)) return true;
  return a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
}

/** A stored skill as replies give it: the input shape (the concept's description stays inside). */
export function skillReply(skill: Skill): SkillInput {
  const { description: _kept, ...reply } = skill;
  return reply;
}
