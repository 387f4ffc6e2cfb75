// Resolving skills on write (badge and course create/edit): every concept a request names is looked up in
// one query; an unknown one is refused at `skills.<i>.concept`, a known one completes its skill.
import type { Executor } from '../db/database.ts';
import { InvalidError } from '../errors.ts';
import {
  applyConcepts,
  conceptRefsOf,
  type Skill,
  type SkillInput,
  withoutUnknownConcepts,
} from './alignment.ts';
import { conceptsByRef } from './alignment-store.ts';

/** The skills as they are stored; throws InvalidError naming each concept that is not imported. */
export async function resolveSkills(
  db: Executor,
  skills: readonly SkillInput[],
  path = 'skills',
): Promise<Skill[]> {
  const concepts = await conceptsByRef(db, conceptRefsOf(skills));
  const resolved = applyConcepts(skills, concepts, path);
  if (resolved.problems.length > 0)
    throw new InvalidError(
      `${resolved.problems.length} skill(s) name a concept that is not imported.`,
      resolved.problems,
    );
  return resolved.skills;
}

/**
 * For demo data: the concepts that are not imported are dropped (the skill stays as free text), so seeding
 * never fails on a database where no framework was loaded.
 */
export async function skillsWithKnownConcepts(
  db: Executor,
  skills: readonly SkillInput[],
): Promise<SkillInput[]> {
  return withoutUnknownConcepts(skills, await conceptsByRef(db, conceptRefsOf(skills)));
}
