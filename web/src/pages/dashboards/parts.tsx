// Pieces both dashboards use: the period form (kept in the address), the figure tiles, a table of mixed
// cells (a missing value read out as "none"), and the formats of numbers, rates and sizes.
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { fieldId } from '../../components/Field.tsx';
import { SelectField } from '../../components/Inputs.tsx';
import { type Interval, type Period, type PeriodQuery, periodOfParams } from './figures-api.ts';

/** The period asked for in the address, and a way to change it. */
export function usePeriodParams(): [PeriodQuery, (q: PeriodQuery) => void] {
  const [params, setParams] = useSearchParams();
  const set = (next: PeriodQuery) =>
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as Record<string, string>);
  return [periodOfParams(params), set];
}

export function PeriodForm({
  q,
  period,
  onChange,
}: {
  q: PeriodQuery;
  period: Period | undefined;
  onChange: (q: PeriodQuery) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<PeriodQuery>(q);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...draft, from: draft.from ?? period?.from, to: draft.to ?? period?.to });
  };
  const dateInput = (key: 'from' | 'to') => (
    <div className="field">
      <label htmlFor={fieldId(`figures-${key}`)}>{t(`figures.period.${key}`)}</label>
      <input
        id={fieldId(`figures-${key}`)}
        name={key}
        type="date"
        value={draft[key] ?? period?.[key] ?? ''}
        onChange={(event) => setDraft((d) => ({ ...d, [key]: event.target.value }))}
      />
    </div>
  );
  return (
    <form className="filter-row" aria-label={t('figures.period.label')} onSubmit={onSubmit}>
      {dateInput('from')}
      {dateInput('to')}
      <SelectField
        name="interval"
        label={t('figures.period.interval')}
        value={draft.interval ?? period?.interval ?? 'month'}
        onChange={(interval) => setDraft((d) => ({ ...d, interval: interval as Interval }))}
      >
        <option value="month">{t('figures.period.month')}</option>
        <option value="week">{t('figures.period.week')}</option>
      </SelectField>
      <button type="submit">{t('figures.period.show')}</button>
    </form>
  );
}

export interface Tile {
  key: string;
  label: string;
  value: ReactNode;
  note?: string;
}

/** The figure tiles: a label, the value large under it, and a note. */
export function Tiles({ label, tiles }: { label: string; tiles: Tile[] }) {
  return (
    <dl className="analytics-figures" aria-label={label}>
      {tiles.map((tile) => (
        <div key={tile.key} className="analytics-figure" data-figure={tile.key}>
          <dt>{tile.label}</dt>
          <dd className="analytics-figure__value">{tile.value}</dd>
          {tile.note && <dd className="analytics-figure__note">{tile.note}</dd>}
        </div>
      ))}
    </dl>
  );
}

/** Numbers, rates and sizes in the reader's language. */
export function useFormats() {
  const { i18n } = useTranslation();
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const unit = (u: string) =>
    new Intl.NumberFormat(i18n.language, {
      style: 'unit',
      unit: u,
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    });
  return {
    percent: (value: number) => percent.format(value),
    decimal: (value: number) => decimal.format(value),
    bytes: (value: number) => {
      const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
      let size = value;
      let i = 0;
      while (size >= 1024 && i < units.length - 1) {
        size /= 1024;
        i += 1;
      }
      return unit(units[i] ?? 'byte').format(size);
    },
  };
}

/** Extra series colours (at least 3:1 against white), after the employer charts' blue, green and amber. */
export const MORE_COLOURS = { purple: '#6b21a8', teal: '#0f766e' } as const;
