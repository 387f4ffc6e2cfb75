// SQL of the issuing context. Every function takes the organization it works for.
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type {
  CredentialState,
  IssuedCredentialsTable,
  IssuerDidMethod,
  IssuerKeysTable,
  StatusListsTable,
  StatusPurpose,
  VcApiCredentialsTable,
} from './tables.ts';

export type IssuerKeyRow = Selectable<IssuerKeysTable>;
export type StatusListRow = Selectable<StatusListsTable>;
export type IssuedCredentialRow = Selectable<IssuedCredentialsTable>;
export type VcApiCredentialRow = Selectable<VcApiCredentialsTable>;

export async function listIssuerKeys(db: Executor, orgId: string): Promise<IssuerKeyRow[]> {
  return db.selectFrom('issuerKeys').selectAll().where('orgId', '=', orgId).orderBy('keyNumber').execute();
}

export async function findActiveIssuerKey(db: Executor, orgId: string): Promise<IssuerKeyRow | undefined> {
  return db
    .selectFrom('issuerKeys')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('retiredAt', 'is', null)
    .executeTakeFirst();
}

export async function retireActiveKeys(db: Executor, orgId: string, at: Date): Promise<void> {
  await db
    .updateTable('issuerKeys')
    .set({ retiredAt: at })
    .where('orgId', '=', orgId)
    .where('retiredAt', 'is', null)
    .execute();
}

