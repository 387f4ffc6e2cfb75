// The skills context: skill frameworks (O*NET, ESCO) imported into the database.
export { importEsco } from './import-esco.ts';
export { importOnet } from './import-onet.ts';
export { insightsRoutes } from './insights-routes.ts';
export { type ImportProgress, type ImportSummary, SkillImportError } from './model.ts';
export { skillRoutes } from './routes.ts';
export { importSampleWhereMissing, sampleDirectory } from './sample.ts';
