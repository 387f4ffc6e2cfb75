// The issuer's coupons (/issue/sales/coupons): percentage or fixed amount, for every course of the
// issuer, one course or one badge bundle, with an end date and a limit of uses; switched off and on here.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authoringApi, authoringKeys } from '../../authoring.ts';
import { badgeKeys, badgesApi } from '../../badges.ts';
import {
  type Coupon,
  type CouponInput,
  type CouponScope,
  commerceKeys,
  describeCommerceProblem,
  sellApi,
} from '../../commerce.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { fieldId } from '../../components/Field.tsx';
import { InputField, SelectField } from '../../components/Inputs.tsx';
import { useMoney } from '../../components/Money.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem, onlyErrors, useFormErrors } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import { parseAmount, parsePercent, percentText } from '../../money.ts';
import { RequireAuthor } from '../issue/Courses.tsx';
import { amountProblem } from './amount-problem.ts';
import { SalesNav } from './SalesNav.tsx';
import '../shop/shop.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function SalesCouponsPage() {
  return <RequireAuthor>{(orgId) => <Coupons orgId={orgId} />}</RequireAuthor>;
}

function Coupons({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const coupons = useQuery({ queryKey: commerceKeys.coupons(orgId), queryFn: () => sellApi.coupons(orgId) });
  const items = coupons.data?.coupons ?? [];
  return (
    <Page title={t('sell.coupons.title')}>
      <SalesNav />
      {coupons.isPending && <Skeleton rows={4} />}
      {coupons.isError && <Status tone="error">{describeProblem(t, coupons.error)}</Status>}
      {coupons.data && items.length === 0 && <p>{t('sell.coupons.none')}</p>}
      {items.length > 0 && (
        <TableRegion caption={t('sell.coupons.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('sell.coupons.code')}</th>
              <th scope="col">{t('sell.coupons.discount')}</th>
              <th scope="col">{t('sell.coupons.scope')}</th>
              <th scope="col">{t('sell.coupons.validUntil')}</th>
              <th scope="col">{t('sell.coupons.uses')}</th>
              <th scope="col">{t('sell.coupons.state')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((coupon) => (
              <CouponRow key={coupon.id} orgId={orgId} coupon={coupon} />
            ))}
          </tbody>
        </TableRegion>
      )}
      <NewCoupon orgId={orgId} />
    </Page>
  );
}

function CouponRow({ orgId, coupon }: { orgId: string; coupon: Coupon }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const money = useMoney(coupon.currency);
  const change = useMutation({
    mutationFn: () => sellApi.changeCoupon(orgId, coupon.id, { active: !coupon.active }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commerceKeys.coupons(orgId) }),
  });
  return (
    <tr>
      <th scope="row">
        <code>{coupon.code}</code>
      </th>
      <td>
        {coupon.kind === 'percent'
          ? t('sell.coupons.percentOff', { percent: percentText(coupon.percentBp ?? 0) })
          : t('sell.coupons.amountOff', { amount: money(coupon.amountMinor ?? 0) })}
      </td>
      <td>{t(`sell.coupons.scopes.${coupon.scope}`)}</td>
      <td>{coupon.validUntil ? formatDate(coupon.validUntil, i18n.language) : t('sell.coupons.noEnd')}</td>
      <td>
        {coupon.maxRedemptions === null
          ? t('sell.coupons.usedUnlimited', { count: coupon.redemptions })
          : t('sell.coupons.usedOf', { count: coupon.redemptions, max: coupon.maxRedemptions })}
      </td>
      <td>
        {coupon.active ? t('sell.coupons.active') : t('sell.coupons.inactive')}{' '}
        <button
          type="button"
          disabled={change.isPending}
          aria-label={t(coupon.active ? 'sell.coupons.deactivateNamed' : 'sell.coupons.activateNamed', {
            code: coupon.code,
          })}
          onClick={() => change.mutate()}
        >
          {coupon.active ? t('sell.coupons.deactivate') : t('sell.coupons.activate')}
        </button>
        {change.isError && (
          <p className="field__error" role="alert">
            {describeCommerceProblem(t, change.error)}
          </p>
        )}
      </td>
    </tr>
  );
}

const FIELDS = [
  'code',
  'kind',
  'percent',
  'amount',
  'currency',
  'scope',
  'target',
  'validUntil',
  'maxRedemptions',
] as const;
type Values = Record<(typeof FIELDS)[number], string>;
const EMPTY: Values = {
  code: '',
  kind: 'percent',
  percent: '',
  amount: '',
  currency: 'EUR',
  scope: 'issuer',
  target: '',
  validUntil: '',
  maxRedemptions: '',
};
const CODE = /^[A-Z0-9_-]{3,40}$/;

function NewCoupon({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [values, setValues] = useState<Values>(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  const set = (field: keyof Values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const courses = useQuery({ queryKey: authoringKeys.list(orgId), queryFn: () => authoringApi.list(orgId) });
  const badges = useQuery({ queryKey: badgeKeys.list(orgId), queryFn: () => badgesApi.list(orgId) });
  const create = useMutation({
    mutationFn: (input: CouponInput) => sellApi.createCoupon(orgId, input),
    onSuccess: async (coupon) => {
      setValues(EMPTY);
      setCreated(coupon.code);
      await queryClient.invalidateQueries({ queryKey: commerceKeys.coupons(orgId) });
    },
    onError: (error) => errors.setFromProblem(t, error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const code = values.code.trim().toUpperCase();
    const currency = values.currency.trim().toUpperCase();
    const percentBp = values.kind === 'percent' ? parsePercent(values.percent) : null;
    const amount = values.kind === 'fixed' ? parseAmount(values.amount, currency) : null;
    const max = values.maxRedemptions.trim();
    const found = onlyErrors({
      code: CODE.test(code) ? undefined : t('sell.coupons.codeInvalid'),
      percent:
        values.kind === 'percent' && (percentBp === null || percentBp === 0)
          ? t('sell.coupons.percentInvalid')
          : undefined,
      amount:
        amount && !amount.ok
          ? amountProblem(t, amount.problem, currency)
          : amount?.ok && amount.minor === 0
            ? t('sell.amountInvalid')
            : undefined,
      currency:
        values.kind === 'fixed' && !/^[A-Z]{3}$/.test(currency) ? t('sell.currencyInvalid') : undefined,
      target: values.scope !== 'issuer' && !values.target ? t('sell.coupons.targetMissing') : undefined,
      maxRedemptions: max && !/^[1-9]\d{0,6}$/.test(max) ? t('sell.coupons.maxInvalid') : undefined,
    });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    const scope = values.scope as CouponScope;
    create.mutate({
      code,
      kind: values.kind as CouponInput['kind'],
      ...(percentBp !== null ? { percentBp } : {}),
      ...(amount?.ok ? { amountMinor: amount.minor, currency } : {}),
      scope,
      ...(scope === 'course' ? { courseId: values.target } : {}),
      ...(scope === 'bundle' ? { badgeId: values.target } : {}),
      validUntil: values.validUntil ? `${values.validUntil}T23:59:59.000Z` : null,
      maxRedemptions: max ? Number(max) : null,
    });
  };
  const published = <T extends { state: string }>(items: T[] | undefined) =>
    (items ?? []).filter((item) => item.state === 'published');
  return (
    <section aria-labelledby="new-coupon-title" className="coupon-editor">
      <h2 id="new-coupon-title">{t('sell.coupons.newTitle')}</h2>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.problems} />
        <InputField
          name="code"
          label={t('sell.coupons.code')}
          hint={t('sell.coupons.codeHint')}
          autoComplete="off"
          value={values.code}
          error={errors.fields.code}
          onChange={set('code')}
        />
        <SelectField name="kind" label={t('sell.coupons.kind')} value={values.kind} onChange={set('kind')}>
          <option value="percent">{t('sell.coupons.kinds.percent')}</option>
          <option value="fixed">{t('sell.coupons.kinds.fixed')}</option>
        </SelectField>
        {values.kind === 'percent' ? (
          <InputField
            name="percent"
            label={t('sell.coupons.percent')}
            hint={t('sell.coupons.percentHint')}
            inputMode="decimal"
            value={values.percent}
            error={errors.fields.percent}
            onChange={set('percent')}
          />
        ) : (
          <>
            <InputField
              name="amount"
              label={t('sell.coupons.amount')}
              hint={t('sell.coupons.amountHint')}
              inputMode="decimal"
              value={values.amount}
              error={errors.fields.amount}
              onChange={set('amount')}
            />
            <InputField
              name="currency"
              label={t('sell.currency')}
              hint={t('sell.currencyHint')}
              value={values.currency}
              error={errors.fields.currency}
              onChange={set('currency')}
            />
          </>
        )}
        <SelectField
          name="scope"
          label={t('sell.coupons.scope')}
          value={values.scope}
          onChange={(scope) => setValues((v) => ({ ...v, scope, target: '' }))}
        >
          <option value="issuer">{t('sell.coupons.scopes.issuer')}</option>
          <option value="course">{t('sell.coupons.scopes.course')}</option>
          <option value="bundle">{t('sell.coupons.scopes.bundle')}</option>
        </SelectField>
        {values.scope === 'course' && (
          <SelectField
            name="target"
            label={t('sell.coupons.course')}
            value={values.target}
            error={errors.fields.target}
            onChange={set('target')}
          >
            <option value="">{t('sell.coupons.choose')}</option>
            {published(courses.data?.items).map((course) => (
              <option key={course.id} value={course.id}>
                {course.title}
              </option>
            ))}
          </SelectField>
        )}
        {values.scope === 'bundle' && (
          <SelectField
            name="target"
            label={t('sell.coupons.bundle')}
            value={values.target}
            error={errors.fields.target}
            onChange={set('target')}
          >
            <option value="">{t('sell.coupons.choose')}</option>
            {published(badges.data?.items).map((badge) => (
              <option key={badge.id} value={badge.id}>
                {badge.name}
              </option>
            ))}
          </SelectField>
        )}
        <div className={errors.fields.validUntil ? 'field field--invalid' : 'field'}>
          <label htmlFor={fieldId('validUntil')}>{t('sell.coupons.validUntilLabel')}</label>
          <p id={`${fieldId('validUntil')}-hint`} className="field__hint">
            {t('sell.coupons.validUntilHint')}
          </p>
          {errors.fields.validUntil && <p className="field__error">{errors.fields.validUntil}</p>}
          <input
            id={fieldId('validUntil')}
            name="validUntil"
            type="date"
            value={values.validUntil}
            aria-describedby={`${fieldId('validUntil')}-hint`}
            onChange={(event) => set('validUntil')(event.target.value)}
          />
        </div>
        <InputField
          name="maxRedemptions"
          label={t('sell.coupons.maxRedemptions')}
          hint={t('sell.coupons.maxRedemptionsHint')}
          inputMode="numeric"
          required={false}
          value={values.maxRedemptions}
          error={errors.fields.maxRedemptions}
          onChange={set('maxRedemptions')}
        />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t('form.submitting') : t('sell.coupons.create')}
        </button>
        <div aria-live="polite">
          {created && <Status tone="success">{t('sell.coupons.created', { code: created })}</Status>}
        </div>
      </form>
    </section>
  );
}