/** Inserts the next-numbered key; the unique indexes make two concurrent creations fail, not double up. */
export async function insertIssuerKey(
  db: Executor,
  key: Omit<Insertable<IssuerKeysTable>, 'keyNumber'>,
): Promise<IssuerKeyRow> {
  return db
    .insertInto('issuerKeys')
    .values({
      ...key,
      keyNumber: sql<number>`(select coalesce(max(key_number), 0) + 1 from issuer_keys where org_id = ${key.orgId})`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Inserts the organization's first active key unless another transaction did (then nothing, and the
 * caller reads that one): concurrent first uses wait for each other here instead of failing.
 */
export async function insertFirstIssuerKey(
  db: Executor,
  key: Omit<Insertable<IssuerKeysTable>, 'keyNumber'>,
): Promise<IssuerKeyRow | undefined> {
  return db
    .insertInto('issuerKeys')
    .values({
      ...key,
      keyNumber: sql<number>`(select coalesce(max(key_number), 0) + 1 from issuer_keys where org_id = ${key.orgId})`,
    })
    .onConflict((conflict) => conflict.doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Locks and returns the open list (one with free indexes) of a purpose and signing key, for allocation. */
export async function lockOpenStatusList(
  db: Executor,
  orgId: string,
  purpose: StatusPurpose,
  issuerKeyId: string | null,
  issuerDid: string | null = null,
): Promise<StatusListRow | undefined> {
  let query = db
    .selectFrom('statusLists')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('purpose', '=', purpose)
    .where(sql<boolean>`next_index < size`);
  query =
    issuerKeyId === null
      ? query.where('issuerKeyId', 'is', null)
      : query.where('issuerKeyId', '=', issuerKeyId);
  query =
    issuerDid === null ? query.where('issuerDid', 'is', null) : query.where('issuerDid', '=', issuerDid);
  return query.orderBy('listNumber', 'desc').limit(1).forUpdate().executeTakeFirst();
}

/**
 * Opens the next-numbered list, unless an open one (of this purpose and key) exists by the time the insert runs;
 * undefined then, or when a concurrent transaction opened that number first (the caller locks the open list).
 * The "unless" matters under READ COMMITTED: a transaction that found no open list may run its insert after a
 * concurrent one committed the first list, and would otherwise open a second.
 */
export async function insertStatusList(
  db: Executor,
  list: {
    orgId: string;
    purpose: StatusPurpose;
    size: number;
    updatedAt: Date;
    issuerKeyId: string | null;
    issuerDid?: string | null;
  },
): Promise<StatusListRow | undefined> {
  const issuerDid = list.issuerDid ?? null;
  const sameKey = sql`${
    list.issuerKeyId === null ? sql`issuer_key_id is null` : sql`issuer_key_id = ${list.issuerKeyId}::uuid`
  } and ${issuerDid === null ? sql`issuer_did is null` : sql`issuer_did = ${issuerDid}::text`}`;
  const inserted = await sql<{ id: string }>`
    insert into status_lists (org_id, purpose, size, updated_at, issuer_key_id, issuer_did, bits, list_number)
    select ${list.orgId}::uuid, ${list.purpose}::text, ${list.size}::integer, ${list.updatedAt}::timestamptz,
      ${list.issuerKeyId}::uuid, ${issuerDid}::text, ${Buffer.alloc(list.size / 8)}::bytea,
      (select coalesce(max(list_number), 0) + 1 from status_lists
        where org_id = ${list.orgId}::uuid and purpose = ${list.purpose}::text)
    where not exists (
      select 1 from status_lists
      where org_id = ${list.orgId}::uuid and purpose = ${list.purpose}::text and ${sameKey} and next_index < size
    )
    on conflict do nothing
    returning id`.execute(db);
  const id = inserted.rows[0]?.id;
  if (!id) return undefined;
  return db.selectFrom('statusLists').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Takes the next index of a locked list; indexes only ever move forward. */
export async function takeNextIndex(db: Executor, listId: string): Promise<number> {
  const row = await db
    .updateTable('statusLists')
    .set((eb) => ({ nextIndex: eb('nextIndex', '+', 1) }))
    .where('id', '=', listId)
    .where(sql<boolean>`next_index < size`)
    .returning('nextIndex')
    .executeTakeFirstOrThrow();
  return row.nextIndex - 1;
}

/** Takes `count` next indexes of a locked list in one update (the caller checked they fit); returns the first. */
export async function takeNextIndexes(db: Executor, listId: string, count: number): Promise<number> {
  const row = await db
    .updateTable('statusLists')
    .set((eb) => ({ nextIndex: eb('nextIndex', '+', count) }))
    .where('id', '=', listId)
    .where(sql<boolean>`next_index + ${count}::int <= size`)
    .returning('nextIndex')
    .executeTakeFirstOrThrow();
  return row.nextIndex - count;
}

export async function lockStatusListById(
  db: Executor,
  orgId: string,
  id: string,
): Promise<StatusListRow | undefined> {
  return db
    .selectFrom('statusLists')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function findStatusListByNumber(
  db: Executor,
  orgId: string,
  purpose: StatusPurpose,
  listNumber: number,
): Promise<StatusListRow | undefined> {
  return db
    .selectFrom('statusLists')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('purpose', '=', purpose)
    .where('listNumber', '=', listNumber)
    .executeTakeFirst();
}

export async function saveStatusList(
  db: Executor,
  orgId: string,
  id: string,
  update: { bits: Buffer; publishedCredential: Record<string, unknown>; etag: string; updatedAt: Date },
): Promise<void> {
  await db
    .updateTable('statusLists')
    .set({ ...update, publishedCredential: JSON.stringify(update.publishedCredential) })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function insertIssuedCredential(
  db: Executor,
  row: Omit<Insertable<IssuedCredentialsTable>, 'credential'> & { credential: Record<string, unknown> },
): Promise<IssuedCredentialRow> {
  return db
    .insertInto('issuedCredentials')
    .values({ ...row, credential: JSON.stringify(row.credential) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Many credentials in one INSERT (bulk issuance); nothing is read back. The rows travel as one JSON
 * parameter, expanded by jsonb_to_recordset: far cheaper, in Node and in the database, than a VALUES
 * list of thousands of bound parameters, and each credential is parsed once, with the rest.
 */
export async function insertIssuedCredentials(
  db: Executor,
  rows: (Omit<Insertable<IssuedCredentialsTable>, 'credential'> & { credential: Record<string, unknown> })[],
): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map((row) => ({
    id: row.id,
    org_id: row.orgId,
    credential: row.credential,
    jwt: row.jwt ?? null,
    achievement_id: row.achievementId,
    achievement_name: row.achievementName,
    recipient_label: row.recipientLabel,
    recipient_email: row.recipientEmail ?? null,
    status_list_id: row.statusListId,
    status_index: row.statusIndex,
    issued_at: row.issuedAt,
    valid_until: row.validUntil ?? null,
  }));
  await sql`insert into issued_credentials (id, org_id, credential, jwt, achievement_id, achievement_name,
      recipient_label, recipient_email, status_list_id, status_index, issued_at, valid_until)
    select id, org_id, credential, jwt, achievement_id, achievement_name, recipient_label, recipient_email,
      status_list_id, status_index, issued_at, valid_until
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(id uuid, org_id uuid, credential jsonb,
      jwt text, achievement_id text, achievement_name text, recipient_label text, recipient_email text,
      status_list_id uuid, status_index integer, issued_at timestamptz, valid_until timestamptz)`.execute(db);
}

export async function findIssuedCredential(
  db: Executor,
  orgId: string,
  id: string,
): Promise<IssuedCredentialRow | undefined> {
  return db
    .selectFrom('issuedCredentials')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Public lookup by credential id (for hosted OB 2.0 assertions); the caller decides what to show. */
export async function findIssuedCredentialAnyOrg(
  db: Executor,
  id: string,
): Promise<IssuedCredentialRow | undefined> {
  return db.selectFrom('issuedCredentials').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listIssuedCredentials(
  db: Executor,
  orgId: string,
  filter: { state?: IssuedCredentialRow['state']; limit: number; before?: Date },
): Promise<IssuedCredentialRow[]> {
  let query = db
    .selectFrom('issuedCredentials')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(filter.limit);
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.before) query = query.where('createdAt', '<', filter.before);
  return query.execute();
}

export async function setCredentialState(
  db: Executor,
  orgId: string,
  id: string,
  state: IssuedCredentialRow['state'],
  reason: string | null,
): Promise<void> {
  await db
    .updateTable('issuedCredentials')
    .set({ state, stateReason: reason })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function findCredentialStateBySlot(
  db: Executor,
  orgId: string,
  statusListId: string,
  statusIndex: number,
): Promise<IssuedCredentialRow['state'] | undefined> {
  const row = await db
    .selectFrom('issuedCredentials')
    .select('state')
    .where('orgId', '=', orgId)
    .where('statusListId', '=', statusListId)
    .where('statusIndex', '=', statusIndex)
    .executeTakeFirst();
  return row?.state;
}

export async function findIssuerDidMethod(db: Executor, orgId: string): Promise<IssuerDidMethod> {
  const row = await db
    .selectFrom('issuerSettings')
    .select('didMethod')
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  return row?.didMethod ?? 'web';
}

export async function saveIssuerDidMethod(
  db: Executor,
  orgId: string,
  didMethod: IssuerDidMethod,
  at: Date,
): Promise<void> {
  await db
    .insertInto('issuerSettings')
    .values({ orgId, didMethod, updatedAt: at })
    .onConflict((oc) => oc.column('orgId').doUpdateSet({ didMethod, updatedAt: at }))
    .execute();
}

export async function findIssuerKeyById(
  db: Executor,
  orgId: string,
  id: string,
): Promise<IssuerKeyRow | undefined> {
  return db
    .selectFrom('issuerKeys')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Records a VC-API credential's status slots; undefined when the organization already has that id. */
export async function insertVcApiCredential(
  db: Executor,
  row: Insertable<VcApiCredentialsTable>,
): Promise<VcApiCredentialRow | undefined> {
  return db
    .insertInto('vcapiCredentials')
    .values(row)
    .onConflict((conflict) => conflict.columns(['orgId', 'credentialId']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findVcApiCredential(
  db: Executor,
  orgId: string,
  credentialId: string,
): Promise<VcApiCredentialRow | undefined> {
  return db
    .selectFrom('vcapiCredentials')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('credentialId', '=', credentialId)
    .executeTakeFirst();
}

export async function touchVcApiCredential(
  db: Executor,
  orgId: string,
  id: string,
  at: Date,
  state: CredentialState,
): Promise<void> {
  await db
    .updateTable('vcapiCredentials')
    .set({ statusUpdatedAt: at, state })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}
