// The analytics pages' charts (recharts) and the frame every chart sits in: a heading, the chart as one
// titled image (role="img" with <title> and <desc>), then the same figures as a table behind "Show the data",
// and that table's CSV and JSON downloads. The table is the accessible form of the chart, so the chart itself
// stays out of the keyboard order (no recharts accessibility layer: it would make the image an "application").
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { DataTable } from '../../components/DataTable.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';

/** Colours with at least 3:1 against white (WCAG 1.4.11), one per series. */
export const SERIES_COLOURS = { blue: '#1d4ed8', green: '#166534', amber: '#9a3412' } as const;

export interface Series {
  key: string;
  label: string;
  colour: string;
}

type Row = Record<string, string | number>;

const AXIS_TEXT = { fill: '#4a5263', fontSize: 12 };

/** Period keys as a reader says them: `2026-03` → "Mar 26", `2026-W05` → "W5 2026" (long forms for tables). */
export function usePeriodLabels(): { short: (period: string) => string; long: (period: string) => string } {
  const { t, i18n } = useTranslation();
  const month = (style: 'short' | 'long', year: '2-digit' | 'numeric') =>
    new Intl.DateTimeFormat(i18n.language, { month: style, year, timeZone: 'UTC' });
  const shortMonth = month('short', '2-digit');
  const longMonth = month('long', 'numeric');
  const format = (period: string, monthFormat: Intl.DateTimeFormat, weekKey: string) => {
    const m = /^(\d{4})-(\d{2})$/.exec(period);
    if (m) return monthFormat.format(new Date(`${m[1]}-${m[2]}-01T00:00:00Z`));
    const w = /^(\d{4})-W(\d{2})$/.exec(period);
    if (w) return t(weekKey, { week: Number(w[2]), year: w[1] });
    return period;
  };
  return {
    short: (period) => format(period, shortMonth, 'analytics.charts.weekShort'),
    long: (period) => format(period, longMonth, 'analytics.charts.weekLong'),
  };
}

/** Long names cut to fit a category axis; the table beside the chart has them whole. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface ChartProps {
  /** Short name of the chart (its <title>). */
  title: string;
  /** What it shows, in one sentence (its <desc>). */
  description: string;
  data: Row[];
  categoryKey: string;
  series: Series[];
  formatCategory?: (value: string) => string;
}

