// The LTI context's face: platform registration (org API), the tool's endpoints, grade reading in the background.
export { ltiGradesTicker, ltiSweepTicker, syncGradesJob } from './jobs.ts';
export { ltiPlatformRoutes } from './routes.ts';
export { syncPlatformGrades } from './sync.ts';
export { ltiToolRoutes } from './tool-routes.ts';
