// Writes the small skill-framework sample shipped in vendor/skills-sample/ from the full O*NET text release
// and ESCO CSV download:  npx tsx scripts/make-skills-sample.ts <dir with onet/ and esco/> [out dir]
// O*NET: 8 rated occupations per Job Zone with all their ratings, titles and technology skills.
// ESCO: the occupations whose label matches one of those occupations' titles, their skills, the transversal
// skills, and the ISCO groups above them. Files keep their formats (TSV with LF; CSV with CRLF).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const [source, out = 'vendor/skills-sample'] = process.argv.slice(2);
if (!source) {
  console.error('usage: make-skills-sample.ts <dir with onet/ and esco/> [out dir]');
  process.exit(1);
}
const PER_ZONE = 8;
const ESCO_OCCUPATIONS = 24;

function tsv(file: string): { header: string; rows: string[][] } {
  const [header = '', ...lines] = readFileSync(join(source!, 'onet', file), 'utf8').split('\n');
  return { header, rows: lines.filter((l) => l.trim() !== '').map((l) => l.split('\t')) };
}

function writeTsv(file: string, keep: (row: string[]) => boolean): void {
  const { header, rows } = tsv(file);
  const kept = rows.filter(keep).map((r) => r.join('\t'));
  writeFileSync(join(out, 'onet', file), `${[header, ...kept].join('\n')}\n`);
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function csv(file: string): string[][] {
  return parse(readFileSync(join(source!, 'esco', file)), { bom: true, relax_column_count: true });
}
function writeCsv(file: string, keep: (row: string[]) => boolean): void {
  const [header = [], ...rows] = csv(file);
  const lines = [header, ...rows.filter(keep)].map((r) => `${r.map(csvCell).join(',')}\r\n`);
  writeFileSync(join(out, 'esco', file), lines.join(''));
}

mkdirSync(join(out, 'onet'), { recursive: true });
mkdirSync(join(out, 'esco'), { recursive: true });

// O*NET: rated occupations, spread over each Job Zone.
const rated = new Set(tsv('Skills.txt').rows.map((r) => r[0]));
const byZone = new Map<string, string[]>();
for (const [code = '', zone = ''] of tsv('Job Zones.txt').rows)
  if (rated.has(code)) byZone.set(zone, [...(byZone.get(zone) ?? []), code]);
const chosen = new Set<string>();
for (const codes of byZone.values()) {
  const step = Math.max(1, Math.floor(codes.length / PER_ZONE));
  for (let i = 0, n = 0; i < codes.length && n < PER_ZONE; i += step, n++) chosen.add(codes[i]!);
}
const ofChosen = (row: string[]) => chosen.has(row[0] ?? '');
for (const file of [
  'Occupation Data.txt',
  'Job Zones.txt',
  'Skills.txt',
  'Knowledge.txt',
  'Alternate Titles.txt',
  'Sample of Reported Titles.txt',
  'Technology Skills.txt',
])
  writeTsv(file, ofChosen);
const elements = new Set(
  [...tsv('Skills.txt').rows, ...tsv('Knowledge.txt').rows].filter(ofChosen).map((r) => r[1]),
);
writeTsv('Content Model Reference.txt', (r) => elements.has(r[0]));
writeFileSync(join(out, 'onet', 'Read Me.txt'), readFileSync(join(source, 'onet', 'Read Me.txt')));

// ESCO: occupations named like a chosen O*NET occupation (title or alternate title).
const names = new Set(
  [...tsv('Occupation Data.txt').rows, ...tsv('Alternate Titles.txt').rows]
    .filter(ofChosen)
    .map((r) => (r[1] ?? '').toLowerCase()),
);
const [occHeader = [], ...occupations] = csv('occupations_en.csv');
const col = (header: string[], name: string) => header.indexOf(name);
const label = col(occHeader, 'preferredLabel');
const uri = col(occHeader, 'conceptUri');
const isco = col(occHeader, 'iscoGroup');
const escoOccupations = new Set(
  occupations
    .filter((r) => names.has((r[label] ?? '').toLowerCase()))
    .map((r) => r[uri] ?? '')
    .slice(0, ESCO_OCCUPATIONS),
);
// Essential relations only: the optional ones would triple the sample.
const essential = (r: string[]) => escoOccupations.has(r[0] ?? '') && r[1] === 'essential';
const relations = csv('occupationSkillRelations.csv').filter(essential);
const transversal = csv('transversalSkillsCollection_en.csv')
  .slice(1)
  .map((r) => r[1] ?? '');
const skills = new Set([...relations.map((r) => r[3] ?? ''), ...transversal]);
const groups = new Set<string>();
for (const r of occupations)
  if (escoOccupations.has(r[uri] ?? ''))
    for (let n = 1; n <= (r[isco] ?? '').length; n++) groups.add((r[isco] ?? '').slice(0, n));

writeCsv('occupations_en.csv', (r) => escoOccupations.has(r[uri] ?? ''));
writeCsv('occupationSkillRelations.csv', essential);
writeCsv('skills_en.csv', (r) => skills.has(r[1] ?? ''));
writeCsv('ISCOGroups_en.csv', (r) => groups.has(r[2] ?? ''));
console.log(
  `O*NET: ${chosen.size} occupations, ${elements.size} elements. ESCO: ${escoOccupations.size} occupations, ` +
    `${relations.length} relations, ${skills.size} skills, ${groups.size} ISCO groups. Written to ${out}.`,
);
