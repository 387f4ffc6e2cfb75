// Previous / "x–y of n" / Next under a paged list. Shown only when there is more than one page; the words come
// from the page's own catalog block (`<keys>.previous`, `<keys>.next`, `<keys>.range`).
import { useTranslation } from 'react-i18next';

export function Pager({
  offset,
  pageSize,
  total,
  onGoTo,
  keys,
}: {
  offset: number;
  pageSize: number;
  total: number;
  onGoTo: (offset: number) => void;
  keys: string;
}) {
  const { t } = useTranslation();
  if (total <= pageSize) return null;
  return (
    <div className="actions">
      <button
        type="button"
        className="button button--secondary"
        disabled={offset === 0}
        onClick={() => onGoTo(Math.max(0, offset - pageSize))}
      >
        {t(`${keys}.previous`)}
      </button>
      <span>{t(`${keys}.range`, { from: offset + 1, to: Math.min(total, offset + pageSize), total })}</span>
      <button
        type="button"
        className="button button--secondary"
        disabled={offset + pageSize >= total}
        onClick={() => onGoTo(offset + pageSize)}
      >
        {t(`${keys}.next`)}
      </button>
    </div>
  );
}
