// SQL of issuers' own domains (issuer_domains). Every function names the organization it works for, except the
// lookups by domain that serve public DID documents.
import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { IssuerDomainsTable } from './tables.ts';

export type IssuerDomainRow = Selectable<IssuerDomainsTable>;

/** The organization's pending or verified domain. */
export async function findCurrentDomain(db: Executor, orgId: string): Promise<IssuerDomainRow | undefined> {
  return db
    .selectFrom('issuerDomains')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('state', 'in', ['pending', 'verified'])
    .executeTakeFirst();
}

export async function findVerifiedDomain(db: Executor, orgId: string): Promise<IssuerDomainRow | undefined> {
  return db
    .selectFrom('issuerDomains')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('state', '=', 'verified')
    .executeTakeFirst();
}

/** Domains the organization's credentials may name: the verified one and those released since. */
export async function listBoundDomains(db: Executor, orgId: string): Promise<IssuerDomainRow[]> {
  return db
    .selectFrom('issuerDomains')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('state', 'in', ['verified', 'released'])
    .orderBy('verifiedAt', 'desc')
    .execute();
}

/** Who answers for a domain's DID: its verified holder, else the last organization that held it verified. */
export async function findDomainHolder(db: Executor, domain: string): Promise<IssuerDomainRow | undefined> {
  return db
    .selectFrom('issuerDomains')
    .selectAll()
    .where('domain', '=', domain)
    .where('state', 'in', ['verified', 'released'])
    .orderBy((eb) => eb.case().when('state', '=', 'verified').then(0).else(1).end())
    .orderBy('releasedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function isVerifiedElsewhere(db: Executor, orgId: string, domain: string): Promise<boolean> {
  const row = await db
    .selectFrom('issuerDomains')
    .select('id')
    .where('domain', '=', domain)
    .where('state', '=', 'verified')
    .where('orgId', '<>', orgId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Ends the organization's current domain: a pending one is forgotten, a verified one released (kept). */
export async function endCurrentDomain(db: Executor, orgId: string, at: Date): Promise<void> {
  await db.deleteFrom('issuerDomains').where('orgId', '=', orgId).where('state', '=', 'pending').execute();
  await db
    .updateTable('issuerDomains')
    .set({ state: 'released', releasedAt: at })
    .where('orgId', '=', orgId)
    .where('state', '=', 'verified')
    .execute();
}

export async function insertPendingDomain(
  db: Executor,
  row: { orgId: string; domain: string; token: string; createdAt: Date },
): Promise<IssuerDomainRow> {
  return db
    .insertInto('issuerDomains')
    .values({ ...row, state: 'pending' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function recordDomainCheck(
  db: Executor,
  orgId: string,
  id: string,
  outcome: { at: Date; verified: boolean; problem: string | null },
): Promise<IssuerDomainRow | undefined> {
  return db
    .updateTable('issuerDomains')
    .set({
      lastCheckAt: outcome.at,
      lastCheckProblem: outcome.problem,
      ...(outcome.verified ? { state: 'verified' as const, verifiedAt: outcome.at } : {}),
    })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}
