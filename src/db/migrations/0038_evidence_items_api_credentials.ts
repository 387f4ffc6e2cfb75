// Several evidence items per manual award (issue #19 item 7): each a URL with an optional name and description,
// carried in the credential's `evidence` list. And what the issuer's list of issued credentials shows of a
// credential issued through the VC-API (the caller keeps the credential itself): its name, whom it names, and
// its status as this server last set it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('awards').addColumn('evidence_items', 'jsonb').execute();
  await db.schema
    .alterTable('vcapi_credentials')
    .addColumn('name', 'text')
    .addColumn('subject_label', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('active'))
    .execute();
  await db.schema
    .alterTable('vcapi_credentials')
    .addCheckConstraint('vcapi_credentials_state', sql`state in ('active', 'revoked', 'suspended')`)
    .execute();
  await db.schema
    .createIndex('vcapi_credentials_org_issued')
    .on('vcapi_credentials')
    .columns(['org_id', 'issued_at'])
    .execute();
}
