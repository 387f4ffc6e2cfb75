// The gradebook context's face: LMS line items and learners' grades (reported by src/lti), read by the
// badge rules (grade requirements) and the badge editor.
export { gradebookRoutes } from './routes.ts';
export {
  type GradeInput,
  type LineItemInput,
  lineItemsForMembers,
  listLineItems,
  recordGrade,
  upsertLineItem,
} from './service.ts';
export { gradesOfUser, type LineItemView, lineItemsByIds, type StoredGrade } from './store.ts';
