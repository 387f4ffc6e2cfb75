// The organization's OAuth apps (/org/oauth-apps, owners and administrators of an issuer; docs/integrations.md):
// the apps it publishes for the Open Badges 3.0 API, each with its client ID, the scopes it may ask for, how many
// learners allowed it and when it last got a token; rotating an app's client secret (the new one shown once);
// deleting one after a confirmation (every learner who allowed it is disconnected); and registering a new one
// (OAuthAppForm.tsx), whose client secret is shown this once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page, Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import {
  type OAuthApp,
  type OAuthAppWithSecret,
  oauthAppsApi,
  scopeKey,
  scopeName,
  useOAuthAppChange,
  useOAuthApps,
} from '../../oauth-apps.ts';
import { IssuerManagers } from './IssuerManagers.tsx';
import { AppSecret, NewOAuthApp } from './OAuthAppForm.tsx';
import './webhooks.css';
import './oauth-apps.css';

export function OAuthAppsPage() {
  const { t } = useTranslation();
  return (
    <IssuerManagers
      title={t('orgConsole.oauthApps.title')}
      onlyManagers={t('orgConsole.oauthApps.onlyManagers')}
    >
      {(membership) => <OAuthApps orgId={membership.org.id} />}
    </IssuerManagers>
  );
}

function OAuthApps({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const apps = useOAuthApps(orgId);
  const [notice, setNotice] = useState<string | null>(null);
  const [rotated, setRotated] = useState<OAuthAppWithSecret | null>(null);
  const items = apps.data?.items ?? [];

  return (
    <Page title={t('orgConsole.oauthApps.title')}>
      <p>{t('orgConsole.oauthApps.intro')}</p>
      <div aria-live="polite">{notice && <Status tone="success">{notice}</Status>}</div>
      {rotated && (
        <AppSecret
          app={rotated}
          status={t('orgConsole.oauthApps.rotated', { name: rotated.name })}
          regionLabel={t('orgConsole.oauthApps.rotatedTitle')}
          onDone={() => setRotated(null)}
        />
      )}
      <section aria-labelledby="oauth-apps-title">
        <h2 id="oauth-apps-title">{t('orgConsole.oauthApps.listTitle')}</h2>
        {apps.isPending && <Skeleton rows={3} />}
        {apps.isError && <Status tone="error">{describeProblem(t, apps.error)}</Status>}
        {apps.data && items.length === 0 && <p>{t('orgConsole.oauthApps.none')}</p>}
        {items.length > 0 && (
          <TableRegion
            caption={t('orgConsole.oauthApps.caption')}
            captionHidden
            tableClassName="oauth-apps-table"
            stack
          >
            <thead>
              <tr>
                <th scope="col">{t('orgConsole.oauthApps.app')}</th>
                <th scope="col">{t('orgConsole.oauthApps.clientId')}</th>
                <th scope="col">{t('orgConsole.oauthApps.scopes')}</th>
                <th scope="col">{t('orgConsole.oauthApps.usage')}</th>
                <th scope="col">{t('orgConsole.oauthApps.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((app) => (
                <AppRow
                  key={app.clientId}
                  orgId={orgId}
                  app={app}
                  onRotated={(reply) => {
                    setNotice(null);
                    setRotated(reply);
                  }}
                  onDeleted={(name) => {
                    if (rotated?.clientId === app.clientId) setRotated(null);
                    setNotice(t('orgConsole.oauthApps.deleted', { name }));
                  }}
                />
              ))}
            </tbody>
          </TableRegion>
        )}
      </section>
      <NewOAuthApp orgId={orgId} onRegistered={() => setNotice(null)} />
    </Page>
  );
}

function AppRow({
  orgId,
  app,
  onRotated,
  onDeleted,
}: {
  orgId: string;
  app: OAuthApp;
  onRotated: (rotated: OAuthAppWithSecret) => void;
  onDeleted: (name: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState<'rotate' | 'delete' | null>(null);
  const name = app.name;
  const rotate = useOAuthAppChange(
    orgId,
    () => oauthAppsApi.rotateSecret(orgId, app.clientId),
    (reply) => {
      setConfirming(null);
      onRotated(reply);
    },
  );
  const remove = useOAuthAppChange(
    orgId,
    () => oauthAppsApi.remove(orgId, app.clientId),
    () => onDeleted(name),
  );
  const failed = rotate.error ?? remove.error;
  return (
    <tr>
      <th scope="row">
        <span className="break-anywhere">{app.name}</span>
        {app.homePageUrl && (
          <>
            <br />
            <a
              className="muted break-anywhere"
              href={app.homePageUrl}
              rel="noopener noreferrer"
              target="_blank"
            >
              {app.homePageUrl}
            </a>
          </>
        )}
      </th>
      <td data-label={t('orgConsole.oauthApps.clientId')}>
        <code className="break-anywhere">{app.clientId}</code>
      </td>
      <td data-label={t('orgConsole.oauthApps.scopes')}>
        <ul className="oauth-app-scopes">
          {app.scopes.map((scope) => (
            <li key={scope} title={t(`orgConsole.oauthApps.scope.${scopeKey(scope)}`)}>
              <code>{scopeName(scope)}</code>
            </li>
          ))}
        </ul>
      </td>
      <td data-label={t('orgConsole.oauthApps.usage')}>
        <span>
          {t('orgConsole.oauthApps.learners', { count: app.learnerCount })}
          {app.lastUsedAt && (
            <>
              <br />
              <span className="muted">
                {t('orgConsole.oauthApps.lastUsed', { date: formatDate(app.lastUsedAt, i18n.language) })}
              </span>
            </>
          )}
        </span>
      </td>
      <td className="table-wrap__action">
        {failed && <Status tone="error">{describeProblem(t, failed)}</Status>}
        <span className="button-row">
          {confirming === 'rotate' && (
            <>
              <button
                type="button"
                className="button"
                disabled={rotate.isPending}
                onClick={() => rotate.mutate(undefined)}
              >
                {t('orgConsole.oauthApps.confirmRotate', { name })}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
                {t('orgConsole.oauthApps.keepSecret')}
              </button>
            </>
          )}
          {confirming === 'delete' && (
            <>
              <button
                type="button"
                className="button"
                disabled={remove.isPending}
                onClick={() => remove.mutate(undefined)}
              >
                {t('orgConsole.oauthApps.confirmDelete', { name })}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
                {t('orgConsole.oauthApps.keep')}
              </button>
            </>
          )}
          {confirming === null && (
            <>
              <button
                type="button"
                className="button button--secondary"
                aria-label={t('orgConsole.oauthApps.rotateLabel', { name })}
                onClick={() => setConfirming('rotate')}
              >
                {t('orgConsole.oauthApps.rotate')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                aria-label={t('orgConsole.oauthApps.deleteLabel', { name })}
                onClick={() => setConfirming('delete')}
              >
                {t('orgConsole.oauthApps.delete')}
              </button>
            </>
          )}
        </span>
      </td>
    </tr>
  );
}
