// One order seen by the issuer (/issue/sales/orders/:orderId): mark an invoice paid (with the transfer's
// reference), and grant an exceptional refund of chosen lines with a reason (recorded in the audit trail).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  commerceKeys,
  describeCommerceProblem,
  issuerReceiptUrl,
  type Order,
  sellApi,
} from '../../commerce.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { fieldId } from '../../components/Field.tsx';
import { InputField, TextArea } from '../../components/Inputs.tsx';
import { useMoney } from '../../components/Money.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { describeProblem, useFormErrors } from '../../forms.ts';
import { RequireAuthor } from '../issue/Courses.tsx';
import { OrderFacts, OrderLines, OrderTotals, orderNumber } from '../shop/OrderParts.tsx';
import { SalesNav } from './SalesNav.tsx';
import '../shop/shop.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function SalesOrderPage() {
  const { orderId = '' } = useParams();
  return <RequireAuthor>{(orgId) => <SalesOrder orgId={orgId} orderId={orderId} />}</RequireAuthor>;
}

function SalesOrder({ orgId, orderId }: { orgId: string; orderId: string }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  const order = useQuery({
    queryKey: commerceKeys.orgOrder(orgId, orderId),
    queryFn: () => sellApi.order(orgId, orderId),
  });
  if (order.isPending) return <Skeleton lines={6} />;
  if (order.isError) {
    return (
      <Page title={t('order.notFound')}>
        <SalesNav />
        <Status tone="error">{describeProblem(t, order.error)}</Status>
      </Page>
    );
  }
  const data = order.data;
  const refundable = data.state === 'paid' || data.state === 'partially-refunded';
  return (
    <Page title={t('order.title', { number: orderNumber(data) })}>
      <SalesNav />
      <p>
        <Link to="/issue/sales">{t('sell.orders.back')}</Link>
      </p>
      <div aria-live="polite">{notice && <Status tone="success">{notice}</Status>}</div>
      <OrderFacts order={data} showBuyer />
      <OrderLines order={data} />
      <OrderTotals order={data} />
      {data.state === 'awaiting-payment' && <MarkPaid orgId={orgId} order={data} onDone={setNotice} />}
      {refundable && <ExceptionRefund orgId={orgId} order={data} onDone={setNotice} />}
      {data.paidAt && (
        <p>
          <a href={issuerReceiptUrl(orgId, data.id)} download>
            {t('order.receipt')}
          </a>
        </p>
      )}
    </Page>
  );
}

function MarkPaid({ orgId, order, onDone }: { orgId: string; order: Order; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reference, setReference] = useState('');
  const markPaid = useMutation({
    mutationFn: () => sellApi.markPaid(orgId, order.id, reference),
    onSuccess: async () => {
      onDone(t('sell.orders.markedPaid', { number: orderNumber(order) }));
      await queryClient.invalidateQueries({ queryKey: ['sell', orgId] });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    markPaid.mutate();
  };
  return (
    <section aria-labelledby="mark-paid-title">
      <h2 id="mark-paid-title">{t('sell.order.markPaidTitle')}</h2>
      <p>{t('sell.order.markPaidIntro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <InputField
          name="reference"
          label={t('sell.order.reference')}
          hint={t('sell.order.referenceHint')}
          required={false}
          value={reference}
          onChange={setReference}
        />
        <button type="submit" disabled={markPaid.isPending}>
          {markPaid.isPending ? t('form.submitting') : t('sell.orders.markPaid')}
        </button>
      </form>
      {markPaid.isError && <Status tone="error">{describeCommerceProblem(t, markPaid.error)}</Status>}
    </section>
  );
}

const REFUND_FIELDS = ['lines', 'reason'] as const;

function ExceptionRefund({
  orgId,
  order,
  onDone,
}: {
  orgId: string;
  order: Order;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const money = useMoney(order.currency);
  const errors = useFormErrors(REFUND_FIELDS);
  const [reason, setReason] = useState('');
  const [lineIds, setLineIds] = useState<string[]>([]);
  const open = order.lines.filter((line) => !line.refunded);
  const toggle = (lineId: string, on: boolean) =>
    setLineIds((ids) => (on ? [...ids, lineId] : ids.filter((id) => id !== lineId)));
  const refund = useMutation({
    mutationFn: () => sellApi.refund(orgId, order.id, lineIds, reason.trim()),
    onSuccess: async (done) => {
      setReason('');
      setLineIds([]);
      errors.clear();
      onDone(t('sell.order.refunded', { amount: money(done.amountMinor) }));
      await queryClient.invalidateQueries({ queryKey: ['sell', orgId] });
    },
    onError: (error) => errors.setGeneral(describeCommerceProblem(t, error)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (lineIds.length === 0) found.lines = t('sell.order.chooseLines');
    if (!reason.trim()) found.reason = t('form.required', { field: t('sell.order.reason').toLowerCase() });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    refund.mutate();
  };
  return (
    <section aria-labelledby="exception-title">
      <h2 id="exception-title">{t('sell.order.exceptionTitle')}</h2>
      <p>{t('sell.order.exceptionIntro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.problems} />
        <fieldset className={errors.fields.lines ? 'field field--invalid' : 'field'}>
          <legend>{t('sell.order.linesLegend')}</legend>
          {errors.fields.lines && <p className="field__error">{errors.fields.lines}</p>}
          {open.map((line, index) => (
            <div className="field--checkbox" key={line.id}>
              <input
                // The error summary's "choose lines" entry leads to the first checkbox.
                id={index === 0 ? fieldId('lines') : `refund-${line.id}`}
                type="checkbox"
                checked={lineIds.includes(line.id)}
                onChange={(event) => toggle(line.id, event.target.checked)}
              />
              <label htmlFor={index === 0 ? fieldId('lines') : `refund-${line.id}`}>
                {line.description} ({money(line.totalMinor)})
              </label>
            </div>
          ))}
        </fieldset>
        <TextArea
          name="reason"
          label={t('sell.order.reason')}
          hint={t('sell.order.reasonHint')}
          rows={3}
          value={reason}
          error={errors.fields.reason}
          onChange={setReason}
        />
        <button type="submit" disabled={refund.isPending}>
          {refund.isPending ? t('form.submitting') : t('sell.order.refundSubmit', { count: lineIds.length })}
        </button>
      </form>
    </section>
  );
}
