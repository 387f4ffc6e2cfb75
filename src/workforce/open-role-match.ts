// Matches open roles to badges and adds what would close each gap: the insights gap's closers (published
// badges and courses carrying the concept, up to three of each), looked up once per framework for every gap
// of every role answered together.
import type { Deps } from '../deps.ts';
import { type Closers, closersOf, type HeldSkill } from '../insights/index.ts';
import {
  type BelowMatch,
  type HeldMatch,
  type MissingMatch,
  matchRole,
  type RoleMatch,
} from './open-role-model.ts';
import type { RoleFramework, RoleSkill } from './role-model.ts';

export interface MatchWithClosers {
  fit: number;
  held: HeldMatch[];
  below: (BelowMatch & { closers: Closers })[];
  missing: (MissingMatch & { closers: Closers })[];
}

const key = (framework: string, code: string) => `${framework}\u0000${code}`;
const none = (): Closers => ({ badges: [], courses: [] });

/** Closers of every concept the matches lack, keyed by framework and code. */
async function closersFor(deps: Deps, matches: RoleMatch[]): Promise<Map<string, Closers>> {
  const wanted = new Map<RoleFramework, Set<string>>();
  for (const match of matches)
    for (const skill of [...match.below, ...match.missing]) {
      const codes = wanted.get(skill.framework) ?? new Set<string>();
      codes.add(skill.code);
      wanted.set(skill.framework, codes);
    }
  const found = new Map<string, Closers>();
  for (const [framework, codes] of wanted) {
    const list = [...codes];
    const closers = await closersOf(
      deps,
      framework,
      list.map((code) => ({ code })),
    );
    for (const [i, code] of list.entries()) found.set(key(framework, code), closers[i] ?? none());
  }
  return found;
}

/** One match per skill list, in the same order, each gap with its closers. */
export async function matchAll(
  deps: Deps,
  roles: ReadonlyArray<{ skills: readonly RoleSkill[]; held: readonly HeldSkill[] }>,
): Promise<MatchWithClosers[]> {
  const matches = roles.map((role) => matchRole(role.skills, role.held));
  const closers = await closersFor(deps, matches);
  const of = (skill: { framework: string; code: string }) =>
    closers.get(key(skill.framework, skill.code)) ?? none();
  return matches.map((match) => ({
    fit: match.fit,
    held: match.held,
    below: match.below.map((skill) => ({ ...skill, closers: of(skill) })),
    missing: match.missing.map((skill) => ({ ...skill, closers: of(skill) })),
  }));
}
