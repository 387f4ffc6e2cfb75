// The sales report as CSV: a header, then one row per month and item; amounts in units ("1234.56", made
// with integer arithmetic) and in minor units; text cells spreadsheet-safe.
import { csvCell } from '../csv/index.ts';
import { decimalAmount } from './money.ts';
import type { SalesReport, SalesRow } from './reports.ts';

/** Numbers this module wrote itself ("-12.10", "1210") stay numbers for the spreadsheet. */
function csvNumber(value: string | number): string {
  const text = String(value);
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`Not a number for the CSV: ${text}`);
  return text;
}

export const SALES_CSV_HEADER = [
  'month',
  'item_kind',
  'item_id',
  'title',
  'currency',
  'units',
  'gross',
  'discount',
  'net',
  'tax',
  'refunds',
  'refunded',
  'revenue',
  'gross_minor',
  'discount_minor',
  'net_minor',
  'tax_minor',
  'refunded_minor',
  'revenue_minor',
];

/** The report's rows as CSV: a header, then one row per month and item; amounts in units and minor units. */
export function salesCsv(report: SalesReport): string {
  const header = `${SALES_CSV_HEADER.join(',')}\r\n`;
  const { currency } = report;
  // An issuer that never sold has no report currency, and no rows.
  if (currency === null) return header;
  return header + report.rows.map((row) => `${salesCsvLine(row, currency)}\r\n`).join('');
}

function salesCsvLine(row: SalesRow, currency: string): string {
  const amounts = [row.grossMinor, row.discountMinor, row.netMinor, row.taxMinor];
  return [
    csvCell(row.month),
    csvCell(row.itemKind),
    csvCell(row.itemId),
    csvCell(row.title),
    csvCell(currency),
    csvNumber(row.units),
    ...amounts.map((minor) => csvNumber(decimalAmount(minor, currency))),
    csvNumber(row.refunds),
    csvNumber(decimalAmount(row.refundedMinor, currency)),
    csvNumber(decimalAmount(row.revenueMinor, currency)),
    ...[...amounts, row.refundedMinor, row.revenueMinor].map(csvNumber),
  ].join(',');
}
