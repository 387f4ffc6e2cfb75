// What an employer sees of one person, computed at the moment of asking from the consent as it stands:
// the one function behind the employer's badges route and the person's own "what they see" list, so
// the two can never differ.
import type { Executor } from '../db/database.ts';
import type { Skill } from '../skills/index.ts';
import {
  awardState,
  type Consent,
  importedIssuedAt,
  type SharedAwardState,
  type SharedImportState,
} from './model.ts';
import {
  allAwardsOf,
  allImportsOf,
  chosenAwardsOf,
  chosenImportsOf,
  type SharedAwardRow,
  type SharedImportRow,
} from './shared-store.ts';
import { consentOf } from './store.ts';

export interface SharedBadge {
  kind: 'award' | 'import';
  id: string;
  name: string;
  issuer: string | null;
  issuedAt: Date;
  validUntil: Date | null;
  /** Awards: active, suspended or expired; imported badges: the verdict of their last verification. */
  state: SharedAwardState | SharedImportState;
  skills: Skill[];
}

const fromAward = (row: SharedAwardRow, now: Date): SharedBadge => ({
  kind: 'award',
  id: row.id,
  name: row.name,
  issuer: row.issuer,
  issuedAt: row.issuedAt,
  validUntil: row.validUntil,
  state: awardState(row.credentialState, row.validUntil, now),
  skills: row.skills,
});

const fromImport = (row: SharedImportRow): SharedBadge => {
  const until = row.validUntil ? new Date(row.validUntil) : null;
  return {
    kind: 'import',
    id: row.id,
    name: row.name,
    issuer: row.issuer,
    issuedAt: importedIssuedAt(row.validFrom, row.createdAt),
    validUntil: until && !Number.isNaN(until.getTime()) ? until : null,
    state: row.verdict,
    skills: [],
  };
};

/** Nothing without a consent row (invited, withdrawn, removed): the caller checks the status as well. */
export async function sharedBadges(
  db: Executor,
  orgId: string,
  userId: string,
  now: Date,
  /** The consent when the caller has just read it. */
  known?: Consent,
): Promise<SharedBadge[]> {
  const consent = known ?? (await consentOf(db, orgId, userId));
  if (!consent) return [];
  const all = consent.share === 'all';
  const [awards, imports] = await Promise.all([
    all ? allAwardsOf(db, userId) : chosenAwardsOf(db, orgId, userId),
    !consent.includeImports ? [] : all ? allImportsOf(db, userId) : chosenImportsOf(db, orgId, userId),
  ]);
  return [...awards.map((row) => fromAward(row, now)), ...imports.map(fromImport)];
}
