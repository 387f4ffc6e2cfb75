// The organization's webhooks (/org/webhooks, owners and administrators of an issuer; docs/integrations.md): the
// endpoints with their events, whether they are on and how their last delivery went; enabling, disabling and
// deleting (after a confirmation); rotating the signing secret (the new one shown once, WebhookRotation.tsx); a new
// endpoint (its secret shown this once); and one endpoint's delivery log.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { None } from '../../components/DataTable.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import {
  lastStatusCode,
  type RotatedWebhookSecret,
  useDeliveries,
  useWebhookChange,
  useWebhookEndpoints,
  type WebhookEndpoint,
  webhooksApi,
} from '../../webhooks.ts';
import { IssuerManagers } from './IssuerManagers.tsx';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';
import { NewWebhook } from './WebhookForm.tsx';
import { RotatedSecret, RotateSecretButton } from './WebhookRotation.tsx';
import './webhooks.css';

export function WebhooksPage() {
  const { t } = useTranslation();
  return (
    <IssuerManagers title={t('webhooks.title')} onlyManagers={t('webhooks.onlyManagers')}>
      {(membership) => <Webhooks orgId={membership.org.id} />}
    </IssuerManagers>
  );
}

function Webhooks({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const endpoints = useWebhookEndpoints(orgId);
  const [notice, setNotice] = useState<string | null>(null);
  const [showing, setShowing] = useState<string | null>(null);
  const [rotated, setRotated] = useState<RotatedWebhookSecret | null>(null);
  const items = endpoints.data?.items ?? [];
  const shown = items.find((endpoint) => endpoint.id === showing);

  return (
    <Page title={t('webhooks.title')}>
      <p>{t('webhooks.intro')}</p>
      <div aria-live="polite">{notice && <Status tone="success">{notice}</Status>}</div>
      {rotated && <RotatedSecret rotated={rotated} onDone={() => setRotated(null)} />}
      <section aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">{t('webhooks.endpointsTitle')}</h2>
        {endpoints.isPending && <Skeleton rows={3} />}
        {endpoints.isError && <Status tone="error">{describeProblem(t, endpoints.error)}</Status>}
        {endpoints.data && items.length === 0 && <p>{t('webhooks.none')}</p>}
        {items.length > 0 && (
          <TableRegion caption={t('webhooks.caption')} captionHidden tableClassName="webhooks-table" stack>
            <thead>
              <tr>
                <th scope="col">{t('webhooks.url')}</th>
                <th scope="col">{t('webhooks.events')}</th>
                <th scope="col">{t('webhooks.state')}</th>
                <th scope="col">{t('webhooks.lastDelivery')}</th>
                <th scope="col">{t('webhooks.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((endpoint) => (
                <EndpointRow
                  key={endpoint.id}
                  orgId={orgId}
                  endpoint={endpoint}
                  showing={showing === endpoint.id}
                  onShow={() => setShowing(showing === endpoint.id ? null : endpoint.id)}
                  onNotice={setNotice}
                  onRotated={(reply) => {
                    setNotice(null);
                    setRotated(reply);
                  }}
                  onDeleted={() => {
                    if (showing === endpoint.id) setShowing(null);
                  }}
                />
              ))}
            </tbody>
          </TableRegion>
        )}
      </section>
      {shown && <WebhookDeliveries key={shown.id} orgId={orgId} endpoint={shown} />}
      <NewWebhook orgId={orgId} onCreated={() => setNotice(null)} />
    </Page>
  );
}

function EndpointRow({
  orgId,
  endpoint,
  showing,
  onShow,
  onNotice,
  onRotated,
  onDeleted,
}: {
  orgId: string;
  endpoint: WebhookEndpoint;
  showing: boolean;
  onShow: () => void;
  onNotice: (message: string) => void;
  onRotated: (rotated: RotatedWebhookSecret) => void;
  onDeleted: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const name = endpoint.url;
  const toggle = useWebhookChange(
    orgId,
    (enabled: boolean) => webhooksApi.setEnabled(orgId, endpoint.id, enabled),
    (changed) => onNotice(t(changed.enabled ? 'webhooks.enabled' : 'webhooks.disabled', { name })),
  );
  const remove = useWebhookChange(
    orgId,
    () => webhooksApi.remove(orgId, endpoint.id),
    () => {
      onDeleted();
      onNotice(t('webhooks.deleted', { name }));
    },
  );
  const failed = toggle.error ?? remove.error;
  return (
    <tr>
      <th scope="row">
        <span className="break-anywhere">{endpoint.url}</span>
        {endpoint.description && (
          <>
            <br />
            <span className="muted">{endpoint.description}</span>
          </>
        )}
      </th>
      <td data-label={t('webhooks.events')}>
        <ul className="webhook-events">
          {endpoint.events.map((event) => (
            <li key={event}>
              <code>{event}</code>
            </li>
          ))}
        </ul>
      </td>
      <td data-label={t('webhooks.state')}>
        <span>
          {endpoint.enabled ? t('webhooks.on') : t('webhooks.off')}
          {endpoint.previousSecretExpiresAt && (
            <>
              <br />
              <span className="muted">
                {t('webhooks.graceUntil', {
                  until: new Intl.DateTimeFormat(i18n.language, {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  }).format(new Date(endpoint.previousSecretExpiresAt)),
                })}
              </span>
            </>
          )}
        </span>
      </td>
      <td data-label={t('webhooks.lastDelivery')}>
        <LastDelivery orgId={orgId} endpointId={endpoint.id} />
      </td>
      <td className="table-wrap__action">
        {failed && <Status tone="error">{describeProblem(t, failed)}</Status>}
        <span className="button-row">
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={showing}
            aria-label={t(showing ? 'webhooks.hideLogLabel' : 'webhooks.showLogLabel', { name })}
            onClick={onShow}
          >
            {showing ? t('webhooks.hideLog') : t('webhooks.showLog')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={toggle.isPending}
            aria-label={t(endpoint.enabled ? 'webhooks.disableLabel' : 'webhooks.enableLabel', { name })}
            onClick={() => toggle.mutate(!endpoint.enabled)}
          >
            {endpoint.enabled ? t('webhooks.disable') : t('webhooks.enable')}
          </button>
          <RotateSecretButton orgId={orgId} endpoint={endpoint} onRotated={onRotated} />
          {confirming ? (
            <>
              <button
                type="button"
                className="button"
                disabled={remove.isPending}
                onClick={() => remove.mutate(undefined)}
              >
                {t('webhooks.confirmDelete', { name })}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                {t('webhooks.keep')}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button--secondary"
              aria-label={t('webhooks.deleteLabel', { name })}
              onClick={() => setConfirming(true)}
            >
              {t('webhooks.delete')}
            </button>
          )}
        </span>
      </td>
    </tr>
  );
}

/** How the newest delivery of an endpoint went: its state and the last answer's status code. */
function LastDelivery({ orgId, endpointId }: { orgId: string; endpointId: string }) {
  const { t } = useTranslation();
  const latest = useDeliveries(orgId, endpointId, 1);
  if (latest.isPending) return <Skeleton lines={1} />;
  if (latest.isError) return <None />;
  const [delivery] = latest.data.items;
  if (!delivery) return <>{t('webhooks.noDeliveries')}</>;
  const code = lastStatusCode(delivery);
  // One element: a stacked cell on a phone lays out its label and its content as two flex items.
  return (
    <span>
      <span className={`delivery-state delivery-state--${delivery.state}`}>
        {t(`webhooks.deliveryState.${delivery.state}`)}
      </span>
      {code !== null && ` · ${code}`} <code>{delivery.eventType}</code>
    </span>
  );
}
