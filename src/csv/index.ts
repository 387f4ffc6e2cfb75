// CSV cells and rows for exports (awards, sales reports): safe to open in a spreadsheet. Text that would
// start a formula gets a leading quote (OWASP "CSV injection"); a cell holding a quote, comma or line break
// is quoted. Numbers are written as they are.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula-looking text neutralised, then quoted when it holds a quote, comma or newline. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, ended with CRLF as RFC 4180 has it. */
export function csvRow(values: Array<string | number | boolean | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
