// Badges: definitions (the editable draft) and their immutable published versions, awards (one per
// recipient × badge × validity cycle, enforced here), claim links, reminders sent, and bulk award runs.
import { type Kysely, sql } from 'kysely';

const id = sql`gen_random_uuid()`;
const now = sql`now()`;

async function definitionTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('badges')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('criteria_narrative', 'text')
    .addColumn('image_key', 'text')
    .addColumn('image_type', 'text', (c) => c.check(sql`image_type in ('png', 'svg')`))
    .addColumn('colors', 'jsonb')
    .addColumn('skills', 'jsonb', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('validity_days', 'integer', (c) => c.check(sql`validity_days > 0`))
    .addColumn('requirements', 'jsonb', (c) => c.notNull())
    .addColumn('renew_after_access_ended', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`state in ('draft', 'published', 'archived')`),
    )
    .addColumn('latest_version_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('badges_image_has_type', sql`(image_key is null) = (image_type is null)`)
    .execute();
  await db.schema.createIndex('badges_by_org').on('badges').columns(['org_id', 'created_at']).execute();

  await db.schema
    .createTable('badge_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('badge_id', 'uuid', (c) => c.notNull().references('badges.id').onDelete('cascade'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('criteria_narrative', 'text', (c) => c.notNull())
    .addColumn('image_key', 'text')
    .addColumn('image_type', 'text')
    .addColumn('colors', 'jsonb')
    .addColumn('skills', 'jsonb', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('validity_days', 'integer')
    .addColumn('requirements', 'jsonb', (c) => c.notNull())
    .addColumn('estimated_minutes', 'integer', (c) => c.notNull())
    .addColumn('renew_after_access_ended', 'boolean', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('badge_versions_number', ['badge_id', 'number'])
    .execute();
  // Which published badges a course or another badge counts toward: the award engine's lookup.
  await db.schema
    .createTable('badge_requirement_index')
    .addColumn('badge_version_id', 'uuid', (c) =>
      c.notNull().references('badge_versions.id').onDelete('cascade'),
    )
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('course', 'badge', 'evidence')`))
    .addColumn('target_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('badge_requirement_index_pk', ['badge_version_id', 'kind', 'target_id'])
    .execute();
  await db.schema
    .createIndex('badge_requirement_index_by_target')
    .on('badge_requirement_index')
    .columns(['kind', 'target_id'])
    .execute();
}

async function awardTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bulk_award_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('badge_id', 'uuid', (c) => c.notNull().references('badges.id').onDelete('cascade'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('previewed', 'running', 'done', 'failed', 'cancelled')`),
    )
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('awarded_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('bulk_award_rows')
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('bulk_award_runs.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('name', 'text')
    .addColumn('evidence_url', 'text')
    .addColumn('issue_date', 'timestamptz')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('invalid', 'pending', 'awarded', 'skipped')`),
    )
    .addColumn('problems', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('award_id', 'uuid')
    .addPrimaryKeyConstraint('bulk_award_rows_pk', ['run_id', 'row_number'])
    .execute();
  await sql`create index bulk_award_rows_pending on bulk_award_rows (run_id, row_number) where status = 'pending'`.execute(
    db,
  );

  await db.schema
    .createTable('awards')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('badge_id', 'uuid', (c) => c.notNull().references('badges.id').onDelete('cascade'))
    .addColumn('badge_version_id', 'uuid', (c) => c.notNull().references('badge_versions.id'))
    .addColumn('recipient_email', 'text', (c) =>
      c.notNull().check(sql`recipient_email = lower(recipient_email)`),
    )
    .addColumn('recipient_name', 'text')
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('cycle', 'integer', (c) => c.notNull().check(sql`cycle > 0`))
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source in ('completion', 'pathway', 'manual', 'bulk', 'renewal')`),
    )
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('awaiting-fee', 'offered', 'accepted', 'declined')`),
    )
    .addColumn('credential_id', 'uuid', (c) => c.references('issued_credentials.id'))
    .addColumn('awarded_date', 'timestamptz', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz')
    .addColumn('evidence_url', 'text')
    .addColumn('superseded_by', 'uuid')
    .addColumn('superseded_at', 'timestamptz')
    .addColumn('visibility', 'text', (c) =>
      c.notNull().defaultTo('private').check(sql`visibility in ('private', 'public')`),
    )
    .addColumn('bulk_run_id', 'uuid', (c) => c.references('bulk_award_runs.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    // Exactly once per recipient × badge × validity cycle, whatever the callers do.
    .addUniqueConstraint('awards_once_per_cycle', ['badge_id', 'recipient_email', 'cycle'])
    .execute();
  await db.schema.createIndex('awards_by_org').on('awards').columns(['org_id', 'created_at']).execute();
  await db.schema.createIndex('awards_by_user').on('awards').columns(['user_id']).execute();
  await db.schema.createIndex('awards_by_email').on('awards').columns(['recipient_email']).execute();
  await sql`create index awards_expiring on awards (valid_until) where superseded_at is null and valid_until is not null`.execute(
    db,
  );

  await db.schema
    .createTable('award_claims')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('award_id', 'uuid', (c) => c.notNull().references('awards.id').onDelete('cascade'))
    // SHA-256 of the token in the emailed link; the token itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('award_claims_by_award').on('award_claims').columns(['award_id']).execute();

  await db.schema
    .createTable('award_reminders')
    .addColumn('award_id', 'uuid', (c) => c.notNull().references('awards.id').onDelete('cascade'))
    .addColumn('days_before', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('award_reminders_pk', ['award_id', 'days_before'])
    .execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await definitionTables(db);
  await awardTables(db);
  // The award engine reads the learning outbox in order of arrival, unconsumed first.
  await sql`create index learning_events_unconsumed on learning_events (created_at) where consumed_at is null`.execute(
    db,
  );
}
