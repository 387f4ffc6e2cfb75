// The insights context: related occupations (from skills, an award or a whole backpack), occupations by
// title and by code, a learner's target occupation and the gap to it. The ranking and the framework data
// belong to the skills context; this one brings in awards, badges and courses. The learner-side gap (held
// skills, gapTo, closers) is reused where an employer's open role is matched to a learner's badges.
export { gapTo, type Shown } from './gap.ts';
export { type Closers, closersOf } from './gap-service.ts';
export { type HeldSkill, heldSkills } from './held-skills.ts';
export { insightsRoutes } from './routes.ts';
export { backpackSkills } from './store.ts';
