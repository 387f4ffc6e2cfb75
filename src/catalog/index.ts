// Public face of the catalog context: courses, revisions and the published catalog.
export { archiveCourse, createCourse, editCourse, publishCourse } from './authoring.ts';
export { courseImagePublicRoutes, courseImageRoutes } from './course-image-routes.ts';
export { issuerPageRoutes } from './issuer-page-routes.ts';
export { renderMarkdown } from './markdown.ts';
export {
  type AssessmentPool,
  type ChoiceOption,
  type EvidenceTaskKind,
  MAX_UPLOAD_MEGABYTES,
  type PublicUnit,
  publicUnit,
  type Question,
  questionsAsked,
  type RubricCriterion,
  sniffFileType,
  type Unit,
  UPLOAD_CONTENT_TYPES,
  type UploadFileType,
  type UploadRules,
} from './model.ts';
export { catalogPublicRoutes } from './public-routes.ts';
export {
  activityCodePrefixOf,
  type CourseForBadge,
  coursesForBadges,
  publishedCourse,
  type RevisionContent,
  revisionContent,
  searchCatalog,
} from './queries.ts';
export { catalogRoutes } from './routes.ts';
export type { UnitInput } from './schema.ts';
export type { PublishedCourseRow } from './store.ts';
export {
  evidenceTaskSchema,
  playerUnitSchema,
  rubricCriterionSchema,
  unitKindSchema,
} from './unit-schema.ts';
