// The demo data's skills: O*NET skills and knowledge of the shipped sample (vendor/skills-sample), with the
// level each badge asserts or course teaches, so a fresh install shows aligned skills. The sample is loaded
// at start before the demo data (src/main.ts); on a database without it (`tessera seed` on an empty
// install, tests) a concept that is not imported is dropped and the skill stays free text.
import type { Deps } from '../deps.ts';
import { type SkillInput, skillsWithKnownConcepts } from '../skills/index.ts';

const onet = (name: string, code: string, level: number): SkillInput => ({
  name,
  concept: { framework: 'onet', code },
  level,
});

export const DEMO_SKILLS = {
  activeListening: onet('Active listening', '2.A.1.b', 4),
  socialPerceptiveness: onet('Social perceptiveness', '2.B.1.a', 4),
  mathematics: onet('Mathematics', '2.A.1.e', 3),
  accounting: onet('Economics and accounting', '2.C.1.c', 3),
  personnel: onet('Personnel and human resources', '2.C.1.f', 4),
  lawAndGovernment: onet('Law and government', '2.C.8.b', 3),
  instructing: onet('Instructing', '2.B.1.e', 3),
  managingPeople: onet('Management of personnel resources', '2.B.5.d', 4),
  speaking: onet('Speaking', '2.A.1.d', 4),
  judgment: onet('Judgment and decision making', '2.B.4.e', 4),
} as const;

/** The skills as the demo can store them on this database (see above). */
export const demoSkills = (deps: Deps, skills: readonly SkillInput[]): Promise<SkillInput[]> =>
  skillsWithKnownConcepts(deps.db, skills);
