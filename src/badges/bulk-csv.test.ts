import { describe, expect, it } from 'vitest';
import { BulkFileRefusedError, type BulkRow, bulkRows, csvRecords } from './bulk-csv.ts';

const now = new Date('2026-03-01T12:00:00Z');

async function* chunksOf(text: string | Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function rowsOf(text: string, options: { maxRows?: number; size?: number } = {}): Promise<BulkRow[]> {
  const rows: BulkRow[] = [];
  for await (const row of bulkRows(chunksOf(text, options.size), { now, maxRows: options.maxRows }))
    rows.push(row);
  return rows;
}

async function records(text: string, size = 3): Promise<string[][]> {
  const out: string[][] = [];
  for await (const record of csvRecords(chunksOf(text, size))) out.push(record.fields);
  return out;
}

async function refusal(text: string, options: { maxRows?: number } = {}): Promise<string> {
  try {
    await rowsOf(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(BulkFileRefusedError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('the CSV reader', () => {
  it('reads quoted fields with commas, quotes and line breaks, whatever the chunk boundaries', async () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n';
    for (const size of [1, 2, 3, 5, 64]) {
      expect(await records(text, size)).toEqual([
        ['a', 'b'],
        ['x, y', 'say "hi"'],
        ['two\nlines', 'z'],
      ]);
    }
  });

  it('accepts LF, CRLF and CR line ends and a last line without one', async () => {
    expect(await records('a\nb\r\nc\rd')).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('refuses a quoted field that never closes', async () => {
    await expect(records('a\n"open,b\n')).rejects.toThrow(/never closes/);
  });

  it('refuses a file that is not UTF-8', async () => {
    await expect(rowsOf('')).rejects.toThrow(/empty/);
    const latin1 = new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xe9, 0x0a]);
    const collect = async () => {
      for await (const _ of bulkRows(chunksOf(latin1), { now })) {
        // drain
      }
    };
    await expect(collect()).rejects.toThrow(/not UTF-8/);
  });
});

describe('bulk award rows', () => {
  it('reads the columns in any order and case, and skips empty rows', async () => {
    const rows = await rowsOf(
      'Issue_Date,NAME,Email,evidence_url\n2026-01-31,Ada Lovelace, Ada@Example.org ,https://example.org/work\n\n,,,\n,Bob,bob@example.org,\n',
    );
    expect(rows).toEqual([
      {
        rowNumber: 1,
        email: 'ada@example.org',
        name: 'Ada Lovelace',
        evidenceUrl: 'https://example.org/work',
        evidenceNarrative: null,
        narrative: null,
        issueDate: new Date('2026-01-31T00:00:00Z'),
        problems: [],
      },
      {
        rowNumber: 4,
        email: 'bob@example.org',
        name: 'Bob',
        evidenceUrl: null,
        evidenceNarrative: null,
        narrative: null,
        issueDate: null,
        problems: [],
      },
    ]);
  });

  it('strips a UTF-8 byte order mark before the header', async () => {
    const rows = await rowsOf('\uFEFFemail\nann@example.org\n', { size: 1 });
    expect(rows.map((r) => r.email)).toEqual(['ann@example.org']);
  });

  it('lists every problem of a row: bad email, http evidence, impossible and future dates', async () => {
    const rows = await rowsOf(
      'email,evidence_url,issue_date\nnot-an-email,http://example.org,2026-02-30\n,https://ok.example,2027-01-01\n',
    );
    expect(rows[0]?.problems).toEqual([
      { column: 'email', message: 'is not a valid email address', code: 'invalid-email' },
      { column: 'evidence_url', message: 'must start with https://', code: 'not-https' },
      { column: 'issue_date', message: 'is not a date like 2025-03-31', code: 'invalid-date' },
    ]);
    expect(rows[0]?.email).toBe('not-an-email');
    expect(rows[1]?.problems).toEqual([
      { column: 'email', message: 'is missing', code: 'missing' },
      { column: 'issue_date', message: 'is in the future', code: 'future-date' },
    ]);
  });

  it('reads an award narrative and an evidence narrative per row, and flags one that is too long', async () => {
    const long = 'x'.repeat(5001);
    const rows = await rowsOf(
      `email,evidence_url,evidence_narrative,narrative\nann@example.org,https://example.org/ann,"Her plan, signed off.",Led the migration.\nbob@example.org,,${long},\n`,
    );
    expect(rows[0]).toMatchObject({
      evidenceUrl: 'https://example.org/ann',
      evidenceNarrative: 'Her plan, signed off.',
      narrative: 'Led the migration.',
      problems: [],
    });
    expect(rows[1]?.narrative).toBeNull();
    expect(rows[1]?.problems).toEqual([
      {
        column: 'evidence_narrative',
        message: 'is longer than 5000 characters',
        code: 'too-long',
        params: { max: 5000 },
      },
    ]);
  });

  it('marks a repeated address as a problem of the later row, naming the first', async () => {
    const rows = await rowsOf('email\nann@example.org\nbob@example.org\nANN@example.org\n');
    expect(rows[0]?.problems).toEqual([]);
    expect(rows[2]?.problems).toEqual([
      { column: 'email', message: 'repeats row 1', code: 'repeats-row', params: { row: 1 } },
    ]);
  });

  it('flags a row with more values than the header has columns', async () => {
    const rows = await rowsOf('email,name\nann@example.org,Ann,extra\nbob@example.org,Bob,\n');
    expect(rows[0]?.problems).toEqual([
      {
        column: '',
        message: 'has 3 columns; the header has 2',
        code: 'extra-columns',
        params: { count: 3, header: 2 },
      },
    ]);
    expect(rows[1]?.problems).toEqual([]);
  });

  it('refuses a header with unknown columns, naming them', async () => {
    const message = await refusal('email,name,grade,Team\nann@example.org,Ann,A,red\n');
    expect(message).toContain('unknown columns "grade", "Team"');
  });

  it('gives each refusal a stable reason and the values its message names, for clients that translate', async () => {
    const reasonOf = async (text: string, options: { maxRows?: number } = {}) => {
      try {
        await rowsOf(text, options);
      } catch (error) {
        const { reason, params } = error as BulkFileRefusedError;
        return { reason, params };
      }
      throw new Error('the file was accepted');
    };
    expect(await reasonOf('email,grade,Team\nann@example.org,A,red\n')).toEqual({
      reason: 'unknown-columns',
      params: {
        columns: '"grade", "Team"',
        count: 2,
        expected: 'email, name, evidence_url, evidence_narrative, narrative, issue_date',
      },
    });
    expect((await reasonOf('email,EMAIL\nann@example.org,b@example.org\n')).reason).toBe('repeated-columns');
    expect((await reasonOf('name\nAnn\n')).reason).toBe('no-email-column');
    expect((await reasonOf('')).reason).toBe('empty');
    expect((await reasonOf('\n\n')).reason).toBe('no-header');
    expect(await reasonOf('email\n"ann@example.org\n')).toEqual({
      reason: 'unclosed-quote',
      params: { row: 1 },
    });
    expect(await reasonOf('email\na@example.org\nb@example.org\n', { maxRows: 1 })).toEqual({
      reason: 'too-many-rows',
      params: { max: 1 },
    });
  });

  it('refuses a header without an email column', async () => {
    expect(await refusal('name\nAnn\n')).toContain('no "email" column');
  });

  it('refuses an empty file and one with a header but no recipients', async () => {
    expect(await refusal('')).toMatch(/empty/);
    expect(await refusal('\n\n')).toMatch(/header/);
    // A header alone passes the reader; the run refuses it for having no rows (see bulk-runs.test.ts).
    expect(await rowsOf('email,name\n')).toEqual([]);
  });

  it('refuses a file with more rows than the limit', async () => {
    const text = `email\n${Array.from({ length: 11 }, (_, i) => `p${i}@example.org`).join('\n')}\n`;
    expect(await refusal(text, { maxRows: 10 })).toContain('more than 10 rows');
    expect(await rowsOf(text, { maxRows: 11 })).toHaveLength(11);
  });
});
