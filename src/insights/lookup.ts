// Occupations by title (one in-memory title index per process, rebuilt when an import has changed the
// frameworks: each query first reads their rows, two small ones) and the learner's target occupation, only
// ever their own row.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import { type Actor, requireScope } from '../identity/index.ts';
import { type FrameworkId, occupationDetail } from '../skills/index.ts';
import { clearTarget, occupationTitles, setTarget, targetOf, titleIndexState } from './store.ts';
import { type OccupationHit, OccupationTitleIndex } from './title-search.ts';

const indexes = new WeakMap<object, { state: string; index: Promise<OccupationTitleIndex> }>();

export async function titleIndex(db: Executor): Promise<OccupationTitleIndex> {
  const state = await titleIndexState(db);
  const cached = indexes.get(db);
  if (cached?.state === state) return cached.index;
  const index = occupationTitles(db).then((rows) => new OccupationTitleIndex(rows));
  indexes.set(db, { state, index });
  index.catch(() => {
    if (indexes.get(db)?.index === index) indexes.delete(db);
  });
  return index;
}

export async function searchOccupations(
  db: Executor,
  query: { q: string; framework?: FrameworkId; limit: number },
): Promise<Omit<OccupationHit, 'score'>[]> {
  const hits = (await titleIndex(db)).search(query);
  return hits.map(({ score: _score, ...hit }) => hit);
}

export interface TargetOccupation {
  framework: FrameworkId;
  code: string;
  title: string;
  source: string;
  setAt: Date;
}

/** The caller's target; 404 when none is set (or its occupation is no longer imported). */
export async function myTarget(deps: Deps, actor: Actor | null): Promise<TargetOccupation> {
  const me = requireScope(actor, 'read');
  const target = await targetOf(deps.db, me.user.id);
  const detail = target && (await occupationDetail(deps.db, target.framework, target.code));
  if (!target || !detail) throw new NotFoundError('target occupation');
  return {
    framework: detail.framework,
    code: detail.code,
    title: detail.title,
    source: detail.source,
    setAt: target.setAt,
  };
}

export async function setMyTarget(
  deps: Deps,
  actor: Actor | null,
  target: { framework: FrameworkId; code: string },
): Promise<TargetOccupation> {
  const me = requireScope(actor, 'learning:write');
  const detail = await occupationDetail(deps.db, target.framework, target.code);
  if (!detail)
    throw new InvalidError(`Unknown occupation: ${target.framework} ${target.code}.`, [
      {
        path: 'code',
        message: `No ${target.framework} occupation "${target.code}" has been imported.`,
        code: 'occupation-not-imported',
        params: { framework: target.framework, code: target.code },
      },
    ]);
  const now = deps.now();
  await setTarget(deps.db, me.user.id, target, now);
  return {
    framework: detail.framework,
    code: detail.code,
    title: detail.title,
    source: detail.source,
    setAt: now,
  };
}

export async function clearMyTarget(deps: Deps, actor: Actor | null): Promise<void> {
  const me = requireScope(actor, 'learning:write');
  await clearTarget(deps.db, me.user.id);
}
