// One order of the learner (/learn/orders/:orderId): its lines and access windows, Pay (an invoice the
// issuer confirms, or the provider's checkout page), cancel, the receipt, and refunds of unopened courses
// within 30 days. While an invoice waits for the issuer, the page looks again every few seconds and offers
// the invoice PDF (the invoice mail says the order page has it). A fee order speaks of the badge, not access.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiProblem } from '../../api.ts';
import {
  commerceKeys,
  describeCommerceProblem,
  type Order,
  type OrderLine,
  receiptUrl,
  shopApi,
} from '../../commerce.ts';
import { useMoney } from '../../components/Money.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { describeProblem } from '../../forms.ts';
import { learningKeys } from '../../learning.ts';
import { OrderFacts, OrderLines, OrderTotals, orderNumber, refusalText } from './OrderParts.tsx';
import './shop.css';
import { Skeleton } from '../../components/Skeleton.tsx';

const WAITING_POLL_MS = 5_000;

export function OrderPage() {
  const { orderId = '' } = useParams();
  return <RequireSession>{() => <OrderView orderId={orderId} />}</RequireSession>;
}

/** An invoice the issuer has not confirmed yet, or a provider's checkout the learner came back from. */
const waitingForPayment = (order: Order | undefined, returnedFromCheckout: boolean) =>
  order?.state === 'awaiting-payment' && (order.payment?.state === 'pending' || returnedFromCheckout);

