// Assignment and Grade Services and Names and Role Provisioning, as the tool reads them: an access token by
// the client-credentials grant with a JWT assertion signed by the tool key (RFC 7523, LTI Security §4.1),
// then the contexts' memberships (to link learners before they launch) and their line items and results,
// stored through the gradebook so that a changed grade re-checks badges. The platform pages long answers with
// a `Link: <…>; rel="next"` header (NRPS 2.0 §2.4, AGS 2.0 §3.2 and §3.4): the pages are followed to the end,
// at most MAX_PAGES of them, only on the origin of the first page and never to a page already read, so a
// hostile or broken platform cannot send the tool elsewhere or round in circles.
import type { Deps } from '../deps.ts';
import { recordGrade, upsertLineItem } from '../gradebook/index.ts';
import { findUserIdByVerifiedEmail } from '../identity/index.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import { fetchGuard, signAsTool } from './keys.ts';
import { MEDIA, SCOPES } from './model.ts';
import {
  type ContextRow,
  contextsOf,
  type LtiUserRow,
  ltiUsersOf,
  type PlatformRow,
  platformById,
  upsertLtiUser,
} from './store.ts';

const tokens = new Map<string, { value: string; until: number }>();

async function accessToken(deps: Deps, platform: PlatformRow, scopes: string[]): Promise<string> {
  const key = `${platform.id} ${scopes.join(' ')}`;
  const cached = tokens.get(key);
  if (cached && cached.until > Date.now()) return cached.value;
  const assertion = await signAsTool(
    deps,
    platform,
    { iss: platform.clientId, sub: platform.clientId, aud: platform.tokenUrl },
    300,
  );
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    scope: scopes.join(' '),
  }).toString();
  const result = await safeFetch(platform.tokenUrl, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    accept: 'application/json',
    timeoutMs: 10_000,
    maxBytes: 64_000,
    ...fetchGuard(deps),
  });
  if (!result.ok)
    throw new Error(`The platform's token endpoint refused the tool: ${result.code} ${result.reason}`);
  const answer = JSON.parse(result.body.toString('utf8')) as { access_token?: string; expires_in?: number };
  if (!answer.access_token) throw new Error('The platform answered no access_token.');
  const seconds = Math.max(0, (answer.expires_in ?? 3600) - 30);
  tokens.set(key, { value: answer.access_token, until: Date.now() + seconds * 1000 });
  return answer.access_token;
}

/** Pages read at most per list (members of a context, line items, results of a line item). */
export const MAX_PAGES = 100;

