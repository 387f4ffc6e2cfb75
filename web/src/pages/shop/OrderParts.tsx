// The parts of an order that the learner's and the issuer's views share: its facts, its totals, and the
// state and access window of each line.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order, OrderLine } from '../../commerce.ts';
import { useMoney } from '../../components/Money.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { formatDate } from '../../learning.ts';
import { percentText } from '../../money.ts';

export function orderNumber(order: Order): string {
  return String(order.number);
}

export function OrderFacts({ order, showBuyer = false }: { order: Order; showBuyer?: boolean }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatDate(iso, i18n.language);
  return (
    <dl className="facts">
      <dt>{t('order.state')}</dt>
      <dd>
        <span className={`order-state order-state--${order.state}`}>{t(`orderState.${order.state}`)}</span>
        {order.provider === 'test-card' && <strong> · {t('checkout.testModeTag')}</strong>}
      </dd>
      <dt>{t('order.issuer')}</dt>
      <dd>{order.issuer.name}</dd>
      {showBuyer && (
        <>
          <dt>{t('order.buyer')}</dt>
          <dd>{order.buyer.name ? `${order.buyer.name} <${order.buyer.email}>` : order.buyer.email}</dd>
        </>
      )}
      <dt>{t('order.placed')}</dt>
      <dd>{date(order.placedAt)}</dd>
      {order.paidAt && (
        <>
          <dt>{t('order.paid')}</dt>
          <dd>{date(order.paidAt)}</dd>
        </>
      )}
      {order.payment && (
        <>
          <dt>{t('order.reference')}</dt>
          <dd>{order.payment.reference}</dd>
        </>
      )}
    </dl>
  );
}

/** Each line with its amounts; `action` renders the last column (refund buttons or a checkbox). */
export function OrderLines({
  order,
  actionTitle,
  action,
}: {
  order: Order;
  actionTitle?: string;
  action?: (line: OrderLine) => ReactNode;
}) {
  const { t } = useTranslation();
  const money = useMoney(order.currency);
  // A fee order buys no course access: no "Access" column.
  const withAccess = order.lines.some((line) => line.kind !== 'issuance-fee');
  return (
    <TableRegion caption={t('order.linesCaption')} tableClassName="money-table" stack>
      <thead>
        <tr>
          <th scope="col">{t('order.line')}</th>
          <th scope="col" className="num">
            {t('cart.list')}
          </th>
          <th scope="col" className="num">
            {t('cart.discount')}
          </th>
          <th scope="col" className="num">
            {t('order.lineTax')}
          </th>
          <th scope="col" className="num">
            {t('order.lineTotal')}
          </th>
          {withAccess && <th scope="col">{t('order.access')}</th>}
          {action && <th scope="col">{actionTitle}</th>}
        </tr>
      </thead>
      <tbody>
        {order.lines.map((line) => (
          <tr key={line.id}>
            <th scope="row">
              {line.description}
              {/* A bundle's line names its bundle already. */}
              {line.kind !== 'bundle-course' && (
                <span className="muted"> ({t(`lineKind.${line.kind}`)})</span>
              )}
            </th>
            <td className="num" data-label={t('cart.list')}>
              {money(line.listMinor)}
            </td>
            <td className="num" data-label={t('cart.discount')}>
              {line.discountMinor > 0 ? `−${money(line.discountMinor)}` : '—'}
            </td>
            <td className="num" data-label={t('order.lineTax')}>
              {money(line.taxMinor)}
            </td>
            <td className="num" data-label={t('order.lineTotal')}>
              {money(line.totalMinor)}
            </td>
            {withAccess && (
              <td data-label={t('order.access')}>
                <LineAccess line={line} />
              </td>
            )}
            {action && (
              <td className="table-wrap__action" data-label={actionTitle}>
                {action(line)}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}

function LineAccess({ line }: { line: OrderLine }) {
  const { t, i18n } = useTranslation();
  if (line.refunded) return <>{t('order.accessRefunded')}</>;
  if (line.kind === 'issuance-fee') return <>—</>;
  if (!line.accessUntil) return <>{t('order.accessAfterPayment')}</>;
  const until = formatDate(line.accessUntil, i18n.language);
  const ended = new Date(line.accessUntil).getTime() <= Date.now();
  return (
    <>
      {ended ? t('order.accessEnded', { date: until }) : t('order.accessUntil', { date: until })}
      {line.opened && <span className="muted"> · {t('order.opened')}</span>}
    </>
  );
}

export function OrderTotals({ order }: { order: Order }) {
  const { t } = useTranslation();
  const money = useMoney(order.currency);
  return (
    <dl className="totals">
      <dt>{t('cart.subtotal')}</dt>
      <dd>{money(order.subtotalMinor)}</dd>
      <dt>
        {order.couponCode ? t('order.discountsWithCoupon', { code: order.couponCode }) : t('cart.discounts')}
      </dt>
      <dd>{order.discountMinor > 0 ? `−${money(order.discountMinor)}` : money(0)}</dd>
      <dt>{t('cart.tax', { label: order.taxLabel, rate: percentText(order.taxRateBp) })}</dt>
      <dd>{money(order.taxMinor)}</dd>
      <dt className="totals__total">{t('cart.total')}</dt>
      <dd className="totals__total">{money(order.totalMinor)}</dd>
    </dl>
  );
}

/** Why a line cannot be refunded, in the reader's language when the API names the rule. */
export function refusalText(t: (key: string) => string, line: OrderLine): string {
  const code = line.refundable.code ?? line.refundable.reason ?? '';
  const known = [
    'course-opened',
    'refund-window-closed',
    'fee-not-refundable',
    'already-refunded',
    'not-paid',
  ];
  if (known.includes(code)) return t(`commerce.problem.${code}`);
  return line.refundable.reason ?? t('order.notRefundable');
}
