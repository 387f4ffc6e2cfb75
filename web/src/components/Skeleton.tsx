// What a page shows while its data loads: grey shapes where the content will be (so the layout does not jump)
// and, for assistive technology, one polite "Loading…" announcement. The shimmer stops for reduced motion.
import { useTranslation } from 'react-i18next';

export function Skeleton({ lines = 3, cards = 0 }: { lines?: number; cards?: number }) {
  const { t } = useTranslation();
  return (
    <div className="skeleton" aria-busy="true">
      <p className="visually-hidden" role="status">
        {t('app.loading')}
      </p>
      <div aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => (
          // Line widths vary a little so it reads as text, not as a table.
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <span key={i} className="skeleton__line" style={{ width: `${92 - ((i * 17) % 35)}%` }} />
        ))}
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
