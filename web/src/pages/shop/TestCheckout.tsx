// The test-mode card page (/checkout/test/:paymentId), where a demo learner pays alone (issue #18 item 9). It
// looks like a provider's card form and says plainly that it is test mode: no money moves, card 4242 4242
// 4242 4242 pays, 4000 0000 0000 0002 is declined. The card goes to POST /api/v1/payments/{id}/test-card
// (only its last four digits are kept); paid, the learner lands on the order; declined, the order stays open
// and "Try again" opens a new attempt.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiProblem, api } from '../../api.ts';
import { commerceKeys, type Order, shopApi } from '../../commerce.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { InputField } from '../../components/Inputs.tsx';
import { useMoney } from '../../components/Money.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { describeProblem, useFormErrors } from '../../forms.ts';
import { learningKeys } from '../../learning.ts';
import './shop.css';
import { Skeleton } from '../../components/Skeleton.tsx';

interface TestCheckout {
  paymentId: string;
  state: 'pending' | 'succeeded' | 'failed' | 'expired';
  enabled: boolean;
  order: { id: string; number: number; kind: string; state: string };
  issuer: { name: string };
  currency: string;
  amountMinor: number;
  taxMinor: number;
  taxLabel: string;
  lines: Array<{ description: string; totalMinor: number }>;
}

const FIELDS = ['number', 'expiry', 'cvc'] as const;

const checkoutApi = {
  get: (paymentId: string) => api<TestCheckout>(`/api/v1/payments/${paymentId}/test-card`),
  pay: (paymentId: string, card: { number: string; expiry: string; cvc: string }) =>
    api<{ result: 'paid' | 'declined' | 'processing'; order: Order }>(
      `/api/v1/payments/${paymentId}/test-card`,
      { method: 'POST', body: card },
    ),
};

export function TestCheckoutPage() {
  const { paymentId = '' } = useParams();
  return <RequireSession>{() => <TestCheckoutView key={paymentId} paymentId={paymentId} />}</RequireSession>;
}

function TestCheckoutView({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation();
  const checkout = useQuery({
    queryKey: ['test-checkout', paymentId],
    queryFn: () => checkoutApi.get(paymentId),
  });
  if (checkout.isPending) return <Skeleton fields={3} />;
  if (checkout.isError) {
    const missing = checkout.error instanceof ApiProblem && checkout.error.status === 404;
    return (
      <Page title={missing ? t('checkout.notFound') : t('checkout.title')}>
        <Status tone="error">
          {missing ? t('checkout.notFoundText') : describeProblem(t, checkout.error)}
        </Status>
        <p>
          <Link to="/learn/orders">{t('orders.back')}</Link>
        </p>
      </Page>
    );
  }
  const data = checkout.data;
  return (
    <Page title={t('checkout.title')}>
      <div className="test-mode-banner">
        <p>
          <strong>{t('checkout.bannerTitle')}</strong> {t('checkout.banner')}
        </p>
        <p>{t('checkout.declineHint')}</p>
      </div>
      <Summary checkout={data} />
      {data.state === 'succeeded' && (
        <Status tone="success">
          {t('checkout.alreadyPaid')}{' '}
          <Link to={`/learn/orders/${data.order.id}`}>{t('checkout.backToOrder')}</Link>
        </Status>
      )}
      {data.state === 'pending' && !data.enabled && (
        <Retry checkout={data} message={t('checkout.disabled')} />
      )}
      {data.state === 'pending' && data.enabled && <CardForm checkout={data} />}
      {/* A test payment fails only when its card was declined. */}
      {data.state === 'failed' && <Retry checkout={data} message={t('checkout.declined')} tone="error" />}
      {data.state === 'expired' && <Retry checkout={data} message={t('checkout.ended')} />}
      <p>
        <Link to={`/learn/orders/${data.order.id}`}>{t('checkout.backToOrder')}</Link>
      </p>
    </Page>
  );
}

function Summary({ checkout }: { checkout: TestCheckout }) {
  const { t } = useTranslation();
  const money = useMoney(checkout.currency);
  return (
    <section aria-labelledby="checkout-summary" className="checkout-summary">
      <h2 id="checkout-summary">{t('checkout.summaryTitle')}</h2>
      <p>{t('checkout.orderFrom', { number: checkout.order.number, issuer: checkout.issuer.name })}</p>
      <dl className="totals">
        {checkout.lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an order's lines keep their order and may share a name
          <div key={index} className="totals__row">
            <dt>{line.description}</dt>
            <dd>{money(line.totalMinor)}</dd>
          </div>
        ))}
        <div className="totals__row">
          <dt className="totals__total">{t('checkout.total')}</dt>
          <dd className="totals__total">{money(checkout.amountMinor)}</dd>
        </div>
      </dl>
      {checkout.taxMinor > 0 && (
        <p className="muted">
          {t('checkout.taxIncluded', { label: checkout.taxLabel, amount: money(checkout.taxMinor) })}
        </p>
      )}
    </section>
  );
}

