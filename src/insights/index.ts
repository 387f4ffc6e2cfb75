// The insights context: related occupations (from skills, an award or a whole backpack), occupations by
// title and by code, a learner's target occupation and the gap to it. The ranking and the framework data
// belong to the skills context; this one brings in awards, badges and courses.
export { insightsRoutes } from './routes.ts';
