// Employer analytics over HTTP (mounted under /api/v1):
//   GET /orgs/{orgId}/analytics        figures over a period (JSON; a JSON or CSV download)
//   GET /orgs/{orgId}/analytics/people the people ranked by badges over a period, one page at a time
//   GET /orgs/{orgId}/analytics/gap    the skill-gap heat map (JSON; a JSON or CSV download)
// Roles are checked by the services (owner, admin, manager of an employer); a token needs the scope `read`.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import { downloadName, figuresCsv, heatmapCsv, peopleCsv } from './analytics-csv.ts';
import { gapHeatMap } from './analytics-gap.ts';
import {
  analyticsQuery,
  analyticsReply,
  FIGURE_TABLES,
  gapQuery,
  gapReply,
  peopleQuery,
  peopleReply,
  presentAnalytics,
  presentGap,
} from './analytics-schemas.ts';
import { badgesPerPerson, employerAnalytics } from './analytics-service.ts';
import { orgParams } from './role-schemas.ts';

/** format=csv needs a table; named here so the 400 points at the parameter. */
function requireTable<T extends string>(
  format: string | undefined,
  table: T | undefined,
  tables: readonly T[],
) {
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

export async function analyticsRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['employers'];

  r.get(
    '/orgs/:orgId/analytics',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'Figures of what the people share: badges, skills gained, sponsored learning, renewals',
        description:
          'Counts only what each active person shares now (the same rules as their badges route); learning ' +
          'progress only through the seats the employer sponsored. Defaults: the twelve months up to today, ' +
          'monthly. `from` after `to`, or a period longer than five years, answers 400 naming the parameter. ' +
          '`format=csv&table=<name>` downloads one table as CSV (`text/csv`); `format=json` downloads the JSON.',
        params: orgParams,
        querystring: analyticsQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: analyticsReply },
      },
    },
    async (request, reply) => {
      const { format, table, ...query } = request.query;
      requireTable(format, table, FIGURE_TABLES);
      if (format === 'csv' && table === 'badgesPerEmployee') {
        // Everybody, not the figures' top: the one table whose length grows with the organization.
        const ranking = await badgesPerPerson(deps, request.actor, request.params.orgId, query, {
          limit: null,
          offset: 0,
        });
        const { from, to } = ranking.period;
        const name = downloadName('analytics', table, from, 'to', to);
        return download(reply, 'text/csv; charset=utf-8', `${name}.csv`).send(peopleCsv(ranking.people));
      }
      // The CSV of the badges expiring soon lists all of them; the figures, the soonest.
      const figures = await employerAnalytics(
        deps,
        request.actor,
        request.params.orgId,
        query,
        format === 'csv' && table === 'expiringSoon' ? null : undefined,
      );
      const { from, to } = figures.period;
      if (format === 'csv' && table && table !== 'badgesPerEmployee') {
        const name = downloadName('analytics', table, from, 'to', to);
        return download(reply, 'text/csv; charset=utf-8', `${name}.csv`).send(figuresCsv(figures, table));
      }
      if (format === 'json')
        download(
          reply,
          'application/json; charset=utf-8',
          `${downloadName('analytics', from, 'to', to)}.json`,
        );
      return presentAnalytics(figures);
    },
  );

  r.get(
    '/orgs/:orgId/analytics/people',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The people ranked by the badges they share from a period, one page at a time',
        description:
          'The whole ranking behind the figures’ `badges.perEmployee` (which holds only its top): every active ' +
          'person in scope, most badges issued in the period first, then by name, zeros included; `total` ' +
          'people in all. Same period, team and sharing rules as the figures; `limit` (at most 1,000) and ' +
          '`offset` page through it. The CSV download of the figures (`table=badgesPerEmployee`) gives everybody.',
        params: orgParams,
        querystring: peopleQuery,
        response: { 200: peopleReply },
      },
    },
    async (request) => {
      const { limit, offset, ...query } = request.query;
      const ranking = await badgesPerPerson(deps, request.actor, request.params.orgId, query, {
        limit,
        offset,
      });
      return {
        period: ranking.period,
        team: ranking.team,
        total: ranking.total,
        limit,
        offset,
        people: ranking.people,
      };
    },
  );

  r.get(
    '/orgs/:orgId/analytics/gap',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The skill-gap heat map: people × the skills their role profiles need',
        description:
          'People in scope holding a role profile (or `roleId`), the union of their roles’ skills (most ' +
          'important first), and per person and skill the level required, the level their shared badges ' +
          'evidence (a badge aligned without a level counts as meeting the level) and the gap; the team’s ' +
          'average gap per skill; for each skill someone falls short in, published badges and courses that ' +
          'teach it, with the badge’s bundle price when it is on sale. `format=csv&table=heatmap` downloads ' +
          'one row per person and one column per skill.',
        params: orgParams,
        querystring: gapQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: gapReply },
      },
    },
    async (request, reply) => {
      const { format, table, ...query } = request.query;
      requireTable(format, table, ['heatmap']);
      const map = await gapHeatMap(deps, request.actor, request.params.orgId, query);
      if (format === 'csv')
        return download(reply, 'text/csv; charset=utf-8', 'skill-gaps.csv').send(heatmapCsv(map));
      if (format === 'json') download(reply, 'application/json; charset=utf-8', 'skill-gaps.json');
      return presentGap(map);
    },
  );
}
