// A course's picture (issue #18 item 10): the file-storage key of the image its issuer uploaded, re-encoded
// (`course-covers/<random>.webp`; a new upload gets a new key, so its public address can be cached long) and
// the text that stands for it (required with a picture: the catalog, course page and cart show it).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('courses')
    .addColumn('image_key', 'text')
    .addColumn('image_alt', 'text')
    .execute();
  await db.schema
    .alterTable('courses')
    .addCheckConstraint('courses_image_has_alt', sql`image_key is null or image_alt is not null`)
    .execute();
  // The public picture route finds the course by its picture's key.
  await db.schema.createIndex('courses_image_key').on('courses').column('image_key').execute();
}