function CardForm({ checkout }: { checkout: TestCheckout }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const money = useMoney(checkout.currency);
  const [card, setCard] = useState({ number: '', expiry: '', cvc: '' });
  const errors = useFormErrors(FIELDS);
  const pay = useMutation({
    mutationFn: () => checkoutApi.pay(checkout.paymentId, card),
    onSuccess: async ({ result, order }) => {
      queryClient.setQueryData(commerceKeys.order(order.id), order);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: commerceKeys.orders }),
        queryClient.invalidateQueries({ queryKey: learningKeys.enrolments }),
        queryClient.invalidateQueries({ queryKey: commerceKeys.feesDue }),
      ]);
      // Declined: the page shows the failed attempt and offers a new one.
      if (result === 'declined') {
        await queryClient.invalidateQueries({ queryKey: ['test-checkout', checkout.paymentId] });
        return;
      }
      navigate(`/learn/orders/${order.id}?paid=1`);
    },
    onError: (error) => {
      // The server's field messages are English: the app says the same in the reader's language.
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const named = error.fieldErrors();
        errors.setFieldErrors(
          Object.fromEntries(FIELDS.filter((f) => named[f]).map((f) => [f, t(`checkout.errors.${f}`)])),
        );
      } else errors.setGeneral(describeProblem(t, error));
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // The server checks every field at once (Luhn, expiry, CVC) and names each wrong one.
    errors.clear();
    pay.mutate();
  };
  const set = (field: (typeof FIELDS)[number]) => (value: string) =>
    setCard((c) => ({ ...c, [field]: value }));
  return (
    <form className="card-form" noValidate onSubmit={onSubmit} aria-labelledby="card-title">
      <h2 id="card-title">{t('checkout.cardTitle')}</h2>
      <ErrorSummary problems={errors.problems} />
      <InputField
        name="number"
        label={t('checkout.number')}
        inputMode="numeric"
        autoComplete="off"
        value={card.number}
        error={errors.fields.number}
        onChange={set('number')}
      />
      <div className="card-form__row">
        <InputField
          name="expiry"
          label={t('checkout.expiry')}
          hint={t('checkout.expiryHint')}
          inputMode="numeric"
          autoComplete="off"
          value={card.expiry}
          error={errors.fields.expiry}
          onChange={set('expiry')}
        />
        <InputField
          name="cvc"
          label={t('checkout.cvc')}
          hint={t('checkout.cvcHint')}
          inputMode="numeric"
          autoComplete="off"
          value={card.cvc}
          error={errors.fields.cvc}
          onChange={set('cvc')}
        />
      </div>
      <button type="submit" className="button" disabled={pay.isPending}>
        {pay.isPending ? t('checkout.paying') : t('checkout.pay', { amount: money(checkout.amountMinor) })}
      </button>
    </form>
  );
}

/** The attempt cannot be paid (declined, ended, test mode off): Pay again opens the order's next payment. */
function Retry({
  checkout,
  message,
  tone = 'info',
}: {
  checkout: TestCheckout;
  message: string;
  tone?: 'info' | 'error';
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const again = useMutation({
    mutationFn: () => shopApi.pay(checkout.order.id),
    onSuccess: ({ payment }) => {
      // Another test attempt opens its own card page; an invoice (test mode off) is shown on the order.
      if (payment.redirectUrl?.startsWith('/')) navigate(payment.redirectUrl);
      else navigate(`/learn/orders/${checkout.order.id}`);
    },
  });
  return (
    <div aria-live="polite">
      <Status tone={tone}>{message}</Status>
      <p>
        <button type="button" className="button" disabled={again.isPending} onClick={() => again.mutate()}>
          {checkout.enabled ? t('checkout.tryAgain') : t('checkout.payAnotherWay')}
        </button>
      </p>
      {again.isError && <Status tone="error">{describeProblem(t, again.error)}</Status>}
    </div>
  );
}
