// Credentials issued through the VC-API (POST /credentials/issue): the caller keeps the credential, we keep
// what changing its status later needs — the id it is known by and its status slots (a revocation entry,
// and a suspension entry when asked for). Slots come from the issuer's status lists, whose indexes only
// move forward; the unique slots below guard that no index is ever handed out twice here.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('vcapi_credentials')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    // options.credentialId, else the credential's id; null when the caller gave neither.
    .addColumn('credential_id', 'text', (c) => c.check(sql`length(credential_id) between 1 and 2048`))
    .addColumn('revocation_list_id', 'uuid', (c) => c.notNull().references('status_lists.id'))
    .addColumn('revocation_index', 'integer', (c) => c.notNull().check(sql`revocation_index >= 0`))
    .addColumn('suspension_list_id', 'uuid', (c) => c.references('status_lists.id'))
    .addColumn('suspension_index', 'integer', (c) => c.check(sql`suspension_index >= 0`))
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status_updated_at', 'timestamptz')
    .addUniqueConstraint('vcapi_credentials_id_per_org', ['org_id', 'credential_id'])
    .addUniqueConstraint('vcapi_credentials_revocation_slot', ['revocation_list_id', 'revocation_index'])
    .addUniqueConstraint('vcapi_credentials_suspension_slot', ['suspension_list_id', 'suspension_index'])
    .addCheckConstraint(
      'vcapi_credentials_suspension_whole',
      sql`(suspension_list_id is null) = (suspension_index is null)`,
    )
    .execute();
}
