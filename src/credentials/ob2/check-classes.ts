// Structural checks of an OB 2.0 BadgeClass and issuer Profile, rule for rule as the 1EdTech validator
// (openbadges-validator-core, ClassValidators) makes them, whether they come alone or behind an Assertion.
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#BadgeClass
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#Profile
import { checkCollector, type Ob2CheckResult } from './check.ts';
import {
  asArray,
  hasOb2Context,
  hasType,
  imageProblem,
  isEmail,
  isIri,
  isLanguageTag,
  isObject,
  isTelephone,
  isText,
  isUrl,
  isUrlAuthority,
  type Json,
  OB2_CONTEXTS,
  relatedProblem,
} from './values.ts';

type Collector = ReturnType<typeof checkCollector>;

const requiredText = (value: unknown, what: string): string | undefined =>
  typeof value === 'string'
    ? undefined
    : value === undefined
      ? `${what} is missing.`
      : `${what} must be text.`;

/** Properties every primary Badge Object may carry: @language and related (and version). */
function checkPrimary(doc: Json, c: Collector, classNames: string[]): void {
  if (doc['@language'] !== undefined)
    c.add('language', isLanguageTag(doc['@language']) ? undefined : '@language is not a language tag.');
  if (doc.related !== undefined) c.add('related', relatedProblem(doc.related, classNames));
}

/** §"Criteria": a URL, or an object whose narrative is required when it has no id. */
function criteriaProblem(value: unknown): string | undefined {
  if (value === undefined) return 'criteria is missing.';
  if (typeof value === 'string') return isUrl(value) ? undefined : 'criteria must be an http(s) URL.';
  if (!isObject(value)) return 'criteria must be a URL or a Criteria object.';
  if (value.id !== undefined && !isIri(value.id)) return 'criteria id must be an IRI.';
  if (value.narrative !== undefined && !isText(value.narrative)) return 'criteria narrative must be text.';
  return value.id === undefined && !value.narrative ? 'criteria needs a URL (id) or a narrative.' : undefined;
}

/** §"AlignmentObject": targetName and a targetUrl, the rest text. */
function alignmentProblem(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  for (const entry of asArray(value)) {
    if (!isObject(entry)) return 'alignment must be AlignmentObjects.';
    if (!isText(entry.targetName)) return 'alignment targetName is missing.';
    if (!isUrl(entry.targetUrl)) return 'alignment targetUrl must be an http(s) URL.';
    for (const key of ['targetDescription', 'targetFramework', 'targetCode']) {
      if (entry[key] !== undefined && !isText(entry[key])) return `alignment ${key} must be text.`;
    }
  }
  return undefined;
}

/** §"VerificationObject" of an issuer: startsWith URLs and allowedOrigins host names. */
function issuerVerificationProblem(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return undefined;
  if (!isObject(value)) return 'verification must be a VerificationObject.';
  if (value.startsWith !== undefined && !asArray(value.startsWith).every(isUrl))
    return 'verification.startsWith must be http(s) URLs.';
  if (value.allowedOrigins !== undefined && !asArray(value.allowedOrigins).every(isUrlAuthority))
    return 'verification.allowedOrigins must be host names (no scheme, port or path).';
  return undefined;
}

function profileChecks(doc: Json, c: Collector, where: string): void {
  c.add('id', isIri(doc.id) ? undefined : `${where} id must be an IRI (an http(s) URL or a urn:uuid).`);
  c.add('type', hasType(doc, ['Issuer', 'Profile']) ? undefined : `${where} type must be Profile or Issuer.`);
  c.add('name', requiredText(doc.name, `${where} name`));
  c.add(
    'description',
    doc.description === undefined || isText(doc.description)
      ? undefined
      : `${where} description must be text.`,
  );
  c.add('image', imageProblem(doc.image, `${where} image`, { required: false, allowDataUri: true }));
  c.add('url', isUrl(doc.url) ? undefined : `${where} url must be the http(s) URL of its homepage.`);
  c.add('email', isEmail(doc.email) ? undefined : `${where} email must be a contact email address.`);
  if (doc.telephone !== undefined)
    c.add('telephone', isTelephone(doc.telephone) ? undefined : `${where} telephone must be in E.164 form.`);
  c.add('verification', issuerVerificationProblem(doc.verification));
  checkPrimary(doc, c, ['Issuer', 'Profile']);
  // A warning in the validator: most platforms handle issuers with http(s) ids only.
  if (isIri(doc.id) && !isUrl(doc.id))
    c.warn(`The ${where} id ${doc.id} is not an http(s) URL; many platforms only handle those.`);
}

/**
 * An issuer Profile: id, type, name, url and email are required (§"Profile", "A note on required
 * properties"). `embedded`: it sits inside a BadgeClass, so it carries no @context of its own.
 */
export function checkOb2Profile(doc: unknown, options: { embedded?: boolean } = {}): Ob2CheckResult {
  const c = checkCollector();
  if (!isObject(doc)) {
    c.add('type', 'The issuer profile is not a JSON object.');
    return c.result();
  }
  if (!options.embedded)
    c.add('context', hasOb2Context(doc) ? undefined : `@context must include ${OB2_CONTEXTS[0]}.`);
  profileChecks(doc, c, 'issuer profile');
  if (!options.embedded) c.extensions(doc);
  return c.result();
}

/** A BadgeClass: id, type, name, description, image (PNG or SVG), criteria and issuer are required. */
export function checkOb2BadgeClass(doc: unknown, options: { embedded?: boolean } = {}): Ob2CheckResult {
  const c = checkCollector();
  if (!isObject(doc)) {
    c.add('type', 'The BadgeClass is not a JSON object.');
    return c.result();
  }
  if (!options.embedded)
    c.add('context', hasOb2Context(doc) ? undefined : `@context must include ${OB2_CONTEXTS[0]}.`);
  c.add('id', isIri(doc.id) ? undefined : 'BadgeClass id must be an IRI (an http(s) URL or a urn:uuid).');
  c.add('type', hasType(doc, ['BadgeClass']) ? undefined : 'type must be BadgeClass.');
  c.add('name', requiredText(doc.name, 'BadgeClass name'));
  c.add('description', requiredText(doc.description, 'BadgeClass description'));
  c.add('image', imageProblem(doc.image, 'BadgeClass image', { required: true, allowDataUri: true }));
  c.add('criteria', criteriaProblem(doc.criteria));
  c.add('alignment', alignmentProblem(doc.alignment));
  if (doc.tags !== undefined)
    c.add('tags', asArray(doc.tags).every(isText) ? undefined : 'tags must be text.');
  checkPrimary(doc, c, ['BadgeClass']);
  if (isObject(doc.issuer)) {
    // An embedded issuer is checked as the Profile it is; its problems are the BadgeClass's.
    const issuer = checkOb2Profile(doc.issuer, { embedded: true });
    const problems = issuer.checks.flatMap((check) => (check.ok ? [] : [check.problem]));
    c.add('issuer', problems.length ? problems.join(' ') : undefined);
    for (const warning of issuer.warnings) c.warn(warning);
  } else {
    c.add(
      'issuer',
      isIri(doc.issuer) ? undefined : 'issuer must be the issuer profile URL or an embedded Profile.',
    );
  }
  // Its walk covers an embedded issuer too (checkOb2Profile leaves an embedded one's extensions to us).
  c.extensions(doc, options.embedded ? 'badge' : '');
  return c.result();
}