function OrderView({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  // The payment provider's checkout page sends the learner back with ?paid=1 or ?cancelled=1.
  const returned = params.get('paid') === '1';
  const leftCheckout = params.get('cancelled') === '1';
  const [notice, setNotice] = useState<string | null>(null);
  const order = useQuery({
    queryKey: commerceKeys.order(orderId),
    queryFn: () => shopApi.order(orderId),
    refetchInterval: (query) => (waitingForPayment(query.state.data, returned) ? WAITING_POLL_MS : false),
  });
  if (order.isPending) return <Skeleton lines={6} />;
  if (order.isError) {
    const missing = order.error instanceof ApiProblem && order.error.status === 404;
    return (
      <Page title={t('order.notFound')}>
        <Status tone="error">{missing ? t('order.notFoundText') : describeProblem(t, order.error)}</Status>
        <p>
          <Link to="/learn/orders">{t('orders.back')}</Link>
        </p>
      </Page>
    );
  }
  const data = order.data;
  const refundable = data.state === 'paid' || data.state === 'partially-refunded';
  const hasReceipt = data.paidAt !== null;
  const invoiced =
    data.state === 'awaiting-payment' && data.payment?.state === 'pending' && !data.payment.redirectUrl;
  return (
    <Page title={t('order.title', { number: orderNumber(data) })}>
      <p>
        <Link to="/learn/orders">{t('orders.back')}</Link>
      </p>
      <div aria-live="polite">
        {notice && <Status tone="success">{notice}</Status>}
        {returned && data.state === 'awaiting-payment' && <Status>{t('order.confirming')}</Status>}
        {leftCheckout && data.state === 'awaiting-payment' && <Status>{t('order.leftCheckout')}</Status>}
      </div>
      {data.provider === 'test-card' && (
        <p className="test-mode-note">
          <strong>{t('checkout.testModeTag')}:</strong> {t('checkout.orderTestMode')}
        </p>
      )}
      <OrderFacts order={data} />
      <OrderLines
        order={data}
        actionTitle={refundable ? t('order.refund') : undefined}
        action={refundable ? (line) => <RefundLine order={data} line={line} onDone={setNotice} /> : undefined}
      />
      <OrderTotals order={data} />
      {data.state === 'awaiting-payment' && <Payment order={data} />}
      {data.kind === 'issuance-fee' && data.state === 'paid' && (
        <Status tone="success">
          {t('order.feePaid')} <Link to="/learn/badges">{t('order.seeBadges')}</Link>
        </Status>
      )}
      {data.kind === 'purchase' && data.state === 'paid' && (
        <p>
          <Link to="/learn">{t('order.startLearning')}</Link>
        </p>
      )}
      {(hasReceipt || invoiced) && (
        <p>
          <a href={receiptUrl(data.id)} download>
            {hasReceipt ? t('order.receipt') : t('earner.invoicePdf')}
          </a>
        </p>
      )}
    </Page>
  );
}

function Payment({ order }: { order: Order }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const money = useMoney(order.currency);
  const update = (next: Order) => {
    queryClient.setQueryData(commerceKeys.order(order.id), next);
    return queryClient.invalidateQueries({ queryKey: commerceKeys.orders, exact: true });
  };
  const pay = useMutation({
    mutationFn: () => shopApi.pay(order.id),
    onSuccess: async ({ order: next, payment }) => {
      // A provider with a checkout page (Stripe) takes the learner there; an invoice stays here.
      if (payment.redirectUrl) window.location.assign(payment.redirectUrl);
      await update(next);
    },
  });
  const cancel = useMutation({ mutationFn: () => shopApi.cancel(order.id), onSuccess: update });
  const payment = order.payment;
  return (
    <section aria-labelledby="payment-title" className="payment">
      <h2 id="payment-title">{t('order.paymentTitle')}</h2>
      {payment?.state === 'pending' && payment.redirectUrl && (
        <p>
          <a className="button" href={payment.redirectUrl}>
            {t('order.continuePayment')}
          </a>
        </p>
      )}
      {payment?.state === 'pending' && !payment.redirectUrl && (
        <Status>
          {t(order.kind === 'issuance-fee' ? 'earner.feeInvoiceIssued' : 'order.invoiceIssued', {
            reference: payment.reference,
            amount: money(order.totalMinor),
            issuer: order.issuer.name,
          })}
        </Status>
      )}
      {payment?.state !== 'pending' && (
        <p>
          <button type="button" className="button" disabled={pay.isPending} onClick={() => pay.mutate()}>
            {pay.isPending
              ? t('form.submitting')
              : t(order.provider === 'test-card' ? 'checkout.payByCard' : 'order.pay', {
                  amount: money(order.totalMinor),
                })}
          </button>
        </p>
      )}
      {payment?.state !== 'pending' && (
        <p className="field__hint">
          {order.provider === 'test-card' ? t('checkout.payByCardHint') : t('order.payHint')}
        </p>
      )}
      <p>
        <button
          type="button"
          className="button button--secondary"
          disabled={cancel.isPending}
          onClick={() => cancel.mutate()}
        >
          {t('order.cancel')}
        </button>
      </p>
      <div aria-live="polite">
        {pay.isError && <Status tone="error">{describeCommerceProblem(t, pay.error)}</Status>}
        {cancel.isError && <Status tone="error">{describeCommerceProblem(t, cancel.error)}</Status>}
      </div>
    </section>
  );
}

/** A refund of one line under the policy: asked, confirmed, then done or refused with the reason. */
function RefundLine({
  order,
  line,
  onDone,
}: {
  order: Order;
  line: OrderLine;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const money = useMoney(order.currency);
  const [confirming, setConfirming] = useState(false);
  const refund = useMutation({
    mutationFn: () => shopApi.refund(order.id, [line.id]),
    onSuccess: async (done) => {
      setConfirming(false);
      onDone(t('order.refundDone', { amount: money(done.amountMinor), course: line.description }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: commerceKeys.orders }),
        queryClient.invalidateQueries({ queryKey: learningKeys.enrolments }),
      ]);
    },
    onError: () => setConfirming(false),
  });
  if (line.refunded) return <>{t('order.refunded')}</>;
  if (!line.refundable.ok) return <span className="muted">{refusalText(t, line)}</span>;
  return (
    <div className="refund-line">
      {!confirming && (
        <button
          type="button"
          className="button--link"
          aria-label={t('order.askRefundOf', { course: line.description })}
          onClick={() => setConfirming(true)}
        >
          {t('order.askRefund')}
        </button>
      )}
      {confirming && (
        <fieldset className="refund-confirm">
          <legend className="visually-hidden">
            {t('order.confirmRefundOf', { course: line.description })}
          </legend>
          <p>{t('order.confirmRefund', { amount: money(line.totalMinor) })}</p>
          <button type="button" disabled={refund.isPending} onClick={() => refund.mutate()}>
            {t('order.yesRefund')}
          </button>{' '}
          <button type="button" className="button--link" onClick={() => setConfirming(false)}>
            {t('order.keepCourse')}
          </button>
        </fieldset>
      )}
      {refund.isError && (
        <p className="field__error" role="alert">
          {describeCommerceProblem(t, refund.error)}
        </p>
      )}
    </div>
  );
}
