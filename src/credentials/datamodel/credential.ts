// validateCredentialDataModel: the normative MUSTs of the VC Data Model 2.0 (and 1.1) for one credential.
// https://www.w3.org/TR/vc-data-model-2.0/#basic-concepts — every violation is returned, none thrown.
import {
  type Add,
  checkContext,
  checkId,
  checkLanguageValues,
  checkNaturalText,
  checkType,
  checkTypedObjects,
  type TypedObjectRule,
  type Version,
} from './common.ts';
import { checkEnvelope } from './envelope.ts';
import {
  childPath,
  describe,
  instantOf,
  isDateTime,
  isDateTimeStamp,
  isObject,
  isUrl,
  itemPath,
  type Json,
} from './primitives.ts';
import { checkRelatedResources } from './related.ts';
import type { DataModelOptions, DataModelViolation } from './types.ts';

function typedObjectRules(version: Version | undefined): TypedObjectRule[] {
  const v1 = version === 'v1';
  return [
    // VC 1.1 §4.9 requires a status id; VC 2.0 §4.10 makes it optional.
    { property: 'credentialStatus', rule: 'credential-status', label: 'credentialStatus', idRequired: v1 },
    { property: 'termsOfUse', rule: 'terms-of-use', label: 'termsOfUse', idRequired: false },
    { property: 'evidence', rule: 'evidence', label: 'evidence', idRequired: false },
    // VC 1.1 §5.6 requires a refresh service id; VC 2.0 §5.4 only its type.
    { property: 'refreshService', rule: 'refresh-service', label: 'refreshService', idRequired: v1 },
    { property: 'credentialSchema', rule: 'credential-schema', label: 'credentialSchema', idRequired: true },
  ];
}

function checkIssuer(credential: Json, add: Add): void {
  const issuer = credential.issuer;
  const expectation = 'The issuer must be a URL, or an object with an id that is a URL';
  if (issuer === undefined) add('issuer', 'issuer', 'The credential has no issuer.');
  else if (typeof issuer === 'string') {
    if (!isUrl(issuer)) add('issuer', 'issuer', `${expectation}; it is ${describe(issuer)}.`);
  } else if (isObject(issuer)) {
    if (!isUrl(issuer.id)) add('issuer', 'issuer.id', `${expectation}; its id is ${describe(issuer.id)}.`);
    checkNaturalText(issuer, 'name', 'issuer', add);
    checkNaturalText(issuer, 'description', 'issuer', add);
  } else add('issuer', 'issuer', `${expectation}; it is ${describe(issuer)}.`);
}

function checkSubject(subject: unknown, path: string, add: Add): void {
  if (!isObject(subject)) {
    add(
      'credential-subject',
      path,
      `A credential subject must be an object; this one is ${describe(subject)}.`,
    );
  } else if (Object.keys(subject).length === 0) {
    add('credential-subject', path, 'A credential subject must make at least one claim; this one is empty.');
  } else {
    checkId(subject.id, childPath(path, 'id'), add);
  }
}

function checkSubjects(credential: Json, add: Add): void {
  const subjects = credential.credentialSubject;
  if (subjects === undefined)
    add('credential-subject', 'credentialSubject', 'The credential has no credentialSubject.');
  else if (!Array.isArray(subjects)) checkSubject(subjects, 'credentialSubject', add);
  else if (subjects.length === 0)
    add('credential-subject', 'credentialSubject', 'The credentialSubject list is empty.');
  else {
    subjects.forEach((subject, index) => {
      checkSubject(subject, itemPath('credentialSubject', index), add);
    });
  }
}

/** Start and end of validity; whether each is present and well formed, then their order. */
function checkValidity(credential: Json, version: Version | undefined, add: Add): void {
  const v1 = version === 'v1';
  const [fromKey, untilKey] = v1 ? ['issuanceDate', 'expirationDate'] : ['validFrom', 'validUntil'];
  const [fromRule, untilRule] = v1
    ? (['issuance-date', 'expiration-date'] as const)
    : (['valid-from', 'valid-until'] as const);
  const isValid = v1 ? isDateTime : isDateTimeStamp;
  const shape = v1
    ? 'an XML Schema dateTime such as 2024-01-01T00:00:00Z'
    : 'a date and time with a time zone (XML Schema dateTimeStamp) such as 2024-01-01T00:00:00Z';
  const from = credential[fromKey];
  const until = credential[untilKey];
  if (from === undefined && v1) add(fromRule, fromKey, 'A VC 1.1 credential must have an issuanceDate.');
  if (from !== undefined && !isValid(from))
    add(fromRule, fromKey, `${fromKey} must be ${shape}; it is ${describe(from)}.`);
  if (until !== undefined && !isValid(until))
    add(untilRule, untilKey, `${untilKey} must be ${shape}; it is ${describe(until)}.`);
  if (isValid(from) && isValid(until)) {
    const start = instantOf(from);
    const end = instantOf(until);
    if (start !== undefined && end !== undefined && start > end)
      add('validity-order', untilKey, `${untilKey} (${until}) is earlier than ${fromKey} (${from}).`);
  }
}

/** Checks one credential against the VC Data Model; an empty list means it conforms. */
export function validateCredentialDataModel(
  credential: Record<string, unknown>,
  options: DataModelOptions = {},
): DataModelViolation[] {
  const violations: DataModelViolation[] = [];
  checkCredential(credential, options, (rule, path, message) => {
    violations.push({ rule, path, message });
  });
  return violations;
}

/** The credential rules, reporting through `add` (a presentation passes one that prefixes paths). */
export function checkCredential(credential: unknown, options: DataModelOptions, add: Add): void {
  if (!isObject(credential)) {
    add('document', '', `A credential must be a JSON object; this is ${describe(credential)}.`);
    return;
  }
  if (hasType(credential, 'EnvelopedVerifiableCredential')) {
    checkEnvelope(credential, 'EnvelopedVerifiableCredential', '', add);
    return;
  }
  const version = checkContext(credential['@context'], '', 'credential', add);
  checkId(credential.id, 'id', add);
  checkType(credential.type, 'type', add, 'credential', 'VerifiableCredential');
  checkNaturalText(credential, 'name', '', add);
  checkNaturalText(credential, 'description', '', add);
  checkIssuer(credential, add);
  checkSubjects(credential, add);
  checkValidity(credential, version, add);
  for (const rule of typedObjectRules(version)) checkTypedObjects(credential, rule, add);
  checkRelatedResources(credential, options, add);
  checkLanguageValues(credential, '', add);
}

export function hasType(document: Json, type: string): boolean {
  const types = document.type;
  return types === type || (Array.isArray(types) && types.includes(type));
}
