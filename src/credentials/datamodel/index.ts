// VC Data Model 2.0 (and 1.1) validation: pure functions returning every violation, each with a stable rule code.
export { validateCredentialDataModel } from './credential.ts';
export { validatePresentationDataModel } from './presentation.ts';
export type { DataModelOptions, DataModelRule, DataModelViolation } from './types.ts';
