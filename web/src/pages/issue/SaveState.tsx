// What autosave is doing, in words (a polite live region), and a way to try again when a save failed.
import { useTranslation } from 'react-i18next';
import type { SaveState } from './useAutosave.ts';

export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  const text =
    state.kind === 'saved'
      ? t('courseEditor.saveState.saved', {
          time: new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(
            state.at,
          ),
        })
      : t(`courseEditor.saveState.${state.kind}`);
  return (
    <div className={`save-state save-state--${state.kind}`}>
      <p role="status">{text}</p>
      {state.kind === 'failed' && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('courseEditor.saveState.retry')}
        </button>
      )}
    </div>
  );
}
