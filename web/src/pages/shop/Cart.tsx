// The learner's cart (/cart): one cart per issuer. Each item shows what it charges; a bundle lists its
// courses, those already held marked "already yours" and not charged, with the bundle discount. A coupon,
// the tax and the total; "Place the order" checks the cart out and opens the order, where it is paid.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  type CartItem,
  type CartQuote,
  commerceKeys,
  describeCommerceCode,
  describeCommerceProblem,
  shopApi,
} from '../../commerce.ts';
import { InputField } from '../../components/Inputs.tsx';
import { useMoney } from '../../components/Money.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import { percentText } from '../../money.ts';
import { CartItemCover } from './CartItemCover.tsx';
import { FeeNotice, TestModeNote } from './PriceTerms.tsx';
import './shop.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function CartPage() {
  return <RequireSession>{() => <Carts />}</RequireSession>;
}

function Carts() {
  const { t } = useTranslation();
  const carts = useQuery({ queryKey: commerceKeys.carts, queryFn: shopApi.carts });
  const filled = (carts.data?.carts ?? []).filter((cart) => cart.items.length > 0);
  return (
    <Page title={t('cart.title')}>
      {carts.isPending && <Skeleton rows={3} />}
      {carts.isError && <Status tone="error">{describeProblem(t, carts.error)}</Status>}
      {carts.data && filled.length === 0 && (
        <div className="empty-state">
          <p>
            <strong>{t('cart.empty')}</strong>
          </p>
          <p>
            <Link to="/catalog">{t('cart.browseCourses')}</Link> ·{' '}
            <Link to="/bundles">{t('cart.browseBundles')}</Link>
          </p>
        </div>
      )}
      {filled.map((cart, index) => (
        <SellerCart key={cart.orgId} cart={cart} index={index} />
      ))}
      <p>
        <Link to="/learn/orders">{t('cart.ordersLink')}</Link>
      </p>
    </Page>
  );
}

function SellerCart({ cart, index }: { cart: CartQuote; index: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const money = useMoney(cart.currency);
  const headingId = `cart-${cart.orgId}`;
  const checkout = useMutation({
    mutationFn: () => shopApi.checkout(cart.orgId),
    onSuccess: async (order) => {
      await queryClient.invalidateQueries({ queryKey: commerceKeys.carts });
      await queryClient.invalidateQueries({ queryKey: commerceKeys.orders });
      navigate(`/learn/orders/${order.id}`);
    },
  });
  return (
    <section className="cart" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {cart.issuer?.name
          ? t('cart.from', { issuer: cart.issuer.name })
          : t('cart.numbered', { n: index + 1 })}
      </h2>
      <TableRegion caption={t('cart.caption')} tableClassName="money-table" stack>
        <thead>
          <tr>
            <th scope="col">{t('cart.item')}</th>
            <th scope="col" className="num">
              {t('cart.list')}
            </th>
            <th scope="col" className="num">
              {t('cart.discount')}
            </th>
            <th scope="col" className="num">
              {t('cart.net')}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t('cart.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {cart.items.map((item) => (
            <ItemRow key={item.itemId} item={item} cart={cart} />
          ))}
        </tbody>
      </TableRegion>
      <CouponForm cart={cart} />
      <FeeNotice orgId={cart.orgId} about="course" />
      <dl className="totals">
        <dt>{t('cart.subtotal')}</dt>
        <dd>{money(cart.subtotalMinor)}</dd>
        <dt>{t('cart.discounts')}</dt>
        <dd>{cart.discountMinor > 0 ? `−${money(cart.discountMinor)}` : money(0)}</dd>
        <dt>{t('cart.tax', { label: cart.taxLabel, rate: percentText(cart.taxRateBp) })}</dt>
        <dd>{money(cart.taxMinor)}</dd>
        <dt className="totals__total">{t('cart.total')}</dt>
        <dd className="totals__total">{money(cart.totalMinor)}</dd>
      </dl>
      <button
        type="button"
        className="button"
        disabled={checkout.isPending}
        onClick={() => checkout.mutate()}
      >
        {checkout.isPending ? t('form.submitting') : t('cart.placeOrder')}
      </button>
      <p className="field__hint">{t('cart.placeOrderHint')}</p>
      <TestModeNote orgId={cart.orgId} />
      {checkout.isError && <Status tone="error">{describeCommerceProblem(t, checkout.error)}</Status>}
    </section>
  );
}

