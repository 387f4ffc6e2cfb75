// My connected apps (on /account): the wallets and badge platforms I allowed into my account through the Open
// Badges 3.0 API, what each may do (in words) and when I allowed it; "Disconnect" (after a confirmation) ends its
// access and every token it holds at once. Connecting happens in the app itself, through Tessera's consent page.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { type ConnectedApp, scopeKey, useConnectedApps, useDisconnect } from '../../connected-apps.ts';
import { describeProblem } from '../../forms.ts';
import { formatDate } from '../../learning.ts';

export function ConnectedAppsSection() {
  const { t } = useTranslation();
  const apps = useConnectedApps();
  const [notice, setNotice] = useState<string | null>(null);
  const items = apps.data?.items ?? [];
  return (
    <section aria-labelledby="connected-apps-title" id="connected-apps">
      <h2 id="connected-apps-title">{t('connectedApps.title')}</h2>
      <p>{t('connectedApps.intro')}</p>
      <div aria-live="polite">{notice && <Status tone="success">{notice}</Status>}</div>
      {apps.isPending && <Skeleton lines={2} />}
      {apps.isError && <Status tone="error">{describeProblem(t, apps.error)}</Status>}
      {apps.data && items.length === 0 && <p>{t('connectedApps.none')}</p>}
      {items.length > 0 && (
        <ul className="account-list">
          {items.map((app) => (
            <AppRow
              key={app.clientId}
              app={app}
              onDisconnected={(name) => setNotice(t('connectedApps.disconnected', { name }))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function AppRow({ app, onDisconnected }: { app: ConnectedApp; onDisconnected: (name: string) => void }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const name = app.clientName ?? t('connectedApps.unnamed', { id: app.clientId });
  const disconnect = useDisconnect(app.clientId, () => onDisconnected(name));
  return (
    <li className="account-list__item">
      <h3>{name}</h3>
      {app.publishedBy && <p>{t('connectedApps.publishedBy', { org: app.publishedBy })}</p>}
      {app.clientUri && (
        <p className="muted break-anywhere">
          <a href={app.clientUri} rel="noopener noreferrer" target="_blank">
            {app.clientUri}
          </a>
        </p>
      )}
      <p className="muted">
        {t('connectedApps.allowedOn', { date: formatDate(app.lastAllowedAt, i18n.language) })}
      </p>
      <p>{t('connectedApps.mayLabel')}</p>
      <ul>
        {app.scopes.map((scope) => (
          <li key={scope}>{t(`connectedApps.scope.${scopeKey(scope)}`)}</li>
        ))}
        {app.scopes.length === 0 && <li>{t('connectedApps.nothing')}</li>}
      </ul>
      {disconnect.isError && <Status tone="error">{describeProblem(t, disconnect.error)}</Status>}
      <div className="actions">
        {confirming ? (
          <>
            <button
              type="button"
              className="button"
              disabled={disconnect.isPending}
              onClick={() => disconnect.mutate()}
            >
              {t('connectedApps.confirmDisconnect', { name })}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('connectedApps.keep')}
            </button>
          </>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
            {t('connectedApps.disconnect', { name })}
          </button>
        )}
      </div>
    </li>
  );
}
