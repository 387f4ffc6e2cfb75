// Sales, refunds and issuance fees per month as grouped bars, drawn as plain SVG (no chart library).
// The chart is one image to assistive technology; the table beside it carries the same figures.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SalesReport } from '../../commerce.ts';
import { useMoney } from '../../components/Money.tsx';
import { currencyDigits } from '../../money.ts';

const WIDTH = 720;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 16, bottom: 40, left: 88 };
const TICKS = 4;
const SERIES = [
  { key: 'salesMinor', label: 'sell.reports.sales', className: 'bar--sales' },
  { key: 'refundsMinor', label: 'sell.reports.refunds', className: 'bar--refunds' },
  { key: 'feesMinor', label: 'sell.reports.fees', className: 'bar--fees' },
] as const;

/** A round step (1, 2 or 5 × a power of ten, in minor units) so TICKS steps cover `max`. */
export function niceStep(max: number): number {
  const raw = Math.max(1, Math.ceil(max / TICKS));
  const magnitude = 10 ** (String(raw).length - 1);
  for (const factor of [1, 2, 5, 10]) if (factor * magnitude >= raw) return factor * magnitude;
  return 10 * magnitude;
}

export function SalesChart({ report }: { report: SalesReport }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const money = useMoney(report.currency ?? 'EUR');
  const months = report.months;
  const values = months.flatMap((m) => SERIES.map((s) => m[s.key]));
  // An empty report still gets a readable axis: at least one whole unit of the currency per step.
  const step = niceStep(Math.max(TICKS * 10 ** currencyDigits(report.currency ?? 'EUR'), ...values));
  const top = step * TICKS;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const groupWidth = plotWidth / Math.max(1, months.length);
  const barWidth = Math.min(24, (groupWidth * 0.8) / SERIES.length);
  const y = (minor: number) => MARGIN.top + plotHeight - (Math.max(0, minor) * plotHeight) / top;
  const shortMonth = new Intl.DateTimeFormat(i18n.language, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });
  const longMonth = new Intl.DateTimeFormat(i18n.language, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const dateOf = (month: string) => new Date(`${month}-01T00:00:00Z`);
  return (
    <figure className="sales-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{t('sell.reports.chartLabel')}</title>
        <desc id={`${id}-desc`}>{t('sell.reports.chartDesc')}</desc>
        {Array.from({ length: TICKS + 1 }, (_, i) => {
          const value = step * i;
          return (
            <g key={value} className="sales-chart__grid">
              <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(value)} y2={y(value)} />
              <text x={MARGIN.left - 8} y={y(value)} textAnchor="end" dominantBaseline="middle">
                {money(value)}
              </text>
            </g>
          );
        })}
        {months.map((month, index) => {
          const groupX = MARGIN.left + index * groupWidth;
          const barsX = groupX + (groupWidth - barWidth * SERIES.length) / 2;
          return (
            <g key={month.month}>
              {SERIES.map((series, s) => {
                const value = month[series.key];
                return (
                  <rect
                    key={series.key}
                    className={`bar ${series.className}`}
                    x={barsX + s * barWidth}
                    y={y(value)}
                    width={barWidth - 2}
                    height={Math.max(0, MARGIN.top + plotHeight - y(value))}
                  >
                    <title>
                      {`${t(series.label)}, ${longMonth.format(dateOf(month.month))}: ${money(value)}`}
                    </title>
                  </rect>
                );
              })}
              <text
                className="sales-chart__month"
                x={groupX + groupWidth / 2}
                y={HEIGHT - MARGIN.bottom + 20}
                textAnchor="middle"
              >
                {shortMonth.format(dateOf(month.month))}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {SERIES.map((series) => (
            <li key={series.key}>
              <span className={`chart-legend__swatch ${series.className}`} aria-hidden="true" />
              {t(series.label)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
