// The issuer's badge bundles (/issue/sales/bundles): every published badge needing two or more priced
// courses is on sale at the sum of its courses minus the default discount; here an issuer sets a price or
// a discount of its own (the card shows the discount a set price really gives), or takes it off sale.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commerceKeys, describeCommerceProblem, type IssuerBundle, sellApi } from '../../commerce.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { CheckboxField, InputField } from '../../components/Inputs.tsx';
import { useMoney } from '../../components/Money.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { describeProblem, onlyErrors, useFormErrors } from '../../forms.ts';
import { decimalText, parseAmount, parsePercent, percentText } from '../../money.ts';
import { RequireAuthor } from '../issue/Courses.tsx';
import { amountProblem } from './amount-problem.ts';
import { bundleDiscountBp } from './bundle-discount.ts';
import { SalesNav } from './SalesNav.tsx';
import '../shop/shop.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function SalesBundlesPage() {
  return <RequireAuthor>{(orgId) => <Bundles orgId={orgId} />}</RequireAuthor>;
}

function Bundles({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const bundles = useQuery({ queryKey: commerceKeys.bundles(orgId), queryFn: () => sellApi.bundles(orgId) });
  const items = bundles.data?.bundles ?? [];
  return (
    <Page title={t('sell.bundles.title')}>
      <SalesNav />
      <p className="lead">{t('sell.bundles.intro')}</p>
      {bundles.isPending && <Skeleton rows={3} />}
      {bundles.isError && <Status tone="error">{describeProblem(t, bundles.error)}</Status>}
      {bundles.data && items.length === 0 && <p>{t('sell.bundles.none')}</p>}
      {items.map((bundle) =>
        bundle.sellable && bundle.currency ? (
          <BundleEditor key={bundle.badgeId} orgId={orgId} bundle={bundle} currency={bundle.currency} />
        ) : (
          <Unsellable key={bundle.badgeId} bundle={bundle} />
        ),
      )}
    </Page>
  );
}

/** A badge that cannot be sold as a bundle, and why (no priced course, or courses in two currencies). */
function Unsellable({ bundle }: { bundle: IssuerBundle }) {
  const { t } = useTranslation();
  const headingId = `bundle-${bundle.badgeId}-title`;
  return (
    <section className="card bundle-editor" aria-labelledby={headingId}>
      <h2 id={headingId}>{bundle.name}</h2>
      <p>{bundle.problem ? t(`sell.bundles.problem.${bundle.problem}`) : (bundle.detail ?? '')}</p>
    </section>
  );
}

function BundleEditor({
  orgId,
  bundle,
  currency,
}: {
  orgId: string;
  bundle: IssuerBundle;
  currency: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const money = useMoney(currency);
  const key = bundle.badgeId;
  const fields = [`price-${key}`, `discount-${key}`] as const;
  const errors = useFormErrors(fields);
  const [price, setPrice] = useState(
    bundle.override?.priceMinor != null ? decimalText(bundle.override.priceMinor, currency) : '',
  );
  const [discount, setDiscount] = useState(
    bundle.override?.discountBp != null ? percentText(bundle.override.discountBp) : '',
  );
  const [onSale, setOnSale] = useState(bundle.onSale);
  const [done, setDone] = useState(false);
  const save = useMutation({
    mutationFn: (input: { priceMinor: number | null; discountBp: number | null; onSale: boolean }) =>
      sellApi.saveBundle(orgId, bundle.badgeId, input),
    onSuccess: async () => {
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: commerceKeys.bundles(orgId) });
    },
    onError: (error) => errors.setGeneral(describeCommerceProblem(t, error)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const parsedPrice = price.trim() ? parseAmount(price, currency) : null;
    const discountBp = discount.trim() ? parsePercent(discount) : null;
    const found = onlyErrors({
      [fields[0]]:
        parsedPrice && !parsedPrice.ok ? amountProblem(t, parsedPrice.problem, currency) : undefined,
      [fields[1]]: discount.trim() && discountBp === null ? t('sell.settings.percentInvalid') : undefined,
    });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    save.mutate({ priceMinor: parsedPrice?.ok ? parsedPrice.minor : null, discountBp, onSale });
  };
  const headingId = `bundle-${key}-title`;
  return (
    <section className="card bundle-editor" aria-labelledby={headingId}>
      <h2 id={headingId}>{bundle.name}</h2>
      <ul className="bundle-courses">
        {(bundle.courses ?? []).map((course) => (
          <li key={course.courseId}>
            {course.title}: {course.listMinor > 0 ? money(course.listMinor) : t('catalog.free')}
          </li>
        ))}
      </ul>
      <dl className="facts">
        <dt>{t('storefront.separately')}</dt>
        <dd>{money(bundle.listSumMinor ?? 0)}</dd>
        <dt>{t('storefront.bundlePrice')}</dt>
        <dd>
          {t('sell.bundles.priceWithDiscount', {
            price: money(bundle.priceMinor ?? 0),
            percent: percentText(bundleDiscountBp(bundle)),
          })}
        </dd>
        <dt>{t('sell.bundles.state')}</dt>
        <dd>{bundle.onSale ? t('sell.bundles.onSale') : t('sell.bundles.offSale')}</dd>
      </dl>
      <form noValidate onSubmit={onSubmit} aria-label={t('sell.bundles.formLabel', { name: bundle.name })}>
        <ErrorSummary problems={errors.problems} />
        <InputField
          name={fields[0]}
          label={t('sell.bundles.price', { currency })}
          hint={t('sell.bundles.priceHint')}
          inputMode="decimal"
          required={false}
          value={price}
          error={errors.fields[fields[0]]}
          onChange={setPrice}
        />
        <InputField
          name={fields[1]}
          label={t('sell.bundles.discount')}
          hint={t('sell.bundles.discountHint')}
          inputMode="decimal"
          required={false}
          value={discount}
          error={errors.fields[fields[1]]}
          onChange={setDiscount}
        />
        <CheckboxField
          name={`onSale-${key}`}
          label={t('sell.bundles.onSaleLabel')}
          checked={onSale}
          onChange={setOnSale}
        />
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t('form.submitting') : t('sell.bundles.save')}
        </button>
        <div aria-live="polite">{done && <Status tone="success">{t('sell.bundles.saved')}</Status>}</div>
      </form>
    </section>
  );
}
