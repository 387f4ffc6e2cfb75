// The issuer's sales report: GET /orgs/{orgId}/reports/sales (JSON, for the chart and table) and
// /orgs/{orgId}/reports/sales.csv (the same rows for a spreadsheet). Mounted under /api/v1.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { schemaMessage } from '../errors.ts';
import { type SalesReport, salesReport } from './reports.ts';
import { salesCsv } from './reports-csv.ts';

const month = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])$/,
    schemaMessage('month-format', 'Use a month written YYYY-MM, e.g. 2026-11.'),
  )
  .describe('A month, YYYY-MM (UTC)');

const reportQuery = z.strictObject({
  from: month.optional().describe('First month (default: eleven months before `to`)'),
  to: month.optional().describe('Last month (default: the current month)'),
  currency: z
    .string()
    .regex(
      /^[A-Z]{3}$/,
      schemaMessage('currency-three-letters', 'Use a three-letter currency code such as EUR.'),
    )
    .optional()
    .describe('Default: the currency of most of the organization’s orders'),
});

const minor = z.number().int();

const figures = {
  salesMinor: minor.describe('Net sales (list − discount) of courses and bundles, by month paid'),
  refundsMinor: minor.describe('Net amount refunded (tax excluded), by month refunded'),
  feesMinor: minor.describe('Net issuance fees charged'),
  revenueMinor: minor.describe('salesMinor + feesMinor − refundsMinor'),
  discountsMinor: minor,
  taxMinor: minor,
  orders: z.number().int().describe('Orders paid'),
};

const salesReportSchema = z.object({
  currency: z.string().nullable(),
  currencies: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  months: z.array(z.object({ month: z.string(), ...figures })),
  rows: z.array(
    z.object({
      month: z.string(),
      itemKind: z.enum(['course', 'bundle', 'issuance-fee']),
      itemId: z.string().nullable(),
      title: z.string(),
      units: z.number().int().describe('Courses or fees sold; bundles sold for a bundle'),
      grossMinor: minor,
      discountMinor: minor,
      netMinor: minor,
      taxMinor: minor,
      refunds: z.number().int(),
      refundedMinor: minor,
      revenueMinor: minor,
    }),
  ),
  totals: z.object(figures),
  testModeOrders: z
    .number()
    .int()
    .describe('Orders paid by test card in these months (test mode, no money moved): not in any figure'),
});

function presentReport(report: SalesReport): z.infer<typeof salesReportSchema> {
  return {
    currency: report.currency,
    currencies: report.currencies,
    from: report.from,
    to: report.to,
    months: report.months.map((m) => ({ ...m })),
    rows: report.rows.map((row) => ({ ...row })),
    totals: { ...report.totals },
    testModeOrders: report.testModeOrders,
  };
}

const orgParams = z.object({ orgId: z.uuid() });

export async function reportRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['commerce'];

  r.get(
    '/orgs/:orgId/reports/sales',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary:
          'Sales, refunds, fees and revenue per month (UTC) and per course, bundle and issuance fee, in one currency',
        params: orgParams,
        querystring: reportQuery,
        response: { 200: salesReportSchema },
      },
    },
    async (request) =>
      presentReport(await salesReport(deps, request.actor, request.params.orgId, request.query)),
  );

  r.get(
    '/orgs/:orgId/reports/sales.csv',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary:
          'The same report as a CSV file: one row per month and item (cells safe to open in a spreadsheet)',
        params: orgParams,
        querystring: reportQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const report = await salesReport(deps, request.actor, request.params.orgId, request.query);
      const name = `sales-${report.from}-to-${report.to}${report.currency ? `-${report.currency}` : ''}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-type-options', 'nosniff')
        .send(salesCsv(report));
    },
  );
}
