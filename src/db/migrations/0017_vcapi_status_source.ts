// A credential issued through the VC-API may carry no status entry on our lists: the caller brought its own
// credentialStatus (the issuing organization manages that status elsewhere), or it is a VC 1.1 credential
// (Bitstring Status List is a VC 2.0 mechanism). It is still recorded, so its id stays taken and
// POST /credentials/status can say why it cannot change it. `status_source` says which case a row is.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('vcapi_credentials')
    .addColumn('status_source', 'text', (c) =>
      c.notNull().defaultTo('tessera').check(sql`status_source in ('tessera', 'caller', 'none')`),
    )
    .execute();
  await db.schema
    .alterTable('vcapi_credentials')
    .alterColumn('revocation_list_id', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('vcapi_credentials')
    .alterColumn('revocation_index', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('vcapi_credentials')
    .addCheckConstraint(
      'vcapi_credentials_slots_when_tessera',
      sql`(status_source = 'tessera') = (revocation_list_id is not null and revocation_index is not null)
          and (status_source = 'tessera' or suspension_list_id is null)`,
    )
    .execute();
}
