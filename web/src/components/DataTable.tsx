// A table of figures: the first column names the row (row headers), the others are numbers aligned right; a
// missing value reads as a dash on screen and "none" to a screen reader. Used by the issuer's and operator's
// dashboards and the employer's analytics, behind every chart ("Show the data").
import { useTranslation } from 'react-i18next';

/** A missing value: a dash on screen, "none" to a screen reader. */
export function None() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('figures.none')}</span>
    </>
  );
}

export type Cell = string | number | null;

/** A table whose first column names the row; numbers align right, a missing value reads "none". */
export function DataTable({ header, rows }: { header: string[]; rows: Array<[string, ...Cell[]]> }) {
  return (
    <>
      <thead>
        <tr>
          {header.map((label, i) => (
            <th key={label} scope="col" className={i > 0 ? 'num' : undefined}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, ...values], i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two rows may share a name; rows never reorder
          <tr key={i}>
            <th scope="row">{label}</th>
            {values.map((value, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed by the header
              <td key={j} className="num">
                {value === null ? <None /> : value}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </>
  );
}
