// The bulk-award CSV file: an RFC 4180 reader that streams (never holds the whole file) and the rules
// of each row. Pure: no database, no clock (the caller passes `now`).
// https://www.rfc-editor.org/rfc/rfc4180
import { z } from 'zod';
import { BulkFileRefusedError } from './bulk-file-refused.ts';
import type { BulkRowProblem } from './tables.ts';

export const MAX_BULK_ROWS = 1_000_000;
/** A record longer than this is not a recipient list (a binary file, an unclosed quote …). */
export const MAX_RECORD_CHARS = 65_536;
export const BULK_COLUMNS = [
  'email',
  'name',
  'evidence_url',
  'evidence_narrative',
  'narrative',
  'issue_date',
] as const;
export type BulkColumn = (typeof BULK_COLUMNS)[number];
const MAX_NAME_CHARS = 200;
const MAX_URL_CHARS = 2048;
/** As the manual award's narrative and evidenceNarrative. */
const MAX_NARRATIVE_CHARS = 5000;

/** The file's bytes (or text) in chunks: a request stream, a file stream, an array in tests. */
export type CsvSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export { type BulkFileReason, BulkFileRefusedError } from './bulk-file-refused.ts';

export interface CsvRecord {
  /** 0 for the header, then 1, 2 … for each record of the file (empty lines included). */
  recordNumber: number;
  fields: string[];
}

function decodeChunks(source: CsvSource): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk: Uint8Array | string, stream: boolean): string => {
    try {
      return typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream });
    } catch {
      throw new BulkFileRefusedError(
        'The file is not UTF-8 text; save it as "CSV UTF-8" and try again.',
        'not-utf8',
      );
    }
  };
  return (async function* () {
    let first = true;
    for await (const chunk of source) {
      let text = decode(chunk, true);
      // TextDecoder drops a BOM from bytes; text chunks may still carry one.
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      yield text;
    }
    yield decode(new Uint8Array(), false);
  })();
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Bytes or text chunks → records, one at a time. */
export async function* csvRecords(
  source: CsvSource,
  maxRecordChars = MAX_RECORD_CHARS,
): AsyncGenerator<CsvRecord> {
  for await (const batch of csvRecordBatches(source, maxRecordChars)) yield* batch;
}

/**
 * Bytes or text chunks → the records completed by each chunk. Handles quotes, "" escapes, CRLF/LF/CR
 * and a UTF-8 BOM. Batches, because an async step per record would cost more than reading it.
 */
