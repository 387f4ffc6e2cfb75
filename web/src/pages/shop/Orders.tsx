// The learner's orders (/learn/orders): number, issuer, date, total and state, newest first.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { commerceKeys, type Order, shopApi } from '../../commerce.ts';
import { useMoney } from '../../components/Money.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import { orderNumber } from './OrderParts.tsx';
import './shop.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function OrdersPage() {
  return <RequireSession>{() => <Orders />}</RequireSession>;
}

function Orders() {
  const { t } = useTranslation();
  const orders = useQuery({ queryKey: commerceKeys.orders, queryFn: shopApi.orders });
  const items = orders.data?.orders ?? [];
  return (
    <Page title={t('orders.title')}>
      <p>
        <Link to="/cart">{t('orders.cartLink')}</Link>
      </p>
      {orders.isPending && <Skeleton rows={4} />}
      {orders.isError && <Status tone="error">{describeProblem(t, orders.error)}</Status>}
      {orders.data && items.length === 0 && <p>{t('orders.none')}</p>}
      {items.length > 0 && <OrdersTable orders={items} linkTo={(order) => `/learn/orders/${order.id}`} />}
    </Page>
  );
}

/** The orders table both the learner's and the issuer's lists use. */
export function OrdersTable({
  orders,
  linkTo,
  showBuyer = false,
}: {
  orders: Order[];
  linkTo: (order: Order) => string;
  showBuyer?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <TableRegion caption={t('orders.caption')} tableClassName="money-table">
      <thead>
        <tr>
          <th scope="col">{t('orders.number')}</th>
          <th scope="col">{showBuyer ? t('order.buyer') : t('order.issuer')}</th>
          <th scope="col">{t('orders.kind')}</th>
          <th scope="col">{t('order.placed')}</th>
          <th scope="col" className="num">
            {t('cart.total')}
          </th>
          <th scope="col">{t('order.state')}</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.id}>
            <th scope="row">
              <Link to={linkTo(order)}>{t('orders.numbered', { number: orderNumber(order) })}</Link>
            </th>
            <td>{showBuyer ? (order.buyer?.name ?? order.buyer?.email ?? '—') : order.issuer.name}</td>
            <td>{t(`orderKind.${order.kind}`)}</td>
            <td>{formatDate(order.placedAt, i18n.language)}</td>
            <td className="num">
              <OrderTotal order={order} />
            </td>
            <td>{t(`orderState.${order.state}`)}</td>
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}

function OrderTotal({ order }: { order: Order }) {
  const money = useMoney(order.currency);
  return <>{money(order.totalMinor)}</>;
}
