// An OB 2.0 BadgeClass or issuer Profile brought alone (pasted, or at a URL): validated as the document
// it is, as the 1EdTech validator does with such input, rather than refused as "not an assertion".
// The copy its issuer serves at its `id` is the authority, as for hosted assertions.
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#BadgeClass
import { checkOb2BadgeClass, checkOb2Profile, type Ob2CheckResult } from '../credentials/index.ts';
import {
  asArray,
  checkOf,
  type Fetcher,
  fetchOb2Document,
  fetchProfileOf,
  type IssuerLookup,
  isObject,
  type Ob2Outcome,
  warningsOf,
} from './ob2.ts';
import type { Claims, ReportCheck } from './report.ts';

type Json = Record<string, unknown>;
export type Ob2DescriptionKind = 'badgeclass' | 'profile';

/** Which kind of description a JSON document is, or undefined for anything else (an Assertion…). */
export function ob2DescriptionKind(doc: Json): Ob2DescriptionKind | undefined {
  const types = asArray(doc.type);
  if (types.includes('Assertion')) return undefined;
  if (types.includes('BadgeClass')) return 'badgeclass';
  if (types.includes('Profile') || types.includes('Issuer')) return 'profile';
  return undefined;
}

const isHttpUrl = (value: unknown): value is string =>
  typeof value === 'string' && /^https?:\/\//i.test(value);
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const defined = (claims: Claims): Claims =>
  Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined)) as Claims;
const label = (kind: Ob2DescriptionKind) => (kind === 'badgeclass' ? 'BadgeClass' : 'issuer profile');

/** The document as its issuer serves it: from `url` when it was fetched there, else from its own id. */
async function hostedCopy(
  fetcher: Fetcher,
  doc: Json,
  kind: Ob2DescriptionKind,
  url: string | undefined,
): Promise<{ doc: Json; hosted: ReportCheck }> {
  const what = label(kind);
  if (url) {
    return {
      doc,
      hosted:
        doc.id === url
          ? checkOf('hosted', 'passed', `The ${what} is served at the address it names as its own.`)
          : checkOf(
              'hosted',
              'failed',
              `The ${what} names ${String(doc.id)} as its address, but was fetched from ${url}.`,
            ),
    };
  }
  if (!isHttpUrl(doc.id)) {
    const message = `The ${what} has no http(s) id, so the issuer's own copy could not be fetched to compare.`;
    return { doc, hosted: checkOf('hosted', 'unchecked', message) };
  }
  const fetched = await fetchOb2Document(fetcher, doc.id);
  if (!fetched.ok) {
    const message = `The ${what} could not be fetched from its id ${doc.id}: ${fetched.reason}.`;
    return { doc, hosted: checkOf('hosted', 'unchecked', message) };
  }
  // What was pasted only tells us where it lives: the hosted copy is checked.
  return fetched.doc.id === doc.id
    ? { doc: fetched.doc, hosted: checkOf('hosted', 'passed', `The issuer serves this ${what} at its id.`) }
    : {
        doc: fetched.doc,
        hosted: checkOf(
          'hosted',
          'failed',
          `The document at ${doc.id} names ${String(fetched.doc.id)} as its id.`,
        ),
      };
}

function structureOf(kind: Ob2DescriptionKind, result: Ob2CheckResult, issuer?: Ob2CheckResult): ReportCheck {
  const problems = [
    ...result.checks.filter((c) => !c.ok).map((c) => c.problem ?? c.name),
    ...(issuer?.checks.filter((c) => !c.ok).map((c) => `Issuer profile: ${c.problem ?? c.name}`) ?? []),
  ];
  return problems.length
    ? checkOf('structure', 'failed', `Not a valid Open Badges 2.0 ${label(kind)}: ${problems.join(' ')}`)
    : checkOf('structure', 'passed', `The ${label(kind)} has the shape Open Badges 2.0 requires.`);
}

function badgeClassIssuerCheck(lookup: IssuerLookup): ReportCheck {
  if (lookup.problem || !lookup.issuer)
    return lookup.problem ?? checkOf('issuer-identity', 'failed', 'No issuer profile.');
  const name = String(lookup.issuer.name ?? lookup.issuer.id);
  return checkOf('issuer-identity', 'passed', `Described by ${name}, whose issuer profile names it.`);
}

/**
 * Validates a BadgeClass (with the issuer Profile it names, fetched) or an issuer Profile.
 * `url`: where `doc` was fetched from, when a URL was the input.
 */
export async function verifyOb2Description(
  fetcher: Fetcher,
  kind: Ob2DescriptionKind,
  given: Json,
  url?: string,
): Promise<Ob2Outcome> {
  const { doc, hosted } = await hostedCopy(fetcher, given, kind, url);
  if (kind === 'profile') {
    const result = checkOb2Profile(doc);
    const claims = defined({ issuerName: text(doc.name), issuerId: text(doc.id) });
    return { checks: [structureOf(kind, result), hosted], claims, warnings: warningsOf(result) };
  }
  const result = checkOb2BadgeClass(doc);
  const lookup = await fetchProfileOf(fetcher, doc);
  const issuerResult = lookup.issuer ? checkOb2Profile(lookup.issuer) : undefined;
  const issuerId = isObject(doc.issuer) ? text(doc.issuer.id) : text(doc.issuer);
  const claims: Claims = {
    badgeName: text(doc.name),
    achievementName: text(doc.name),
    issuerName: text(lookup.issuer?.name) ?? (isObject(doc.issuer) ? text(doc.issuer.name) : undefined),
    issuerId: text(lookup.issuer?.id) ?? issuerId,
  };
  return {
    checks: [structureOf(kind, result, issuerResult), hosted, badgeClassIssuerCheck(lookup)],
    claims: defined(claims),
    warnings: warningsOf(result, issuerResult),
  };
}
