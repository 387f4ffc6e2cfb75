// The skills context: skill frameworks (O*NET, ESCO) imported into the database.
// Skills of badges and courses, aligned to framework concepts (H1).
export {
  type ConceptRef,
  conceptRefSchema,
  FRAMEWORK_LABELS,
  MAX_SKILL_LEVEL,
  type Skill,
  type SkillInput,
  sameSkill,
  skillOrNameSchema,
  skillReply,
  skillReplySchema,
  skillSchema,
} from './alignment.ts';
export { resolveSkills, skillsWithKnownConcepts } from './alignment-service.ts';
export { conceptsByRef } from './alignment-store.ts';
export { importEsco } from './import-esco.ts';
export { importOnet } from './import-onet.ts';
export { type ImportProgress, type ImportSummary, SkillImportError } from './model.ts';
export {
  DETAIL_LIMITS,
  isCore,
  type OccupationDetail,
  type OccupationSkill,
  occupationDetail,
} from './occupation-detail.ts';
export { type QuerySkill, strength, unknownSkills } from './occupations.ts';
export { occupationIndex } from './occupations-load.ts';
export { type RelatedOccupation, relatedOccupations, type SkillRef } from './occupations-service.ts';
export { type AlignedSkill, badgeRelatedJobs, type RelatedJob } from './page-data.ts';
export { aboutDataPath, occupationPath, skillPath } from './page-layout.ts';
export { skillPublicRoutes } from './page-routes.ts';
export { skillRoutes } from './routes.ts';
export { importSampleWhereMissing, sampleDirectory } from './sample.ts';
export { type SearchableConcept, SkillSearchIndex } from './search.ts';
export type { FrameworkId } from './tables.ts';
