// Courses carry skill objects, the shape badges use (issue #16 item 2): each string of the `skills` arrays of
// courses and of their published revisions becomes `{ "name": <the string> }`, in the same order. Elements
// that are objects already are kept, so the migration leaves converted rows as they are.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['courses', 'course_revisions']) {
    await sql`
      update ${sql.table(table)}
      set skills = (
        select coalesce(
          jsonb_agg(
            case when jsonb_typeof(e.skill) = 'string' then jsonb_build_object('name', e.skill #>> '{}') else e.skill end
            order by e.position
          ),
          '[]'::jsonb
        )
        from jsonb_array_elements(skills) with ordinality as e(skill, position)
      )
      where jsonb_typeof(skills) = 'array'
        and exists (select 1 from jsonb_array_elements(skills) as s(skill) where jsonb_typeof(s.skill) = 'string')
    `.execute(db);
  }
}
