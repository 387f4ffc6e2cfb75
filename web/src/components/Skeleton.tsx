// What a page shows while its data loads: grey shapes where the content will be, shaped like what comes (text
// lines, list or table rows, a card grid, a form's fields) so the layout does not jump, and, for assistive
// technology, one polite "Loading…" announcement on a region marked aria-busy. The shimmer stops for reduced motion.
import { useTranslation } from 'react-i18next';

interface SkeletonProps {
  /** Lines of text. */
  lines?: number;
  /** Rows of a list or table: a title and a shorter line each, between rules. */
  rows?: number;
  /** Cards of a card grid (`.cards`). */
  cards?: number;
  /** Form fields: a label and an input box each. */
  fields?: number;
  /** What assistive technology hears instead of "Loading…" (such as "Loading related jobs…"). */
  label?: string;
}

export function Skeleton({ lines = 0, rows = 0, cards = 0, fields = 0, label }: SkeletonProps) {
  const { t } = useTranslation();
  const shapes = lines + rows + cards + fields === 0 ? 3 : lines;
  return (
    <div className="skeleton" aria-busy="true">
      <p className="visually-hidden" role="status">
        {label ?? t('app.loading')}
      </p>
      <div aria-hidden="true">
        {Array.from({ length: shapes }, (_, i) => (
          // Line widths vary a little so it reads as text, not as a table.
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <span key={i} className="skeleton__line" style={{ width: `${92 - ((i * 17) % 35)}%` }} />
        ))}
        {rows > 0 && (
          <ul className="skeleton__rows">
            {Array.from({ length: rows }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
              <li key={i} className="skeleton__row">
                <span
                  className="skeleton__line skeleton__line--title"
                  style={{ width: `${55 - ((i * 13) % 25)}%` }}
                />
                <span className="skeleton__line" style={{ width: `${80 - ((i * 11) % 30)}%` }} />
              </li>
            ))}
          </ul>
        )}
        {cards > 0 && (
          <ul className="cards skeleton__cards">
            {Array.from({ length: cards }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
              <li key={i} className="card skeleton__card">
                <span className="skeleton__line skeleton__line--title" />
                <span className="skeleton__line" />
                <span className="skeleton__line" style={{ width: '60%' }} />
              </li>
            ))}
          </ul>
        )}
        {fields > 0 && (
          <div className="skeleton__form">
            {Array.from({ length: fields }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
              <div key={i} className="skeleton__field">
                <span className="skeleton__line skeleton__line--label" />
                <span className="skeleton__line skeleton__line--input" />
              </div>
            ))}
            <span className="skeleton__line skeleton__line--button" />
          </div>
        )}
      </div>
    </div>
  );
}

/** A whole page loading: a heading-sized bar and a few lines (route changes, the session check). */
export function PageSkeleton() {
  return (
    <div className="page">
      <div aria-hidden="true">
        <span className="skeleton__line skeleton__line--heading" />
      </div>
      <Skeleton lines={4} />
    </div>
  );
}
