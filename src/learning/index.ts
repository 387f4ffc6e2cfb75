// Public face of the learning context: enrolments, the player, evidence review, completions.
export {
  type CourseHolding,
  courseHoldings,
  endCourseAccess,
  enrolmentAccess,
  grantCourseAccess,
} from './access.ts';
export type { CertificateFacts } from './completion.ts';
export { enrol, enrolForRenewal, type RenewalEntry } from './enrolment.ts';
export { reviewSubmission, submitEvidence } from './evidence.ts';
export { gradeAnswer, normaliseText } from './grading.ts';
export { answerQuestion, openUnit } from './player.ts';
export { certificatePublicRoutes } from './public-routes.ts';
export { learningRoutes } from './routes.ts';
export { firstAnswers } from './store.ts';
export type { CompletionScore, LearningEventsTable } from './tables.ts';
