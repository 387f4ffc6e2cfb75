// Forward-only migrations, one ordered timeline, listed explicitly (no directory scanning at run time).
import type { Kysely } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import * as m0001 from './migrations/0001_foundation.ts';

const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
};

export async function migrateToLatest(db: Kysely<any>, schema: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    // Explicit: Kysely otherwise finds a migration table of another schema and skips creating its own.
    migrationTableSchema: schema,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