function ItemRow({ item, cart }: { item: CartItem; cart: CartQuote }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const money = useMoney(cart.currency);
  const remove = useMutation({
    mutationFn: () => shopApi.removeFromCart(cart.orgId, item.itemId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commerceKeys.carts }),
  });
  const title = item.kind === 'bundle' ? t('cart.bundleTitle', { name: item.title }) : item.title;
  return (
    <tr>
      <th scope="row">
        <span className="course-line">
          <CartItemCover
            courseId={item.courseId}
            badgeId={item.badgeId}
            imageUrl={item.imageUrl}
            title={item.title}
          />
          <span>{title}</span>
        </span>
        {item.kind === 'bundle' && (
          <>
            <ul className="bundle-courses">
              {item.courses.map((course) => (
                <li key={course.courseId}>
                  {course.title}:{' '}
                  {course.status === 'held' ? (
                    <span className="held">{t('cart.held')}</span>
                  ) : (
                    money(course.listMinor)
                  )}
                </li>
              ))}
            </ul>
            {item.separatelyMinor !== null && (
              <p className="muted">
                {t('cart.separately', { amount: money(item.separatelyMinor) })}{' '}
                {item.discountMinor > 0 && t('cart.bundleSaves', { amount: money(item.discountMinor) })}
              </p>
            )}
          </>
        )}
        {!item.available && <p className="field__error">{t('cart.unavailable')}</p>}
        {remove.isError && <Status tone="error">{describeCommerceProblem(t, remove.error)}</Status>}
      </th>
      <td className="num" data-label={t('cart.list')}>
        {money(item.listMinor)}
      </td>
      <td className="num" data-label={t('cart.discount')}>
        {item.discountMinor > 0 ? `−${money(item.discountMinor)}` : '—'}
      </td>
      <td className="num" data-label={t('cart.net')}>
        {money(item.netMinor)}
      </td>
      <td className="table-wrap__action">
        <button
          type="button"
          className="button--link"
          disabled={remove.isPending}
          onClick={() => remove.mutate()}
          aria-label={t('cart.removeItem', { name: title })}
        >
          {t('cart.remove')}
        </button>
      </td>
    </tr>
  );
}

function CouponForm({ cart }: { cart: CartQuote }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const money = useMoney(cart.currency);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: commerceKeys.carts });
  const apply = useMutation({
    mutationFn: () => shopApi.applyCoupon(cart.orgId, code.trim().toUpperCase()),
    onSuccess: async () => {
      setCode('');
      setError(undefined);
      await refresh();
    },
    onError: (problem) => setError(describeCommerceProblem(t, problem)),
  });
  const removeCoupon = useMutation({
    mutationFn: () => shopApi.removeCoupon(cart.orgId),
    onSuccess: refresh,
  });
  const fieldName = `coupon-${cart.orgId}`;
  if (cart.coupon || cart.couponProblem) {
    return (
      <p className="coupon-applied">
        {cart.coupon &&
          t('cart.couponApplied', { code: cart.coupon.code, amount: money(cart.coupon.discountMinor) })}
        {cart.couponProblem && (
          <span className="field__error">
            {describeCommerceCode(t, cart.couponProblem.code, cart.couponProblem.detail)}
          </span>
        )}{' '}
        <button
          type="button"
          className="button--link"
          disabled={removeCoupon.isPending}
          onClick={() => removeCoupon.mutate()}
        >
          {t('cart.removeCoupon')}
        </button>
      </p>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return setError(t('cart.couponMissing'));
    apply.mutate();
  };
  return (
    <form className="coupon-form" noValidate onSubmit={onSubmit} aria-label={t('cart.couponForm')}>
      <InputField
        name={fieldName}
        label={t('cart.coupon')}
        required={false}
        autoComplete="off"
        value={code}
        error={error}
        onChange={setCode}
      />
      <button type="submit" className="button--secondary" disabled={apply.isPending}>
        {t('cart.applyCoupon')}
      </button>
    </form>
  );
}
