export {
  isBundledSchema,
  OB_SCHEMAS,
  type SchemaError,
  type SchemaResult,
  validateAgainstSchema,
  validateOpenBadgeCredential,
} from './validate.ts';
