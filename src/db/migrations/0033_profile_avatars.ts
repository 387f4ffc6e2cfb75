// A public profile's photo (issue #18 item 12): the file-storage key of the picture its learner uploaded
// (`avatars/<random>.<png|jpeg>`; a new upload gets a new key, so the public address can be cached long).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('profiles').addColumn('avatar_key', 'text').execute();
}