/** The `rel="next"` target of a Link header (RFC 8288 §3), resolved against the page's URL. */
export function nextLink(header: string | undefined, pageUrl: string): string | undefined {
  if (!header) return undefined;
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? '');
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (!relations.includes('next')) continue;
    try {
      return new URL(match[1] ?? '', pageUrl).href;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

async function getPage(
  deps: Deps,
  url: string,
  bearer: string,
  media: string,
): Promise<{ body: unknown; link?: string }> {
  const result = await safeFetch(url, {
    headers: { authorization: `Bearer ${bearer}` },
    accept: [media, 'application/json'],
    timeoutMs: 15_000,
    maxBytes: 4_000_000,
    ...fetchGuard(deps),
  });
  if (!result.ok) throw new Error(`GET ${url} failed: ${result.code} ${result.reason}`);
  return {
    body: JSON.parse(result.body.toString('utf8')) as unknown,
    ...(result.link && { link: result.link }),
  };
}

/**
 * Every page of a paged list, first to last. Paging stops, with an error logged and the pages read so far
 * kept, at a `next` link to another origin, at a page already read, or after MAX_PAGES pages.
 */
export async function* pagesOf(
  deps: Deps,
  firstUrl: string,
  bearer: string,
  media: string,
  about: { platformId: string; list: string },
): AsyncGenerator<unknown> {
  const origin = new URL(firstUrl).origin;
  const seen = new Set<string>();
  let url: string | undefined = firstUrl;
  for (let page = 1; url !== undefined; page++) {
    seen.add(url);
    const answer = await getPage(deps, url, bearer, media);
    yield answer.body;
    const next = nextLink(answer.link, url);
    if (next === undefined) return;
    const stop =
      new URL(next).origin !== origin
        ? `its next page is on another origin (${new URL(next).origin}, not ${origin})`
        : seen.has(next)
          ? 'its next page was read already (a loop)'
          : page >= MAX_PAGES
            ? `it has more than ${MAX_PAGES} pages`
            : undefined;
    if (stop) {
      deps.log.error(
        { ...about, page, next },
        `LTI paging stopped: the platform's ${about.list} list ${stop}`,
      );
      return;
    }
    url = next;
  }
}

/** `{lineitem}/results`, keeping the line item URL's query (AGS §3.2.7). */
export function resultsUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/results`;
  return url.href;
}

interface Member {
  user_id?: string;
  email?: string;
  name?: string;
  status?: string;
}
interface LineItem {
  id?: string;
  label?: string;
  scoreMaximum?: number;
  resourceLinkId?: string;
}
interface Result {
  userId?: string;
  resultScore?: number | null;
  resultMaximum?: number;
}

async function linkMembers(deps: Deps, platform: PlatformRow, context: ContextRow): Promise<void> {
  if (!context.membershipsUrl) return;
  const bearer = await accessToken(deps, platform, [SCOPES.membershipRead]);
  const about = { platformId: platform.id, list: 'membership' };
  for await (const page of pagesOf(deps, context.membershipsUrl, bearer, MEDIA.memberships, about)) {
    const members = (page as { members?: Member[] } | null)?.members;
    for (const member of Array.isArray(members) ? members : []) await linkMember(deps, platform, member);
  }
}

async function linkMember(deps: Deps, platform: PlatformRow, member: Member): Promise<void> {
  if (!member.user_id || member.status === 'Deleted') return;
  const email = member.email?.toLowerCase() ?? null;
  const userId = email ? ((await findUserIdByVerifiedEmail(deps, email)) ?? null) : null;
  await upsertLtiUser(
    deps.db,
    { platformId: platform.id, sub: member.user_id, email, name: member.name ?? null, userId },
    deps.now(),
  );
}

export interface SyncReport {
  lineItems: number;
  grades: number;
  changed: number;
}

async function readGrades(deps: Deps, platform: PlatformRow, context: ContextRow, report: SyncReport) {
  if (!context.lineitemsUrl) return;
  const bearer = await accessToken(deps, platform, [SCOPES.lineItemRead, SCOPES.resultRead]);
  const people = new Map((await ltiUsersOf(deps.db, platform.id)).map((u) => [u.sub, u]));
  const about = { platformId: platform.id, list: 'line item' };
  for await (const page of pagesOf(deps, context.lineitemsUrl, bearer, MEDIA.lineItems, about)) {
    for (const item of Array.isArray(page) ? (page as LineItem[]) : []) {
      await readLineItem(deps, platform, context, { item, bearer, people }, report);
    }
  }
}

async function readLineItem(
  deps: Deps,
  platform: PlatformRow,
  context: ContextRow,
  read: { item: LineItem; bearer: string; people: Map<string, LtiUserRow> },
  report: SyncReport,
): Promise<void> {
  const { item, bearer, people } = read;
  if (!item.id || typeof item.scoreMaximum !== 'number') return;
  const scoreMaximum = item.scoreMaximum;
  const lineItem = await upsertLineItem(deps.db, {
    orgId: platform.orgId,
    platformId: platform.id,
    lineItemUrl: item.id,
    label: item.label ?? item.id,
    scoreMaximum,
    resourceLinkId: item.resourceLinkId ?? null,
    platformName: platform.name,
    contextTitle: context.title,
  });
  report.lineItems += 1;
  const about = { platformId: platform.id, list: 'result' };
  for await (const page of pagesOf(deps, resultsUrl(item.id), bearer, MEDIA.results, about)) {
    for (const result of Array.isArray(page) ? (page as Result[]) : []) {
      const userId = result.userId ? people.get(result.userId)?.userId : undefined;
      if (!userId) continue; // not known to Tessera yet: read again after a launch or a membership read
      const outcome = await deps.db.transaction().execute((trx) =>
        recordGrade(deps, trx, {
          orgId: platform.orgId,
          lineItemId: lineItem.id,
          userId,
          scoreGiven: typeof result.resultScore === 'number' ? result.resultScore : null,
          scoreMaximum: result.resultMaximum ?? scoreMaximum,
          gradedAt: deps.now(),
        }),
      );
      report.grades += 1;
      if (outcome.changed) report.changed += 1;
    }
  }
}

/** Reads the memberships, line items and results of every context a platform launched from. */
export async function syncPlatformGrades(deps: Deps, platformId: string): Promise<SyncReport> {
  const report: SyncReport = { lineItems: 0, grades: 0, changed: 0 };
  const platform = await platformById(deps.db, platformId);
  if (!platform) return report;
  for (const context of await contextsOf(deps.db, platform.id)) {
    await linkMembers(deps, platform, context);
    await readGrades(deps, platform, context, report);
  }
  return report;
}