/** Counts per period (or per course) as upright bars, one colour per series. */
export function ColumnChart({ title, description, data, categoryKey, series, formatCategory }: ChartProps) {
  return (
    <BarChart
      className="analytics-chart"
      responsive
      style={{ width: '100%', maxWidth: '45rem', height: 260 }}
      data={data}
      role="img"
      title={title}
      desc={description}
      accessibilityLayer={false}
      margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
    >
      <CartesianGrid vertical={false} stroke="#c9cfdb" />
      <XAxis
        dataKey={categoryKey}
        tick={AXIS_TEXT}
        tickFormatter={(value: string) => clip(formatCategory ? formatCategory(value) : value, 14)}
      />
      <YAxis allowDecimals={false} tick={AXIS_TEXT} />
      <Tooltip labelFormatter={(value) => (formatCategory ? formatCategory(String(value)) : String(value))} />
      {series.length > 1 && <Legend />}
      {series.map((s) => (
        <Bar
          key={s.key}
          dataKey={s.key}
          name={s.label}
          fill={s.colour}
          maxBarSize={40}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}

/** Counts per period as a line with its points marked. */
export function TrendChart({ title, description, data, categoryKey, series, formatCategory }: ChartProps) {
  return (
    <LineChart
      className="analytics-chart"
      responsive
      style={{ width: '100%', maxWidth: '45rem', height: 260 }}
      data={data}
      role="img"
      title={title}
      desc={description}
      accessibilityLayer={false}
      margin={{ top: 8, right: 16, bottom: 0, left: -16 }}
    >
      <CartesianGrid vertical={false} stroke="#c9cfdb" />
      <XAxis
        dataKey={categoryKey}
        tick={AXIS_TEXT}
        tickFormatter={(value: string) => (formatCategory ? formatCategory(value) : value)}
      />
      <YAxis allowDecimals={false} tick={AXIS_TEXT} />
      <Tooltip labelFormatter={(value) => (formatCategory ? formatCategory(String(value)) : String(value))} />
      {series.map((s) => (
        <Line
          key={s.key}
          type="linear"
          dataKey={s.key}
          name={s.label}
          stroke={s.colour}
          strokeWidth={2}
          dot={{ r: 3, fill: s.colour }}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}

/** A ranking as horizontal bars, one row per item (names clipped on the axis). */
export function RankingChart({ title, description, data, categoryKey, series }: ChartProps) {
  const height = 40 + data.length * 30;
  return (
    <BarChart
      className="analytics-chart"
      responsive
      layout="vertical"
      style={{ width: '100%', maxWidth: '45rem', height }}
      data={data}
      role="img"
      title={title}
      desc={description}
      accessibilityLayer={false}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
    >
      <CartesianGrid horizontal={false} stroke="#c9cfdb" />
      <XAxis type="number" allowDecimals={false} tick={AXIS_TEXT} />
      <YAxis
        type="category"
        dataKey={categoryKey}
        width={128}
        tick={AXIS_TEXT}
        tickFormatter={(value: string) => clip(value, 15)}
        interval={0}
      />
      <Tooltip />
      {series.map((s) => (
        <Bar
          key={s.key}
          dataKey={s.key}
          name={s.label}
          fill={s.colour}
          maxBarSize={22}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}

/** CSV and JSON of one table, as plain links the browser downloads with the session cookie. */
export function Downloads({ csv, json, what }: { csv: string; json: string; what: string }) {
  const { t } = useTranslation();
  return (
    <p className="analytics-downloads">
      <a href={csv} download>
        {t('analytics.downloadCsv')}
        <span className="visually-hidden">: {what}</span>
      </a>
      <a href={json} download>
        {t('analytics.downloadJson')}
        <span className="visually-hidden">: {what}</span>
      </a>
    </p>
  );
}

/**
 * One chart's section: heading, optional lead, the chart, its figures as a table (closed unless `open`) and
 * the downloads of that table.
 */
export function ChartPanel({
  title,
  lead,
  chart,
  caption,
  table,
  csv,
  json,
}: {
  title: string;
  lead?: ReactNode;
  chart: ReactNode;
  caption: string;
  table: ReactNode;
  csv: string;
  json: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="chart-panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {lead}
      <div className="chart-panel__chart">{chart}</div>
      <details className="chart-panel__data">
        <summary>{t('analytics.showData', { what: title })}</summary>
        <TableRegion caption={caption}>{table}</TableRegion>
      </details>
      <Downloads csv={csv} json={json} what={title} />
    </section>
  );
}

/** A calendar day (YYYY-MM-DD or an ISO instant) in the reader's language, read in UTC so it never shifts. */
export function useDay(): (iso: string) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  return (iso) => format.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
}

/** What to do when a section has nothing to show yet. */
export function EmptyState({ title, text, children }: { title: string; text: string; children: ReactNode }) {
  return (
    <section className="empty-state" aria-label={title}>
      <p>
        <strong>{title}</strong>
      </p>
      <p>{text}</p>
      <p>{children}</p>
    </section>
  );
}

/** A count per period: columns or a line, then the same counts per period as a table. */
export function PeriodPanel({
  kind,
  title,
  lead,
  description,
  caption,
  interval,
  series,
  points,
  csv,
  json,
}: {
  kind: 'columns' | 'line';
  title: string;
  lead?: ReactNode;
  description: string;
  caption: string;
  interval: 'month' | 'week';
  series: Omit<Series, 'key'>;
  points: Array<{ period: string; value: number }>;
  csv: string;
  json: string;
}) {
  const { t } = useTranslation();
  const periods = usePeriodLabels();
  const Chart = kind === 'columns' ? ColumnChart : TrendChart;
  return (
    <ChartPanel
      title={title}
      lead={lead}
      chart={
        <Chart
          title={title}
          description={description}
          data={points.map((point) => ({ ...point }))}
          categoryKey="period"
          formatCategory={periods.short}
          series={[{ key: 'value', ...series }]}
        />
      }
      caption={caption}
      table={
        <DataTable
          header={[t(`analytics.charts.${interval}`), series.label]}
          rows={points.map((point) => [periods.long(point.period), point.value])}
        />
      }
      csv={csv}
      json={json}
    />
  );
}
