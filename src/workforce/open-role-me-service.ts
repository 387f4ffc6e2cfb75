// The learner's side of open roles: opt in to job matching (off by default), see every employer's open role
// ranked by how well one's badges fit it, with the gap and what would close it, apply showing chosen badges,
// withdraw. Each person only ever reads and writes their own opt-in and applications.
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors.ts';
import { type Actor, accountContact, requireScope } from '../identity/index.ts';
import { backpackSkills, heldSkills } from '../insights/index.ts';
import { foreignIds } from './model.ts';
import { type MatchWithClosers, matchAll } from './open-role-match.ts';
import { byFit, MATCH_LIMITS, verifiedAddress } from './open-role-model.ts';
import {
  type ApplicationRow,
  allOpenRoles,
  applicationAwards,
  applicationsOfUser,
  deleteApplication,
  findOpenRole,
  type OpenRoleWithSkills,
  optedInAt,
  optIn,
  optOut,
  replaceApplicationAwards,
  saveApplication,
} from './open-role-store.ts';
import { ownAwardIds } from './shared-store.ts';

export interface JobMatching {
  optIn: boolean;
  since: Date | null;
}

export interface MyApplication {
  id: string;
  appliedAt: Date;
  message: string;
  /** The badges the employer sees with it (still yours, not revoked). */
  badges: { awardId: string; name: string }[];
}

export interface MatchedOpenRole {
  id: string;
  employer: { id: string; name: string };
  title: string;
  description: string;
  location: string | null;
  publishedAt: Date;
  match: MatchWithClosers;
  application: MyApplication | null;
}

export interface MyOpenRoles {
  optedIn: boolean;
  items: MatchedOpenRole[];
  total: number;
}

export async function jobMatching(deps: Deps, actor: Actor | null): Promise<JobMatching> {
  const me = requireScope(actor, 'read');
  const since = await optedInAt(deps.db, me.user.id);
  return { optIn: since !== null, since };
}

/** Turning matching off withdraws every application as well. */
export async function setJobMatching(deps: Deps, actor: Actor | null, wanted: boolean): Promise<JobMatching> {
  const me = requireScope(actor, 'learning:write');
  await deps.db.transaction().execute(async (trx) => {
    if (wanted) await optIn(trx, me.user.id, deps.now());
    else await optOut(trx, me.user.id);
  });
  return jobMatching(deps, actor);
}

async function applicationsOf(deps: Deps, rows: ApplicationRow[]): Promise<Map<string, MyApplication>> {
  const awards = await applicationAwards(
    deps.db,
    rows.map((row) => row.id),
  );
  return new Map(
    rows.map((row) => [
      row.openRoleId,
      {
        id: row.id,
        appliedAt: row.appliedAt,
        message: row.message,
        badges: awards
          .filter((award) => award.applicationId === row.id)
          .map((award) => ({ awardId: award.id, name: award.name })),
      },
    ]),
  );
}

async function matched(deps: Deps, userId: string, roles: OpenRoleWithSkills[]): Promise<MatchedOpenRole[]> {
  const held = heldSkills(await backpackSkills(deps.db, userId, deps.now()));
  const [matches, applications] = await Promise.all([
    matchAll(
      deps,
      roles.map((role) => ({ skills: role.skills, held })),
    ),
    applicationsOfUser(deps.db, userId).then((rows) => applicationsOf(deps, rows)),
  ]);
  return roles.map((role, i) => ({
    id: role.id,
    employer: { id: role.orgId, name: role.orgName },
    title: role.title,
    description: role.description,
    location: role.location,
    publishedAt: role.publishedAt,
    match: matches[i] as MatchWithClosers,
    application: applications.get(role.id) ?? null,
  }));
}

/** Every open role on the server, best fit first (up to `limit`); nothing at all unless opted in. */
export async function myOpenRoles(
  deps: Deps,
  actor: Actor | null,
  limit: number = MATCH_LIMITS.default,
): Promise<MyOpenRoles> {
  const me = requireScope(actor, 'read');
  if ((await optedInAt(deps.db, me.user.id)) === null) return { optedIn: false, items: [], total: 0 };
  const roles = await allOpenRoles(deps.db);
  const items = await matched(deps, me.user.id, roles);
  const ranked = items
    .map((item) => ({
      item,
      fit: item.match.fit,
      publishedAt: item.publishedAt,
      title: item.title,
      id: item.id,
    }))
    .sort(byFit)
    .map(({ item }) => item);
  return { optedIn: true, items: ranked.slice(0, limit), total: ranked.length };
}

async function openRoleFor(deps: Deps, userId: string, id: string): Promise<MatchedOpenRole> {
  const role = await findOpenRole(deps.db, id);
  if (!role) throw new NotFoundError('open role');
  const [item] = await matched(deps, userId, [role]);
  return item as MatchedOpenRole;
}

const notOptedIn = () =>
  new ConflictError('Turn on job matching before applying to open roles.', 'not-opted-in');

/**
 * Applies (or updates one's application): the message and the badges to show, each one of the learner's own
 * accepted awards (any other id is named at `shareAwardIds.<i>`). Only an opted-in learner with a verified
 * address applies: the employer is given that address.
 */
export async function applyToOpenRole(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: { message?: string | undefined; shareAwardIds: string[] },
): Promise<{ created: boolean; item: MatchedOpenRole }> {
  const me = requireScope(actor, 'learning:write');
  if (!(await findOpenRole(deps.db, id))) throw new NotFoundError('open role');
  if ((await optedInAt(deps.db, me.user.id)) === null) throw notOptedIn();
  const contact = await accountContact(deps.db, me.user.id);
  if (!contact || verifiedAddress(contact) === null)
    throw new ForbiddenError('Verify an email address first: the employer is given it to reply to you.');
  const wanted = [...new Set(input.shareAwardIds)];
  const foreign = foreignIds(input.shareAwardIds, await ownAwardIds(deps.db, me.user.id, wanted));
  if (foreign.length > 0)
    throw new InvalidError(
      'You may show only your own badges.',
      foreign.map(({ index, id: awardId }) => ({
        path: `shareAwardIds.${index}`,
        message: `${awardId} is not one of your badges`,
        code: 'not-your-badge',
        params: { id: awardId },
      })),
    );
  const created = await deps.db.transaction().execute(async (trx) => {
    const saved = await saveApplication(
      trx,
      { openRoleId: id, userId: me.user.id, message: input.message ?? '' },
      deps.now(),
    );
    await replaceApplicationAwards(trx, saved.id, wanted);
    return saved.created;
  });
  return { created, item: await openRoleFor(deps, me.user.id, id) };
}

/** Withdraws the application: deleted with the badges it showed, so the employer forgets at once. */
export async function withdrawApplication(deps: Deps, actor: Actor | null, id: string): Promise<void> {
  const me = requireScope(actor, 'learning:write');
  if (!(await deleteApplication(deps.db, id, me.user.id))) throw new NotFoundError('application');
}
