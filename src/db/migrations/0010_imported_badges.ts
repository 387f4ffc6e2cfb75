// Badges a learner brought from elsewhere (a baked image, an OB 2.0 assertion URL, OB 3.0 JSON or JWT),
// kept with their last verification result; one row per badge per learner (dedupe_key), private by default.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('imported_badges')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source in ('baked-image', 'url', 'json', 'jwt')`),
    )
    .addColumn('payload_kind', 'text', (c) => c.notNull().check(sql`payload_kind in ('url', 'json', 'jwt')`))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('badge_name', 'text', (c) => c.notNull())
    .addColumn('issuer_name', 'text')
    .addColumn('issuer_id', 'text')
    .addColumn('image_url', 'text', (c) => c.check(sql`image_url like 'https://%'`))
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('report', 'jsonb', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) =>
      c.notNull().check(sql`verdict in ('verified', 'not-verified', 'could-not-check')`),
    )
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) =>
      c.notNull().defaultTo('private').check(sql`visibility in ('private', 'public')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('imported_badges_once_per_user', ['user_id', 'dedupe_key'])
    .execute();
  await db.schema
    .createIndex('imported_badges_by_user')
    .on('imported_badges')
    .columns(['user_id', 'created_at'])
    .execute();
  // The re-verification ticker takes the longest-unchecked first.
  await db.schema
    .createIndex('imported_badges_by_check')
    .on('imported_badges')
    .column('checked_at')
    .execute();
}
