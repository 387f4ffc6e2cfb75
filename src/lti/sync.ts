// Assignment and Grade Services and Names and Role Provisioning, as the tool reads them: an access token by
// the client-credentials grant with a JWT assertion signed by the tool key (RFC 7523, LTI Security §4.1),
// then the contexts' memberships (to link learners before they launch) and their line items and results,
// stored through the gradebook so that a changed grade re-checks badges.
import type { Deps } from '../deps.ts';
import { recordGrade, upsertLineItem } from '../gradebook/index.ts';
import { findUserIdByVerifiedEmail } from '../identity/index.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import { fetchGuard, signAsTool } from './keys.ts';
import { MEDIA, SCOPES } from './model.ts';
import {
  type ContextRow,
  contextsOf,
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

async function getJson<T>(deps: Deps, url: string, bearer: string, media: string): Promise<T> {
  const result = await safeFetch(url, {
    headers: { authorization: `Bearer ${bearer}` },
    accept: [media, 'application/json'],
    timeoutMs: 15_000,
    maxBytes: 4_000_000,
    ...fetchGuard(deps),
  });
  if (!result.ok) throw new Error(`GET ${url} failed: ${result.code} ${result.reason}`);
  return JSON.parse(result.body.toString('utf8')) as T;
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
  const container = await getJson<{ members?: Member[] }>(
    deps,
    context.membershipsUrl,
    bearer,
    MEDIA.memberships,
  );
  for (const member of container.members ?? []) {
    if (!member.user_id || member.status === 'Deleted') continue;
    const email = member.email?.toLowerCase() ?? null;
    const userId = email ? ((await findUserIdByVerifiedEmail(deps, email)) ?? null) : null;
    await upsertLtiUser(
      deps.db,
      { platformId: platform.id, sub: member.user_id, email, name: member.name ?? null, userId },
      deps.now(),
    );
  }
}

export interface SyncReport {
  lineItems: number;
  grades: number;
  changed: number;
}

async function readGrades(deps: Deps, platform: PlatformRow, context: ContextRow, report: SyncReport) {
  if (!context.lineitemsUrl) return;
  const bearer = await accessToken(deps, platform, [SCOPES.lineItemRead, SCOPES.resultRead]);
  const items = await getJson<LineItem[]>(deps, context.lineitemsUrl, bearer, MEDIA.lineItems);
  const people = new Map((await ltiUsersOf(deps.db, platform.id)).map((u) => [u.sub, u]));
  for (const item of Array.isArray(items) ? items : []) {
    if (!item.id || typeof item.scoreMaximum !== 'number') continue;
    const lineItem = await upsertLineItem(deps.db, {
      orgId: platform.orgId,
      platformId: platform.id,
      lineItemUrl: item.id,
      label: item.label ?? item.id,
      scoreMaximum: item.scoreMaximum,
      resourceLinkId: item.resourceLinkId ?? null,
    });
    report.lineItems += 1;
    const results = await getJson<Result[]>(deps, resultsUrl(item.id), bearer, MEDIA.results);
    for (const result of Array.isArray(results) ? results : []) {
      const person = result.userId ? people.get(result.userId) : undefined;
      if (!person?.userId) continue; // not known to Tessera yet: read again after a launch or a membership read
      const outcome = await deps.db.transaction().execute((trx) =>
        recordGrade(deps, trx, {
          orgId: platform.orgId,
          lineItemId: lineItem.id,
          userId: person.userId!,
          scoreGiven: typeof result.resultScore === 'number' ? result.resultScore : null,
          scoreMaximum: result.resultMaximum ?? item.scoreMaximum!,
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
