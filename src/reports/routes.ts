// The dashboards' figures over HTTP (mounted under /api/v1):
//   GET /orgs/{orgId}/figures   the issuer dashboard (owners, admins, staff)
//   GET /operate/figures        the platform operator dashboard (platform operators)
// JSON by default; `format=json` as a download; `format=csv&table=<name>` one table as a formula-safe CSV.
// A token needs the scope `read`.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import { downloadName, issuerCsv, operatorCsv } from './csv.ts';
import { issuerFigures } from './issuer-figures.ts';
import { operatorFigures } from './operator-figures.ts';
import {
  ISSUER_TABLES,
  issuerFiguresQuery,
  issuerFiguresReply,
  OPERATOR_TABLES,
  operatorFiguresQuery,
  operatorFiguresReply,
  orgParams,
  presentIssuerFigures,
  presentOperatorFigures,
} from './schemas.ts';

/** format=csv needs a table; named here so the 400 points at the parameter. */
function requireTable(format: string | undefined, table: string | undefined, tables: readonly string[]) {
  if (format === 'csv' && table === undefined)
    throw new InvalidError('Name the table to download as CSV.', [
      {
        path: 'querystring.table',
        message: `Choose one of: ${tables.join(', ')}`,
        code: 'choose-table',
        params: { tables: tables.join(', ') },
      },
    ]);
}

const download = (reply: FastifyReply, type: string, name: string) =>
  reply
    .type(type)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('x-content-type-options', 'nosniff');

const PERIOD_TEXT =
  'Defaults: the twelve months up to today, monthly. `from` after `to`, or a period longer than five years, ' +
  'answers 400 naming the parameter. `format=csv&table=<name>` downloads one table as CSV (`text/csv`, ' +
  'cells that would start a spreadsheet formula neutralised); `format=json` downloads the JSON.';

export async function figuresRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/figures',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['reports'],
        summary: 'The issuer dashboard: awards, learning, acceptance per badge and the review queue',
        description:
          'Awards issued in the period by the state each is in now (offered, accepted, declined, awaiting ' +
          'the issuance fee, shared publicly), per bucket and in total; accepted awards expiring within 90 ' +
          'days of now; enrolments, completions and the median days from enrolment to completion per ' +
          'course; the acceptance rate per badge; the review queue now (waiting, oldest and median age in ' +
          `days) and evidence submitted and reviewed per bucket. Owners, admins and staff. ${PERIOD_TEXT}`,
        params: orgParams,
        querystring: issuerFiguresQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: issuerFiguresReply },
      },
    },
    async (request, reply) => {
      const { format, table, ...query } = request.query;
      requireTable(format, table, ISSUER_TABLES);
      const figures = await issuerFigures(deps, request.actor, request.params.orgId, query);
      const { from, to } = figures.period;
      if (format === 'csv' && table)
        return download(
          reply,
          'text/csv; charset=utf-8',
          `${downloadName('figures', table, from, 'to', to)}.csv`,
        ).send(issuerCsv(figures, table));
      if (format === 'json')
        download(reply, 'application/json; charset=utf-8', `${downloadName('figures', from, 'to', to)}.json`);
      return presentIssuerFigures(figures);
    },
  );

  r.get(
    '/operate/figures',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['reports'],
        summary: 'The platform operator dashboard: organizations, users, jobs, mail, storage, versions',
        description:
          'Platform operators only (403 for anyone else, and for an API token bound to one organization). ' +
          'Organizations by kind; users (total, with a confirmed address, operators, created per bucket); ' +
          'jobs waiting, running, completed in the last day, failed in the last day and week, and the last ' +
          'failures (kind, time, attempts, the message with links, addresses and tokens redacted — payloads ' +
          'are never shown); mail queued, sent and failed (bounces are not tracked: null); storage (uploaded ' +
          'files on local storage, the database size; null where not available); versions (Tessera, Node.js, ' +
          `the database engine, migrations applied). ${PERIOD_TEXT}`,
        querystring: operatorFiguresQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: operatorFiguresReply },
      },
    },
    async (request, reply) => {
      const { format, table, ...query } = request.query;
      requireTable(format, table, OPERATOR_TABLES);
      const figures = await operatorFigures(deps, request.actor, query);
      const { from, to } = figures.period;
      if (format === 'csv' && table)
        return download(
          reply,
          'text/csv; charset=utf-8',
          `${downloadName('platform', table, from, 'to', to)}.csv`,
        ).send(operatorCsv(figures, table));
      if (format === 'json')
        download(
          reply,
          'application/json; charset=utf-8',
          `${downloadName('platform', from, 'to', to)}.json`,
        );
      return presentOperatorFigures(figures);
    },
  );
}
