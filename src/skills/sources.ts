// Streaming readers for the framework files: O*NET's tab-separated text files and ESCO's RFC 4180 CSV
// (multi-line quoted fields, hence a real parser). Each checks the header and names file and line on error.
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CsvError, parse } from 'csv-parse';
import { fileError, type SourceRow } from './model.ts';

function requireFile(dir: string, file: string, what: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw fileError(file, null, `not found in ${dir}; is this the ${what}?`);
  return path;
}

function checkHeader(file: string, header: string[], required: readonly string[]): void {
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length > 0)
    throw fileError(
      file,
      1,
      `missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} in the header`,
    );
}

/** Rows of an O*NET text file (tab-separated, header row, no quoting). */
export async function* tsvRows(
  dir: string,
  file: string,
  required: readonly string[],
): AsyncGenerator<SourceRow> {
  const path = requireFile(dir, file, 'O*NET text release');
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let header: string[] | null = null;
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (header === null) {
      header = text.replace(/^\uFEFF/, '').split('\t');
      checkHeader(file, header, required);
      continue;
    }
    if (text.trim() === '') continue;
    const cells = text.split('\t');
    if (cells.length !== header.length)
      throw fileError(file, line, `${cells.length} fields where the header has ${header.length}`);
    yield { line, values: Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])) };
  }
  if (header === null) throw fileError(file, null, 'the file is empty');
}

/** Rows of an ESCO CSV file. */
export async function* csvRows(
  dir: string,
  file: string,
  required: readonly string[],
): AsyncGenerator<SourceRow> {
  const path = requireFile(dir, file, 'ESCO CSV download');
  const parser = createReadStream(path).pipe(parse({ bom: true, info: true, skip_empty_lines: true }));
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (header === null) {
        header = record;
        checkHeader(file, header, required);
        continue;
      }
      const fields = header;
      yield {
        line: info.lines,
        values: Object.fromEntries(fields.map((name, i) => [name, record[i] ?? ''])),
      };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      throw fileError(file, line, `not valid CSV (${error.message})`);
    }
    throw error;
  }
  if (header === null) throw fileError(file, null, 'the file is empty');
}
