// SQL of key revocation: marking a key revoked, finding a revoked key by what a signature names, counting
// what it signed. Every function takes the organization it works for, except the public lookups verification
// makes (a signature names its key, not a tenant).
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { IssuerKeyRow, StatusListRow } from './store.ts';

export async function findIssuerKeyByNumber(
  db: Executor,
  orgId: string,
  keyNumber: number,
): Promise<IssuerKeyRow | undefined> {
  return db
    .selectFrom('issuerKeys')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('keyNumber', '=', keyNumber)
    .forUpdate()
    .executeTakeFirst();
}

export async function markIssuerKeyRevoked(
  db: Executor,
  orgId: string,
  keyId: string,
  revocation: { at: Date; compromisedSince: Date; reason: string; by: string | null },
): Promise<IssuerKeyRow> {
  return db
    .updateTable('issuerKeys')
    .set((eb) => ({
      revokedAt: revocation.at,
      compromisedSince: revocation.compromisedSince,
      revokedReason: revocation.reason,
      revokedBy: revocation.by,
      retiredAt: eb.fn.coalesce('retiredAt', sql<Date>`${revocation.at}`),
    }))
    .where('orgId', '=', orgId)
    .where('id', '=', keyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A revoked key of an issuer of this server by its did:web slug and number. */
export async function findRevokedKeyBySlug(
  db: Executor,
  slug: string,
  keyNumber: number,
): Promise<IssuerKeyRow | undefined> {
  return db
    .selectFrom('issuerKeys')
    .innerJoin('organizations', 'organizations.id', 'issuerKeys.orgId')
    .selectAll('issuerKeys')
    .where('organizations.slug', '=', slug)
    .where('issuerKeys.keyNumber', '=', keyNumber)
    .where('issuerKeys.revokedAt', 'is not', null)
    .executeTakeFirst();
}

/** A revoked key of this server by its public key (a did:key issuer names its key, not its organization). */
export async function findRevokedKeyByPublicKey(
  db: Executor,
  publicKeyMultibase: string,
): Promise<IssuerKeyRow | undefined> {
  return db
    .selectFrom('issuerKeys')
    .selectAll()
    .where('publicKeyMultibase', '=', publicKeyMultibase)
    .where('revokedAt', 'is not', null)
    .executeTakeFirst();
}

/** When this organization issued the credential `id` (our records), or undefined for one we did not issue. */
export async function issuedAtOf(db: Executor, orgId: string, id: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('issuedCredentials')
    .select('issuedAt')
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.issuedAt;
}

/** How many credentials of the organization the verification methods signed at or after `since`. */
export async function countSignedSince(
  db: Executor,
  orgId: string,
  verificationMethods: string[],
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('issuedCredentials')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('orgId', '=', orgId)
    .where('issuedAt', '>=', since)
    .where(
      sql<string>`coalesce(credential #>> '{proof,0,verificationMethod}', credential #>> '{proof,verificationMethod}')`,
      'in',
      verificationMethods,
    )
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The organization's status lists signed as its did:web (not each under a did:key issuer's own key). */
export async function statusListsSignedAsDidWeb(db: Executor, orgId: string): Promise<StatusListRow[]> {
  return db
    .selectFrom('statusLists')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('issuerKeyId', 'is', null)
    .where('publishedCredential', 'is not', null)
    .orderBy('purpose')
    .orderBy('listNumber')
    .execute();
}
