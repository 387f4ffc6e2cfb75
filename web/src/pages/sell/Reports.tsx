// The issuer's sales report (/issue/sales/reports): sales, refunds and issuance fees per month as a bar
// chart drawn here in SVG, the same figures as a table, the lines per course, bundle and fee, and the CSV.
// The range and currency live in the address, so a report can be shared and reloaded.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { commerceKeys, type SalesReport, salesCsvUrl, sellApi } from '../../commerce.ts';
import { fieldId } from '../../components/Field.tsx';
import { SelectField } from '../../components/Inputs.tsx';
import { useMoney } from '../../components/Money.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import { RequireAuthor } from '../issue/Courses.tsx';
import { SalesChart } from './SalesChart.tsx';
import { SalesNav } from './SalesNav.tsx';
import '../shop/shop.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function SalesReportsPage() {
  return <RequireAuthor>{(orgId) => <Reports orgId={orgId} />}</RequireAuthor>;
}

type Range = { from?: string; to?: string; currency?: string };

function rangeOf(params: URLSearchParams): Range {
  const range: Range = {};
  for (const key of ['from', 'to', 'currency'] as const) {
    const value = params.get(key);
    if (value) range[key] = value;
  }
  return range;
}

function Reports({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const range = rangeOf(params);
  const report = useQuery({
    queryKey: commerceKeys.sales(orgId, range),
    queryFn: () => sellApi.sales(orgId, range),
  });
  return (
    <Page title={t('sell.reports.title')}>
      <SalesNav />
      <RangeForm
        range={range}
        report={report.data}
        onChange={(next) => setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)))}
      />
      {report.isPending && <Skeleton rows={5} />}
      {report.isError && <Status tone="error">{describeProblem(t, report.error)}</Status>}
      {report.data && <Report report={report.data} csvUrl={salesCsvUrl(orgId, range)} />}
    </Page>
  );
}

function RangeForm({
  range,
  report,
  onChange,
}: {
  range: Range;
  report: SalesReport | undefined;
  onChange: (range: Range) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Range>(range);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  const monthInput = (key: 'from' | 'to', label: string) => (
    <div className="field">
      <label htmlFor={fieldId(key)}>{label}</label>
      <input
        id={fieldId(key)}
        name={key}
        type="month"
        value={draft[key] ?? report?.[key] ?? ''}
        onChange={(event) => setDraft((d) => ({ ...d, [key]: event.target.value }))}
      />
    </div>
  );
  const currencies = report?.currencies ?? [];
  return (
    <form className="filter-row" aria-label={t('sell.reports.rangeLabel')} onSubmit={onSubmit}>
      {monthInput('from', t('sell.reports.from'))}
      {monthInput('to', t('sell.reports.to'))}
      {currencies.length > 1 && (
        <SelectField
          name="currency"
          label={t('sell.currency')}
          value={draft.currency ?? report?.currency ?? ''}
          onChange={(currency) => setDraft((d) => ({ ...d, currency }))}
        >
          {currencies.map((currency) => (
            <option key={currency} value={currency}>
              {currency}
            </option>
          ))}
        </SelectField>
      )}
      <button type="submit">{t('sell.reports.show')}</button>
    </form>
  );
}

function Report({ report, csvUrl }: { report: SalesReport; csvUrl: string }) {
  const { t, i18n } = useTranslation();
  const currency = report.currency ?? 'EUR';
  const money = useMoney(currency);
  const monthName = (month: string) =>
    new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${month}-01T00:00:00Z`),
    );
  return (
    <>
      <p>
        <a href={csvUrl} download>
          {t('sell.reports.csv')}
        </a>
      </p>
      {report.currency === null && <p>{t('sell.reports.nothingSold')}</p>}
      <section aria-labelledby="chart-title">
        <h2 id="chart-title">{t('sell.reports.chartTitle', { currency })}</h2>
        <SalesChart report={report} />
      </section>
      <section aria-labelledby="months-title">
        <h2 id="months-title">{t('sell.reports.monthsTitle')}</h2>
        <TableRegion caption={t('sell.reports.monthsCaption', { currency })} tableClassName="money-table">
          <thead>
            <tr>
              <th scope="col">{t('sell.reports.month')}</th>
              <th scope="col" className="num">
                {t('sell.reports.sales')}
              </th>
              <th scope="col" className="num">
                {t('sell.reports.refunds')}
              </th>
              <th scope="col" className="num">
                {t('sell.reports.fees')}
              </th>
              <th scope="col" className="num">
                {t('sell.reports.revenue')}
              </th>
              <th scope="col" className="num">
                {t('sell.reports.orders')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.months.map((month) => (
              <tr key={month.month}>
                <th scope="row">{monthName(month.month)}</th>
                <MonthFigures figures={month} money={money} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('sell.reports.total')}</th>
              <MonthFigures figures={report.totals} money={money} />
            </tr>
          </tfoot>
        </TableRegion>
        {(report.testModeOrders ?? 0) > 0 && (
          <p className="test-mode-note">{t('checkout.reportTestMode', { count: report.testModeOrders })}</p>
        )}
      </section>
      <section aria-labelledby="items-title">
        <h2 id="items-title">{t('sell.reports.itemsTitle')}</h2>
        {report.rows.length === 0 ? (
          <p>{t('sell.reports.noItems')}</p>
        ) : (
          <TableRegion caption={t('sell.reports.itemsCaption', { currency })} tableClassName="money-table">
            <thead>
              <tr>
                <th scope="col">{t('sell.reports.month')}</th>
                <th scope="col">{t('sell.reports.item')}</th>
                <th scope="col">{t('sell.reports.kind')}</th>
                <th scope="col" className="num">
                  {t('sell.reports.units')}
                </th>
                <th scope="col" className="num">
                  {t('sell.reports.net')}
                </th>
                <th scope="col" className="num">
                  {t('sell.reports.refunded')}
                </th>
                <th scope="col" className="num">
                  {t('sell.reports.revenue')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={`${row.month}:${row.itemKind}:${row.itemId ?? ''}`}>
                  <td>{monthName(row.month)}</td>
                  <th scope="row">
                    {row.itemKind === 'issuance-fee' ? t('sell.reports.feeTitle') : row.title}
                  </th>
                  <td>{t(`sell.reports.kinds.${row.itemKind}`)}</td>
                  <td className="num">{row.units}</td>
                  <td className="num">{money(row.netMinor)}</td>
                  <td className="num">{row.refundedMinor > 0 ? `−${money(row.refundedMinor)}` : money(0)}</td>
                  <td className="num">{money(row.revenueMinor)}</td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        )}
      </section>
    </>
  );
}

/** A month's (or the total's) cells of the months table, in the order of its header. */
function MonthFigures({
  figures,
  money,
}: {
  figures: {
    salesMinor: number;
    refundsMinor: number;
    feesMinor: number;
    revenueMinor: number;
    orders: number;
  };
  money: (minor: number) => string;
}) {
  return (
    <>
      <td className="num">{money(figures.salesMinor)}</td>
      <td className="num">{money(figures.refundsMinor)}</td>
      <td className="num">{money(figures.feesMinor)}</td>
      <td className="num">{money(figures.revenueMinor)}</td>
      <td className="num">{figures.orders}</td>
    </>
  );
}
