// The issuer's orders (/issue/sales): filtered by state; an invoice paid by bank transfer is marked paid
// here (or on the order's page with the transfer's reference), which grants the learner access.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { commerceKeys, describeCommerceProblem, type Order, sellApi } from '../../commerce.ts';
import { SelectField } from '../../components/Inputs.tsx';
import { useMoney } from '../../components/Money.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import { RequireAuthor } from '../issue/Courses.tsx';
import { orderNumber } from '../shop/OrderParts.tsx';
import { SalesNav } from './SalesNav.tsx';
import '../shop/shop.css';
import { Skeleton } from '../../components/Skeleton.tsx';

const STATES = ['awaiting-payment', 'paid', 'partially-refunded', 'refunded', 'cancelled'] as const;

export function SalesOrdersPage() {
  return <RequireAuthor>{(orgId) => <SalesOrders orgId={orgId} />}</RequireAuthor>;
}

function SalesOrders({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const [notice, setNotice] = useState<string | null>(null);
  const orders = useQuery({
    queryKey: commerceKeys.orgOrders(orgId, state),
    queryFn: () => sellApi.orders(orgId, state || undefined),
  });
  const items = orders.data?.orders ?? [];
  return (
    <Page title={t('sell.orders.title')}>
      <SalesNav />
      <form
        className="filter-row"
        aria-label={t('sell.orders.filter')}
        onSubmit={(event) => event.preventDefault()}
      >
        <SelectField
          name="state"
          label={t('sell.orders.state')}
          value={state}
          onChange={(next) => {
            setNotice(null);
            setParams(next ? { state: next } : {});
          }}
        >
          <option value="">{t('sell.orders.anyState')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`orderState.${s}`)}
            </option>
          ))}
        </SelectField>
      </form>
      <div aria-live="polite">{notice && <Status tone="success">{notice}</Status>}</div>
      {orders.isPending && <Skeleton rows={5} />}
      {orders.isError && <Status tone="error">{describeProblem(t, orders.error)}</Status>}
      {orders.data && items.length === 0 && <p>{t('sell.orders.none')}</p>}
      {items.length > 0 && (
        <TableRegion caption={t('sell.orders.caption')} tableClassName="money-table" stack>
          <thead>
            <tr>
              <th scope="col">{t('orders.number')}</th>
              <th scope="col">{t('order.buyer')}</th>
              <th scope="col">{t('orders.kind')}</th>
              <th scope="col">{t('order.placed')}</th>
              <th scope="col" className="num">
                {t('cart.total')}
              </th>
              <th scope="col">{t('order.state')}</th>
              <th scope="col">{t('sell.orders.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((order) => (
              <OrderRow key={order.id} orgId={orgId} order={order} onPaid={setNotice} />
            ))}
          </tbody>
        </TableRegion>
      )}
      <AuditTrail orgId={orgId} />
    </Page>
  );
}

const AUDITED = ['refund.exception', 'order.marked-paid'];

/** Who marked orders paid and who granted exceptional refunds, and why. */
function AuditTrail({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation();
  const audit = useQuery({ queryKey: commerceKeys.audit(orgId), queryFn: () => sellApi.audit(orgId) });
  const entries = audit.data?.entries ?? [];
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('sell.audit.title')}</h2>
      {audit.isError && <Status tone="error">{describeProblem(t, audit.error)}</Status>}
      {audit.data && entries.length === 0 && <p>{t('sell.audit.none')}</p>}
      {entries.length > 0 && (
        <TableRegion caption={t('sell.audit.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('sell.audit.at')}</th>
              <th scope="col">{t('sell.audit.action')}</th>
              <th scope="col">{t('sell.audit.actor')}</th>
              <th scope="col">{t('sell.audit.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDate(entry.at, i18n.language)}</td>
                <th scope="row">
                  {AUDITED.includes(entry.action)
                    ? t(`sell.audit.actions.${entry.action.replace('.', '-')}`)
                    : entry.action}
                  {typeof entry.details.orderNumber === 'number' && (
                    <> ({t('orders.numbered', { number: entry.details.orderNumber })})</>
                  )}
                </th>
                <td>{entry.actor?.name ?? '—'}</td>
                <td>{entry.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </section>
  );
}

function OrderRow({ orgId, order, onPaid }: { orgId: string; order: Order; onPaid: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const money = useMoney(order.currency);
  const number = orderNumber(order);
  const markPaid = useMutation({
    mutationFn: () => sellApi.markPaid(orgId, order.id, ''),
    onSuccess: async () => {
      onPaid(t('sell.orders.markedPaid', { number }));
      await queryClient.invalidateQueries({ queryKey: ['sell', orgId] });
    },
  });
  return (
    <tr>
      <th scope="row">
        <Link to={`/issue/sales/orders/${order.id}`}>{t('orders.numbered', { number })}</Link>
      </th>
      <td data-label={t('order.buyer')}>{order.buyer ? (order.buyer.name ?? order.buyer.email) : '—'}</td>
      <td data-label={t('orders.kind')}>{t(`orderKind.${order.kind}`)}</td>
      <td data-label={t('order.placed')}>{formatDate(order.placedAt, i18n.language)}</td>
      <td className="num" data-label={t('cart.total')}>
        {money(order.totalMinor)}
      </td>
      <td data-label={t('order.state')}>
        {t(`orderState.${order.state}`)}
        {order.provider === 'test-card' && <strong> · {t('checkout.testModeTag')}</strong>}
        {order.state === 'awaiting-payment' && order.payment?.state === 'pending' && (
          <span className="muted">
            {' '}
            · {t('sell.orders.invoiceSent', { reference: order.payment.reference })}
          </span>
        )}
      </td>
      <td className="table-wrap__action">
        {order.state === 'awaiting-payment' && (
          <button
            type="button"
            disabled={markPaid.isPending}
            aria-label={t('sell.orders.markPaidNamed', { number })}
            onClick={() => markPaid.mutate()}
          >
            {t('sell.orders.markPaid')}
          </button>
        )}
        {markPaid.isError && (
          <p className="field__error" role="alert">
            {describeCommerceProblem(t, markPaid.error)}
          </p>
        )}
      </td>
    </tr>
  );
}
