// Never lose edits on the way out: while changes are unsaved, leaving the editor within the app asks first
// (Stay keeps the author here and saves; Leave goes anyway), and closing or reloading the tab gets the
// browser's own warning.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

export function LeaveGuard({ unsaved, onStay }: { unsaved: boolean; onStay: () => void }) {
  const { t } = useTranslation();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname,
  );
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
  useEffect(() => {
    if (blocker.state === 'blocked') stay.current?.focus();
  }, [blocker.state]);
  if (blocker.state !== 'blocked') return null;
  return (
    <div
      className="leave-guard status status--error"
      role="alertdialog"
      aria-labelledby="leave-guard-title"
      aria-describedby="leave-guard-text"
    >
      <h2 id="leave-guard-title">{t('courseEditor.leave.title')}</h2>
      <p id="leave-guard-text">{t('courseEditor.leave.text')}</p>
      <div className="actions">
        <button
          ref={stay}
          type="button"
          onClick={() => {
            blocker.reset();
            onStay();
          }}
        >
          {t('courseEditor.leave.stay')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => blocker.proceed()}>
          {t('courseEditor.leave.go')}
        </button>
      </div>
    </div>
  );
}
