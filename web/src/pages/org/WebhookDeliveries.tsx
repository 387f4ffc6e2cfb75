// One endpoint's delivery log, newest first (the API's latest 50): when the event happened, its type, the attempts
// made, the last answer's status code and the state, with "Redeliver" (the same webhook-id, logged as manual).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { None } from '../../components/DataTable.tsx';
import { Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import {
  DELIVERY_LOG_SIZE,
  lastStatusCode,
  useDeliveries,
  useWebhookChange,
  type WebhookDelivery,
  type WebhookEndpoint,
  webhooksApi,
} from '../../webhooks.ts';

export function WebhookDeliveries({ orgId, endpoint }: { orgId: string; endpoint: WebhookEndpoint }) {
  const { t, i18n } = useTranslation();
  // A redelivery asked for: the log is read again until its attempt is in it (at most a minute).
  const [awaiting, setAwaiting] = useState<{ id: string; attempts: number; until: number } | null>(null);
  const log = useDeliveries(orgId, endpoint.id, DELIVERY_LOG_SIZE, awaiting !== null);
  const [notice, setNotice] = useState<string | null>(null);
  const redeliver = useWebhookChange(
    orgId,
    (delivery: WebhookDelivery) => webhooksApi.redeliver(orgId, endpoint.id, delivery.id),
    (_, delivery) => {
      setNotice(t('webhooks.redelivered', { event: delivery.eventType }));
      setAwaiting({ id: delivery.id, attempts: delivery.attempts.length, until: Date.now() + 60_000 });
    },
  );
  useEffect(() => {
    if (!awaiting) return;
    const now = log.data?.items.find((d) => d.id === awaiting.id);
    if (!now || now.attempts.length > awaiting.attempts || log.dataUpdatedAt > awaiting.until)
      setAwaiting(null);
  }, [awaiting, log.data, log.dataUpdatedAt]);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(
      new Date(iso),
    );
  const items = log.data?.items ?? [];

  return (
    <section aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">{t('webhooks.deliveriesTitle')}</h2>
      <p className="break-anywhere">{t('webhooks.deliveriesOf', { name: endpoint.url })}</p>
      <div aria-live="polite">
        {notice && <Status tone="success">{notice}</Status>}
        {redeliver.isError && <Status tone="error">{describeProblem(t, redeliver.error)}</Status>}
      </div>
      {log.isPending && <Skeleton rows={3} />}
      {log.isError && <Status tone="error">{describeProblem(t, log.error)}</Status>}
      {log.data && items.length === 0 && <p>{t('webhooks.noDeliveriesYet')}</p>}
      {items.length > 0 && (
        <TableRegion
          caption={t('webhooks.deliveriesCaption', { count: DELIVERY_LOG_SIZE })}
          tableClassName="deliveries-table"
          stack
        >
          <thead>
            <tr>
              <th scope="col">{t('webhooks.time')}</th>
              <th scope="col">{t('webhooks.event')}</th>
              <th scope="col" className="num">
                {t('webhooks.attempts')}
              </th>
              <th scope="col" className="num">
                {t('webhooks.statusCode')}
              </th>
              <th scope="col">{t('webhooks.deliveryStateTitle')}</th>
              <th scope="col">{t('webhooks.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((delivery) => {
              const code = lastStatusCode(delivery);
              const lastError = delivery.attempts.at(-1)?.error;
              return (
                <tr key={delivery.id}>
                  <th scope="row">{when(delivery.occurredAt)}</th>
                  <td data-label={t('webhooks.event')}>
                    <code>{delivery.eventType}</code>
                  </td>
                  <td data-label={t('webhooks.attempts')} className="num">
                    <span>
                      {delivery.attempts.length}
                      {delivery.attempts.some((a) => a.manual) && (
                        <span className="muted"> {t('webhooks.manual')}</span>
                      )}
                    </span>
                  </td>
                  <td data-label={t('webhooks.statusCode')} className="num">
                    {code ?? <None />}
                  </td>
                  <td data-label={t('webhooks.deliveryStateTitle')}>
                    <span>
                      <span className={`delivery-state delivery-state--${delivery.state}`}>
                        {t(`webhooks.deliveryState.${delivery.state}`)}
                      </span>
                      {lastError && <span className="muted break-anywhere"> {lastError}</span>}
                    </span>
                  </td>
                  <td className="table-wrap__action">
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={redeliver.isPending}
                      aria-label={t('webhooks.redeliverLabel', {
                        event: delivery.eventType,
                        time: when(delivery.occurredAt),
                      })}
                      onClick={() => {
                        setNotice(null);
                        redeliver.mutate(delivery);
                      }}
                    >
                      {t('webhooks.redeliver')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </TableRegion>
      )}
    </section>
  );
}
