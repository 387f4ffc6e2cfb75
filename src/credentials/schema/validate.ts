// OB 3.0 JSON Schema checks with Ajv in draft 2019-09, the dialect 1EdTech writes the schemas in.
// The vendored files carry `$id`s ending in -jsonschema1.json, but credentials cite the published
// purl URLs (…_schema.json), so each file is registered under its published URL.
import { readFileSync } from 'node:fs';
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

const SCHEMA_BASE = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/';
export const OB_SCHEMAS = {
  achievementCredential: `${SCHEMA_BASE}ob_v3p0_achievementcredential_schema.json`,
  endorsementCredential: `${SCHEMA_BASE}ob_v3p0_endorsementcredential_schema.json`,
  profile: `${SCHEMA_BASE}ob_v3p0_profile_schema.json`,
  getOpenBadgeCredentialsResponse: `${SCHEMA_BASE}ob_v3p0_getopenbadgecredentialsresponse_schema.json`,
  imsxStatusInfo: `${SCHEMA_BASE}ob_v3p0_imsx_statusinfo_schema.json`,
} as const;

const schemaDir = new URL('../../../vendor/1edtech/schemas/ob_v3p0/', import.meta.url);

export interface SchemaError {
  /** JSON Pointer to the offending value, '' for the document itself. */
  path: string;
  keyword: string;
  message: string;
}

export type SchemaResult = { valid: true; errors: [] } | { valid: false; errors: SchemaError[] };

let ajv: Ajv2019 | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv2019 {
  if (ajv) return ajv;
  ajv = new Ajv2019({ allErrors: true, strict: false });
  (addFormats as unknown as (ajv: Ajv2019) => void)(ajv);
  for (const url of Object.values(OB_SCHEMAS)) {
    const { $id: _fileId, ...schema } = JSON.parse(
      readFileSync(new URL(url.slice(SCHEMA_BASE.length), schemaDir), 'utf8'),
    );
    ajv.addSchema(schema, url);
  }
  return ajv;
}

/** The compiled validator for a published schema URL; undefined for a schema we do not bundle. */
function validatorFor(schemaUrl: string): ValidateFunction | undefined {
  let validate = compiled.get(schemaUrl);
  if (!validate) {
    validate = instance().getSchema(schemaUrl);
    if (validate) compiled.set(schemaUrl, validate);
  }
  return validate;
}

export const isBundledSchema = (schemaUrl: string): boolean =>
  Object.values<string>(OB_SCHEMAS).includes(schemaUrl);

const toSchemaError = (error: ErrorObject): SchemaError => ({
  path: error.instancePath,
  keyword: error.keyword,
  message: `${error.instancePath || '(document)'} ${error.message ?? 'is invalid'}${
    error.keyword === 'additionalProperties' ? `: ${String(error.params.additionalProperty)}` : ''
  }`,
});

/** Validates `document` against one bundled schema, returning every error with its path. */
export function validateAgainstSchema(schemaUrl: string, document: unknown): SchemaResult {
  const validate = validatorFor(schemaUrl);
  if (!validate) throw new TypeError(`The schema ${schemaUrl} is not bundled with Tessera.`);
  if (validate(document)) return { valid: true, errors: [] };
  return { valid: false, errors: (validate.errors ?? []).map(toSchemaError) };
}

/**
 * Validates an OB 3.0 credential (Achievement- or EndorsementCredential by its type).
 * A lone `proof` object is checked as a one-element array: JSON-LD reads both alike and every
 * published signed example writes an object, but the 1EdTech "json" schema only allows arrays.
 */
export function validateOpenBadgeCredential(credential: unknown): SchemaResult {
  const document =
    credential && typeof credential === 'object' && !Array.isArray(credential)
      ? { ...(credential as object) }
      : credential;
  if (document && typeof document === 'object' && 'proof' in document && !Array.isArray(document.proof)) {
    (document as { proof: unknown }).proof = [document.proof];
  }
  const types = (document as { type?: unknown } | undefined)?.type;
  const isEndorsement = Array.isArray(types) && types.includes('EndorsementCredential');
  return validateAgainstSchema(
    isEndorsement ? OB_SCHEMAS.endorsementCredential : OB_SCHEMAS.achievementCredential,
    document,
  );
}
