// Public face of the badges context: definitions, awards, the learner's backpack and progress, reminders.

// Definitions (H1): drafts, published versions, the Achievement, pictures.
export { achievementDocument, achievementOf, achievementUrl, versionImageUrl } from './achievement.ts';
// Awarding (H2): the engine, claims, issuer award operations.
export { type AwardInput, type AwardOutcome, awardBadge, evaluateBadgeFor } from './award.ts';
export { awardListRoutes } from './award-list-routes.ts';
export { queueAwardMail } from './award-mail.ts';
export { awardRoutes } from './award-routes.ts';
export type { AwardRow, AwardWithCredential } from './award-store.ts';
export { backpackRoutes } from './backpack-routes.ts';
export { BulkFileRefusedError } from './bulk-csv.ts';
// Bulk awards (H4): CSV dry run, background run, its job and ticker.
export { bulkAwardJob, bulkRunsTicker, resumeStalledBulkRuns } from './bulk-job.ts';
export { describeLease } from './bulk-lease.ts';
export { bulkAwardRoutes } from './bulk-routes.ts';
export { type BulkStage, type ProcessOutcome, processBulkRun } from './bulk-runs.ts';
export { findBulkRun, previewBulkRunOfBadge, startBulkRunHere } from './bulk-service.ts';
export type { BulkRowRow, BulkRunRow } from './bulk-store.ts';
export { claimRoutes } from './claim-routes.ts';
export {
  acceptClaim,
  createClaim,
  declineClaim,
  recordAcceptance,
  recordDecline,
  resendClaim,
  viewClaim,
} from './claims.ts';
export { badgeDefinitionRoutes } from './definition-routes.ts';
export {
  type BadgeRow,
  type BadgeVersionRow,
  badgesOf,
  findVersion,
  latestPublishedVersion,
  publishedVersionsRequiring,
} from './definition-store.ts';
export {
  archiveBadge,
  BADGE_AUTHORS,
  type BadgeView,
  createBadge,
  editBadge,
  getBadge,
  listBadges,
  publishBadge,
} from './definitions.ts';
export { processLearningEvents } from './engine.ts';
export { announceExpiredAwards, expiredAwardsTicker } from './expiry-events.ts';
// Issuance fee (commerce): the first badge from an issuer waits for its fee; paying releases it.
export {
  awaitingFeeAward,
  awardOfLearner,
  awardsAwaitingFeeOf,
  feePayUrl,
  learnersAwaitingFee,
  releaseAwardsAwaitingFee,
} from './fee.ts';
export { type BadgeImage, badgeImage, checkBadgeImage } from './images.ts';
export { learningEventsTicker } from './jobs.ts';
export { type Learner, learnerOfUser, learnerRecord, learnerRecordOfUser } from './learner-record.ts';
export { DEFAULT_VALIDITY_DAYS, type SingleRequirement, singleRequirements } from './model.ts';
export { progressRoutes } from './progress-routes.ts';
export { isPublicAward, isSupersededCredential, publicCredentialOf } from './public-awards.ts';
export { badgePublicRoutes } from './public-routes.ts';
export { expiryRemindersTicker, sendExpiryReminders } from './reminders.ts';
export {
  onSkillRollupChange,
  rebuildSkillRollup,
  refreshSkillRollup,
  type SkillRollupListener,
} from './skill-rollup.ts';
