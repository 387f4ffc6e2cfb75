// Badge designs (issue #18 item 10): the design an issuer saved in the badge designer (template, colours,
// icon, logo, subtitle) kept as JSON on the draft and copied to each published version. The picture drawn
// from it is stored like an upload (image_key), so published versions keep theirs unchanged.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('badges').addColumn('design', 'jsonb').execute();
  await db.schema.alterTable('badge_versions').addColumn('design', 'jsonb').execute();
}
