// Skill frameworks as the importers see them: what a file must hold, and the error a bad file gives.
// Free of SQL and HTTP; the files are read by sources.ts and written by store.ts.
import type { FrameworkId } from './tables.ts';

export type { FrameworkId } from './tables.ts';

/** A file that cannot be imported: the message names the file (and the line when one is at fault). */
export class SkillImportError extends Error {
  override readonly name = 'SkillImportError';
}

export function fileError(file: string, line: number | null, problem: string): SkillImportError {
  return new SkillImportError(line === null ? `${file}: ${problem}` : `${file}, line ${line}: ${problem}`);
}

/** One data row of a file, by column name, with the line it starts on (the header is line 1). */
export interface SourceRow {
  line: number;
  values: Record<string, string>;
}

export interface ImportProgress {
  framework: FrameworkId;
  file: string;
  /** 1-based position of the file among those of the import. */
  index: number;
  total: number;
  /** Rows of this file read so far. */
  rows: number;
  /** The file was loaded by an earlier, interrupted run. */
  skipped?: boolean;
  done: boolean;
}

export interface ImportOptions {
  /** Called as files are read (every few hundred rows) and when each file is done. */
  onProgress?: (progress: ImportProgress) => void;
  /** Called after each file is committed; what it throws stops the import (the next run resumes). */
  afterFile?: (file: string) => void | Promise<void>;
  now?: () => Date;
}

export interface ImportSummary {
  framework: FrameworkId;
  version: string;
  /** Files loaded by this run, and those an earlier interrupted run had loaded. */
  loaded: string[];
  resumed: string[];
}

/** O*NET writes an empty cell as "n/a". */
export function onetText(value: string): string | null {
  return value === 'n/a' || value === '' ? null : value;
}

export function decimal(file: string, row: SourceRow, column: string): number {
  const text = row.values[column] ?? '';
  const value = Number(text);
  if (text === '' || !Number.isFinite(value))
    throw fileError(file, row.line, `"${column}" must be a number, not "${text}"`);
  return value;
}

export function flag(file: string, row: SourceRow, column: string): boolean {
  const text = row.values[column];
  if (text === 'Y') return true;
  if (text === 'N') return false;
  throw fileError(file, row.line, `"${column}" must be Y or N, not "${text ?? ''}"`);
}

/** The dataset version O*NET's `Read Me.txt` states ("O*NET 29.3 Database"). */
export function onetVersion(readMe: string): string | null {
  return /O\*NET\s+(\d+(?:\.\d+)*)\s+Database/i.exec(readMe)?.[1] ?? null;
}

/** A version in a directory name such as `esco-v1.1.1`, when the caller gave none. */
export function versionInPath(path: string): string | null {
  return /v?(\d+\.\d+(?:\.\d+)?)(?!.*\d+\.\d+)/.exec(path)?.[1] ?? null;
}

/** ESCO's multi-valued label fields hold one value a line. */
export function labelList(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(/\r?\n/).map((label) => label.trim()))].filter(Boolean);
}
