// What insights are computed from: exactly one of a list of framework skills, one award's badge, or the
// caller's whole backpack. An award is readable by its learner or, once public, by anyone; any other award is
// "not found" (never "forbidden", which would tell that it exists). The backpack needs a signed-in caller.

import { isPublicAward } from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import { type Actor, hasScope, requireScope, verifiedEmailsOf } from '../identity/index.ts';
import type { FrameworkId, QuerySkill } from '../skills/index.ts';
import { type HeldSkill, heldSkills } from './held-skills.ts';
import { awardForInsights, backpackSkills } from './store.ts';

export interface InsightsInput {
  skills?: QuerySkill[];
  awardId?: string;
  backpack?: boolean;
}

export type ResolvedInput =
  | { kind: 'skills'; skills: QuerySkill[] }
  /** From badges: every concept skill with the badges asserting it. */
  | { kind: 'badges'; held: HeldSkill[] };

/** Exactly one of `skills`, `awardId`, `backpack: true`; otherwise 400 naming the fields. */
export function checkExactlyOne(input: InsightsInput): void {
  const given = [
    input.skills !== undefined ? 'skills' : null,
    input.awardId !== undefined ? 'awardId' : null,
    input.backpack !== undefined ? 'backpack' : null,
  ].filter((x): x is string => x !== null);
  if (given.length === 1 && input.backpack !== false) return;
  const message =
    given.length === 0
      ? 'Give exactly one of skills, awardId or backpack: true.'
      : input.backpack === false && given.length === 1
        ? 'backpack must be true when given.'
        : `Give exactly one of skills, awardId or backpack: true, not ${given.join(' and ')}.`;
  throw new InvalidError(
    message,
    (given.length === 0 ? ['skills', 'awardId', 'backpack'] : given).map((path) => ({
      path,
      message: 'exactly one of skills, awardId or backpack: true',
      code: 'exactly-one-input',
    })),
  );
}

async function awardHeld(deps: Deps, actor: Actor | null, awardId: string): Promise<HeldSkill[]> {
  const award = await awardForInsights(deps.db, awardId);
  if (!award) throw new NotFoundError('award');
  let mine = false;
  if (actor && hasScope(actor, 'read')) {
    if (award.userId === actor.user.id) mine = true;
    else if (award.userId === null && award.state === 'offered') {
      const emails = await verifiedEmailsOf(deps, actor.user.id);
      mine = emails.includes(award.recipientEmail);
    }
  }
  if (!mine && !isPublicAward(award)) throw new NotFoundError('award');
  return heldSkills([award]);
}

/** The input as skills; `framework` keeps only that framework's. */
export async function resolveInput(
  deps: Deps,
  actor: Actor | null,
  input: InsightsInput,
  framework?: FrameworkId,
): Promise<ResolvedInput> {
  checkExactlyOne(input);
  const only = <T extends { framework: FrameworkId }>(list: T[]) =>
    framework ? list.filter((s) => s.framework === framework) : list;
  if (input.skills) return { kind: 'skills', skills: only(input.skills) };
  if (input.awardId !== undefined)
    return { kind: 'badges', held: only(await awardHeld(deps, actor, input.awardId)) };
  const me = requireScope(actor, 'read');
  return { kind: 'badges', held: only(heldSkills(await backpackSkills(deps.db, me.user.id, deps.now()))) };
}
