// Course and badge authoring (catalog:write) and selling (commerce:write) were part of orgs:write before
// they got scopes of their own: a token made then keeps doing what it did. (Reviewing learners' evidence
// moved to awards:write and is not carried over: that would let such a token award badges by hand.)
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update api_tokens
       set scopes = scopes || array(select s from unnest('{catalog:write,commerce:write}'::text[]) s where s <> all(scopes))
     where 'orgs:write' = any(scopes)
  `.execute(db);
}
