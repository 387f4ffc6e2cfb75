// SQL of skill alignment: the imported concepts some skills name, with their framework's name and version,
// in one query however many skills there are.
import type { Executor } from '../db/database.ts';
import { type ConceptRef, conceptKey, type ResolvedConcept } from './alignment.ts';

export async function conceptsByRef(
  db: Executor,
  refs: readonly ConceptRef[],
): Promise<Map<string, ResolvedConcept>> {
  if (refs.length === 0) return new Map();
  const rows = await db
    .selectFrom('skillConcepts as c')
    .innerJoin('skillFrameworks as f', 'f.id', 'c.framework')
    .select(['c.framework', 'c.code', 'c.label', 'c.description', 'f.name', 'f.version'])
    .where((eb) =>
      eb(
        eb.refTuple('c.framework', 'c.code'),
        'in',
        refs.map((ref) => eb.tuple(ref.framework, ref.code)),
      ),
    )
    .execute();
  return new Map(
    rows.map((row) => [
      conceptKey(row),
      {
        framework: row.framework,
        code: row.code,
        label: row.label,
        description: row.description,
        frameworkName: `${row.name} ${row.version}`,
      },
    ]),
  );
}
