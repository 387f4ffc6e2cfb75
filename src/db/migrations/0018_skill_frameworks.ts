// Skill frameworks (O*NET, ESCO) loaded by `tessera data import`: occupations, skill and knowledge concepts,
// the ratings that relate them, titles, technology skills and ISCO groups. Every row is keyed by its natural
// key (framework + the framework's own code or URI), so an import upserts and a re-run gives the same rows.
// The framework row records the dataset version and which files are done, so an interrupted import resumes.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('skill_frameworks')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id in ('onet', 'esco')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('importing', 'complete')`))
    .addColumn('completed_files', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('imported_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('skill_isco_groups')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('uri', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('skill_occupations')
    .addColumn('framework', 'text', (c) => c.notNull().references('skill_frameworks.id').onDelete('cascade'))
    // O*NET-SOC code (15-1252.00) or ESCO concept URI.
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('job_zone', 'integer', (c) => c.check(sql`job_zone between 1 and 5`))
    // ESCO: the ISCO-08 unit group (4 digits) and the ESCO notation (2654.1.7).
    .addColumn('isco_group', 'text')
    .addColumn('notation', 'text')
    .addPrimaryKeyConstraint('skill_occupations_pk', ['framework', 'code'])
    .execute();

  await db.schema
    .createTable('skill_concepts')
    .addColumn('framework', 'text', (c) => c.notNull().references('skill_frameworks.id').onDelete('cascade'))
    // O*NET element id (2.A.1.a) or ESCO concept URI.
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('skill', 'knowledge')`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('alt_labels', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // ESCO: transversal, cross-sector, sector-specific, occupation-specific.
    .addColumn('reuse_level', 'text')
    .addPrimaryKeyConstraint('skill_concepts_pk', ['framework', 'code'])
    .execute();

  // No foreign key to the occupation: ESCO's relations name one occupation its occupation file lacks.
  await db.schema
    .createTable('skill_occupation_concepts')
    .addColumn('framework', 'text', (c) => c.notNull().references('skill_frameworks.id').onDelete('cascade'))
    .addColumn('occupation_code', 'text', (c) => c.notNull())
    .addColumn('concept_code', 'text', (c) => c.notNull())
    // O*NET: importance (IM, 1–5) and level (LV, 0–7).
    .addColumn('importance', 'real', (c) => c.check(sql`importance between 1 and 5`))
    .addColumn('level', 'real', (c) => c.check(sql`level between 0 and 7`))
    // ESCO: essential or optional.
    .addColumn('relation', 'text', (c) => c.check(sql`relation in ('essential', 'optional')`))
    .addPrimaryKeyConstraint('skill_occupation_concepts_pk', ['framework', 'occupation_code', 'concept_code'])
    .execute();
  await db.schema
    .createIndex('skill_occupation_concepts_by_concept')
    .on('skill_occupation_concepts')
    .columns(['framework', 'concept_code'])
    .execute();

  await db.schema
    .createTable('skill_occupation_titles')
    .addColumn('framework', 'text', (c) => c.notNull().references('skill_frameworks.id').onDelete('cascade'))
    .addColumn('occupation_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('alternate', 'reported')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('skill_occupation_titles_pk', ['framework', 'occupation_code', 'kind', 'title'])
    .execute();
  await db.schema
    .createIndex('skill_occupation_titles_by_title')
    .on('skill_occupation_titles')
    .expression(sql`lower(title)`)
    .execute();

  await db.schema
    .createTable('skill_technologies')
    .addColumn('framework', 'text', (c) => c.notNull().references('skill_frameworks.id').onDelete('cascade'))
    .addColumn('occupation_code', 'text', (c) => c.notNull())
    .addColumn('example', 'text', (c) => c.notNull())
    .addColumn('commodity_code', 'text', (c) => c.notNull())
    .addColumn('commodity_title', 'text', (c) => c.notNull())
    .addColumn('hot', 'boolean', (c) => c.notNull())
    .addColumn('in_demand', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('skill_technologies_pk', [
      'framework',
      'occupation_code',
      'example',
      'commodity_code',
    ])
    .execute();
  await db.schema
    .createIndex('skill_technologies_by_commodity')
    .on('skill_technologies')
    .columns(['framework', 'commodity_code'])
    .execute();
}
