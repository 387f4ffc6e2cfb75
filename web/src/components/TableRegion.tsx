// Every data table of the app: a scroll container that keyboard users can reach and scroll (WCAG 2.1.1),
// announced as a region named by the table's caption. With `stack`, a table's rows stack on narrow
// screens (see `.table-wrap--stack` in styles.css), each cell showing its column name from `data-label`,
// so nothing, such as an action button in the last column, hides beyond the right edge (WCAG 1.4.10).
import { type ReactNode, useId } from 'react';

export function TableRegion({
  caption,
  captionHidden = false,
  tableClassName,
  stack = false,
  children,
}: {
  /** The table's caption, which also names the region. */
  caption: ReactNode;
  /** Keeps the caption for assistive technology only, where a heading above already says it. */
  captionHidden?: boolean;
  tableClassName?: string;
  /** Stack the rows on narrow screens; each body cell then needs a `data-label` (its column name). */
  stack?: boolean;
  /** The table's `thead` and `tbody`. */
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    <section
      className={stack ? 'table-wrap table-wrap--stack' : 'table-wrap'}
      aria-labelledby={captionId}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users reach a scrollable region to scroll it.
      tabIndex={0}
    >
      <table className={tableClassName}>
        <caption id={captionId} className={captionHidden ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        {children}
      </table>
    </section>
  );
}