export async function* csvRecordBatches(
  source: CsvSource,
  maxRecordChars = MAX_RECORD_CHARS,
): AsyncGenerator<CsvRecord[]> {
  let fields: string[] = [];
  let field = '';
  let recordLength = 0;
  let inQuotes = false;
  /** Inside quotes, a `"` was just seen: the end of the field, or the first half of `""`. */
  let quotePending = false;
  let afterCr = false;
  let recordNumber = 0;
  const tooLong = () =>
    new BulkFileRefusedError(
      `Row ${recordNumber} is longer than ${maxRecordChars.toLocaleString('en')} characters (a quote left open?); is this the right file?`,
      'row-too-long',
      { row: recordNumber, max: maxRecordChars },
    );
  for await (const text of decodeChunks(source)) {
    const complete: CsvRecord[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (afterCr) {
        afterCr = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      if (inQuotes) {
        if (!quotePending) {
          if (c === QUOTE) {
            field += text.slice(start, i);
            start = i + 1;
            quotePending = true;
          }
          continue;
        }
        quotePending = false;
        if (c === QUOTE) {
          start = i; // `""` is one quote: keep the second
          continue;
        }
        inQuotes = false;
      }
      if (c === QUOTE && start === i && field.length === 0) {
        inQuotes = true;
        start = i + 1;
      } else if (c === COMMA || c === LF || c === CR) {
        field += text.slice(start, i);
        start = i + 1;
        fields.push(field);
        recordLength += field.length + 1;
        field = '';
        if (c === COMMA) continue;
        if (recordLength > maxRecordChars) throw tooLong();
        complete.push({ recordNumber, fields });
        recordNumber += 1;
        fields = [];
        recordLength = 0;
        afterCr = c === CR;
      }
    }
    field += text.slice(start);
    if (recordLength + field.length > maxRecordChars) throw tooLong();
    if (complete.length > 0) yield complete;
  }
  if (inQuotes && !quotePending) {
    throw new BulkFileRefusedError(
      `Row ${recordNumber} opens a quoted field that never closes.`,
      'unclosed-quote',
      { row: recordNumber },
    );
  }
  if (field.length > 0 || fields.length > 0) {
    fields.push(field);
    yield [{ recordNumber, fields }];
  }
}

export interface BulkRow {
  /** The record's number in the file (the header is 0). */
  rowNumber: number;
  /** Lower-case when valid; as written (trimmed) otherwise, or null when empty. */
  email: string | null;
  name: string | null;
  evidenceUrl: string | null;
  /** What the evidence at evidence_url shows (or the evidence itself); an OB 3.0 Evidence narrative. */
  evidenceNarrative: string | null;
  /** Why this recipient was awarded the badge: an Evidence entry of its own. */
  narrative: string | null;
  issueDate: Date | null;
  problems: BulkRowProblem[];
}

export interface BulkCsvOptions {
  now: Date;
  maxRows?: number;
  maxRecordChars?: number;
}

/** Maps the header's columns (any order, any case) to their position; refuses unknown or missing ones. */
export function readHeader(fields: string[]): Map<BulkColumn, number> {
  const columns = new Map<BulkColumn, number>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  fields.forEach((raw, index) => {
    const name = raw
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (name === '' && index === fields.length - 1 && index > 0) return; // a trailing comma
    if (!(BULK_COLUMNS as readonly string[]).includes(name))
      unknown.push(raw.trim() || `(empty, column ${index + 1})`);
    else if (columns.has(name as BulkColumn)) repeated.push(name);
    else columns.set(name as BulkColumn, index);
  });
  const problems: string[] = [];
  if (unknown.length > 0)
    problems.push(
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`,
    );
  if (repeated.length > 0)
    problems.push(
      `column${repeated.length > 1 ? 's' : ''} ${repeated.join(', ')} appear${repeated.length > 1 ? '' : 's'} twice`,
    );
  if (!columns.has('email')) problems.push('no "email" column');
  if (problems.length > 0) {
    // The reason names the first kind of problem; the message (and the params) name them all.
    const reason =
      unknown.length > 0 ? 'unknown-columns' : repeated.length > 0 ? 'repeated-columns' : 'no-email-column';
    throw new BulkFileRefusedError(
      `The header row has ${problems.join('; ')}. Use the columns ${BULK_COLUMNS.join(', ')} (only email is required).`,
      reason,
      {
        columns: (reason === 'unknown-columns' ? unknown.map((u) => `"${u}"`) : repeated).join(', '),
        count: reason === 'unknown-columns' ? unknown.length : repeated.length,
        expected: BULK_COLUMNS.join(', '),
      },
    );
  }
  return columns;
}

const emailSchema = z.email();

const tooLong = (column: string, max: number): BulkRowProblem => ({
  column,
  message: `is longer than ${max} characters`,
  code: 'too-long',
  params: { max },
});

function checkEmail(raw: string, problems: BulkRowProblem[]): string | null {
  const email = raw.trim();
  if (email === '') problems.push({ column: 'email', message: 'is missing', code: 'missing' });
  else if (email.length > 254 || !emailSchema.safeParse(email).success)
    problems.push({ column: 'email', message: 'is not a valid email address', code: 'invalid-email' });
  else return email.toLowerCase();
  return email === '' ? null : email;
}

function checkEvidenceUrl(raw: string, problems: BulkRowProblem[]): string | null {
  const value = raw.trim();
  if (value === '') return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  // https only: the URL ends up in a signed credential that verifiers follow; plain http can be altered on the way.
  if (!url || value.length > MAX_URL_CHARS)
    problems.push({ column: 'evidence_url', message: 'is not a valid URL', code: 'invalid-url' });
  else if (url.protocol !== 'https:')
    problems.push({ column: 'evidence_url', message: 'must start with https://', code: 'not-https' });
  return value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `2025-03-31` (midnight UTC) or an ISO 8601 date-time with a zone. */
export function parseIssueDate(value: string): Date | null {
  const day = ISO_DATE.exec(value);
  if (day) {
    const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
    const real = date.getUTCMonth() === month - 1 && date.getUTCDate() === dayOfMonth;
    return real ? date : null;
  }
  if (!ISO_DATE_TIME.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function checkIssueDate(raw: string, now: Date, problems: BulkRowProblem[]): Date | null {
  const value = raw.trim();
  if (value === '') return null;
  const date = parseIssueDate(value);
  if (!date)
    problems.push({ column: 'issue_date', message: 'is not a date like 2025-03-31', code: 'invalid-date' });
  else if (date.getTime() > now.getTime())
    problems.push({ column: 'issue_date', message: 'is in the future', code: 'future-date' });
  return date;
}

function checkNarrative(raw: string, column: BulkColumn, problems: BulkRowProblem[]): string | null {
  const value = raw.trim();
  if (value.length > MAX_NARRATIVE_CHARS) problems.push(tooLong(column, MAX_NARRATIVE_CHARS));
  return value === '' ? null : value.slice(0, MAX_NARRATIVE_CHARS);
}

function cellOf(record: CsvRecord, columns: Map<BulkColumn, number>, column: BulkColumn): string {
  const index = columns.get(column);
  return index === undefined ? '' : (record.fields[index] ?? '');
}

/** One data record → a row with every problem it has (not just the first). */
export function checkRow(
  record: CsvRecord,
  columns: Map<BulkColumn, number>,
  headerWidth: number,
  now: Date,
): BulkRow {
  const problems: BulkRowProblem[] = [];
  const extra = record.fields.slice(headerWidth).filter((value) => value.trim() !== '');
  if (extra.length > 0) {
    problems.push({
      column: '',
      message: `has ${record.fields.length} columns; the header has ${headerWidth}`,
      code: 'extra-columns',
      params: { count: record.fields.length, header: headerWidth },
    });
  }
  const email = checkEmail(cellOf(record, columns, 'email'), problems);
  const name = cellOf(record, columns, 'name').trim();
  if (name.length > MAX_NAME_CHARS) problems.push(tooLong('name', MAX_NAME_CHARS));
  return {
    rowNumber: record.recordNumber,
    email,
    name: name === '' ? null : name.slice(0, MAX_NAME_CHARS),
    evidenceUrl: checkEvidenceUrl(cellOf(record, columns, 'evidence_url'), problems),
    evidenceNarrative: checkNarrative(
      cellOf(record, columns, 'evidence_narrative'),
      'evidence_narrative',
      problems,
    ),
    narrative: checkNarrative(cellOf(record, columns, 'narrative'), 'narrative', problems),
    issueDate: checkIssueDate(cellOf(record, columns, 'issue_date'), now, problems),
    problems,
  };
}

const isEmptyRecord = (record: CsvRecord) => record.fields.every((value) => value.trim() === '');

/**
 * The file's rows, checked: a file-level problem (no header, unknown columns, too many rows …) throws
 * BulkFileRefusedError; a row's own problems travel with the row. A repeated email is a problem of the
 * later row, naming the first. Memory: one map entry per distinct email (about 100 bytes each).
 */
export async function* bulkRows(source: CsvSource, options: BulkCsvOptions): AsyncGenerator<BulkRow> {
  for await (const batch of bulkRowBatches(source, options)) yield* batch;
}

/** bulkRows, a chunk's worth at a time (what the dry run stores). */
export async function* bulkRowBatches(source: CsvSource, options: BulkCsvOptions): AsyncGenerator<BulkRow[]> {
  const maxRows = options.maxRows ?? MAX_BULK_ROWS;
  let columns: Map<BulkColumn, number> | null = null;
  let headerWidth = 0;
  let rows = 0;
  const firstRowOf = new Map<string, number>();
  for await (const records of csvRecordBatches(source, options.maxRecordChars)) {
    const batch: BulkRow[] = [];
    for (const record of records) {
      if (!columns) {
        if (isEmptyRecord(record))
          throw new BulkFileRefusedError('The first row must be the header (email, name …).', 'no-header');
        columns = readHeader(record.fields);
        headerWidth = record.fields.length;
        continue;
      }
      if (isEmptyRecord(record)) continue;
      rows += 1;
      if (rows > maxRows) {
        throw new BulkFileRefusedError(
          `The file has more than ${maxRows.toLocaleString('en')} rows; split it into smaller files.`,
          'too-many-rows',
          { max: maxRows },
        );
      }
      const row = checkRow(record, columns, headerWidth, options.now);
      if (row.email && !row.problems.some((p) => p.column === 'email')) {
        const first = firstRowOf.get(row.email);
        if (first === undefined) firstRowOf.set(row.email, row.rowNumber);
        else
          row.problems.push({
            column: 'email',
            message: `repeats row ${first}`,
            code: 'repeats-row',
            params: { row: first },
          });
      }
      batch.push(row);
    }
    if (batch.length > 0) yield batch;
  }
  if (!columns)
    throw new BulkFileRefusedError(
      'The file is empty; it needs a header row and one row per recipient.',
      'empty',
    );
}
