// validatePresentationDataModel: the VC Data Model 2.0 rules for a verifiable presentation and every
// credential it carries. https://www.w3.org/TR/vc-data-model-2.0/#verifiable-presentations
import {
  type Add,
  below,
  checkContext,
  checkId,
  checkLanguageValues,
  checkType,
  checkTypedObjects,
} from './common.ts';
import { checkCredential, hasType } from './credential.ts';
import { checkEnvelope } from './envelope.ts';
import { describe, isObject, isUrl, itemPath, type Json } from './primitives.ts';
import type { DataModelOptions, DataModelViolation } from './types.ts';

function checkHolder(presentation: Json, add: Add): void {
  const holder = presentation.holder;
  if (holder === undefined) return;
  const expectation = 'The holder must be a URL, or an object with an id that is a URL';
  if (isObject(holder)) {
    if (!isUrl(holder.id)) add('holder', 'holder.id', `${expectation}; its id is ${describe(holder.id)}.`);
  } else if (!isUrl(holder)) add('holder', 'holder', `${expectation}; it is ${describe(holder)}.`);
}

function checkCredentials(presentation: Json, options: DataModelOptions, add: Add): void {
  const value = presentation.verifiableCredential;
  if (value === undefined) return;
  const items = Array.isArray(value) ? value : [value];
  items.forEach((item, index) => {
    const path = Array.isArray(value) ? itemPath('verifiableCredential', index) : 'verifiableCredential';
    if (!isObject(item)) {
      add(
        'verifiable-credential',
        path,
        `Each verifiableCredential must be a credential object or an enveloped credential object, not ${describe(item)}.`,
      );
      return;
    }
    checkCredential(item, options, below(path, add));
  });
}

/** Checks one presentation, and each credential in it, against the VC Data Model; empty means it conforms. */
export function validatePresentationDataModel(
  presentation: Record<string, unknown>,
  options: DataModelOptions = {},
): DataModelViolation[] {
  const violations: DataModelViolation[] = [];
  const add: Add = (rule, path, message) => {
    violations.push({ rule, path, message });
  };
  if (!isObject(presentation)) {
    add('document', '', `A presentation must be a JSON object; this is ${describe(presentation)}.`);
    return violations;
  }
  if (hasType(presentation, 'EnvelopedVerifiablePresentation')) {
    checkEnvelope(presentation, 'EnvelopedVerifiablePresentation', '', add);
    return violations;
  }
  checkContext(presentation['@context'], '', 'presentation', add);
  checkId(presentation.id, 'id', add);
  checkType(presentation.type, 'type', add, 'presentation', 'VerifiablePresentation');
  checkHolder(presentation, add);
  checkTypedObjects(
    presentation,
    { property: 'termsOfUse', rule: 'terms-of-use', label: 'termsOfUse', idRequired: false },
    add,
  );
  checkCredentials(presentation, options, add);
  // Credentials were walked above; the presentation's own values are walked without them.
  const { verifiableCredential: _credentials, ...own } = presentation;
  checkLanguageValues(own, '', add);
  return violations;
}
