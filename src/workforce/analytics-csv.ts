// The analytics tables as CSV files (a header, then one row per line of the table), through the project's
// CSV writer: text that would start a spreadsheet formula is neutralised, cells are quoted as needed.
import { csvRow } from '../csv/index.ts';
import type { GapHeatMap } from './analytics-gap.ts';
import type { FigureTable } from './analytics-schemas.ts';
import type { EmployerAnalytics } from './analytics-service.ts';
import type { PersonCount } from './analytics-store.ts';

type Cell = string | number | null;

const file = (header: string[], rows: Cell[][]): string =>
  [header, ...rows].map((row) => csvRow(row)).join('');

/** Every person in scope with their badges, most first (the whole ranking, not the figures' top). */
export const peopleCsv = (people: PersonCount[]): string =>
  file(
    ['employee_id', 'name', 'badges'],
    people.map((p) => [p.employeeId, p.name, p.count]),
  );

export function figuresCsv(
  figures: EmployerAnalytics,
  table: Exclude<FigureTable, 'badgesPerEmployee'>,
): string {
  switch (table) {
    case 'badgesOverTime':
      return file(
        ['period', 'badges'],
        figures.badges.overTime.map((b) => [b.period, b.count]),
      );
    case 'skillsOverTime':
      return file(
        ['period', 'skills_gained'],
        figures.skills.overTime.map((b) => [b.period, b.gained]),
      );
    case 'learning':
      return file(
        ['course_id', 'title', 'started', 'completed'],
        figures.learning.perCourse.map((c) => [c.courseId, c.title, c.started, c.completed]),
      );
    case 'expiringSoon':
      return file(
        ['employee_id', 'name', 'badge', 'valid_until'],
        figures.renewals.expiringSoon.map((e) => [
          e.employeeId,
          e.name,
          e.badgeName,
          e.validUntil.toISOString(),
        ]),
      );
  }
}

/** One row per person, one column per skill (its label) holding the gap; blank where no role needs it. */
export function heatmapCsv(map: GapHeatMap): string {
  return file(
    ['employee_id', 'name', 'roles', ...map.skills.map((s) => s.label)],
    map.people.map((p) => [
      p.employeeId,
      p.name,
      p.roles.map((r) => r.name).join('; '),
      ...p.cells.map((c) => c.gap),
    ]),
  );
}

/** A file name safe in a Content-Disposition header. */
export const downloadName = (...parts: string[]): string =>
  parts
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 120);
