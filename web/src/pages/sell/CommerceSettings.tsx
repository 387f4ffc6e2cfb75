// The issuer's sales settings (/issue/sales/settings): tax rate and its name on receipts, the default
// bundle discount, the seller's details printed on receipts, the fee for a learner's first badge, and
// whether learners pay by test card (test mode: no money moves).
// Percentages and amounts are typed as decimals and read with string arithmetic (money.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CommerceSettings, commerceKeys, sellApi } from '../../commerce.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { CheckboxField, InputField, TextArea } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { checkRequired, describeProblem, onlyErrors, useFormErrors } from '../../forms.ts';
import { decimalText, parseAmount, parsePercent, percentText } from '../../money.ts';
import { RequireAuthor } from '../issue/Courses.tsx';
import { amountProblem } from './amount-problem.ts';
import { SalesNav } from './SalesNav.tsx';
import '../shop/shop.css';

export function CommerceSettingsPage() {
  return <RequireAuthor>{(orgId) => <Settings orgId={orgId} />}</RequireAuthor>;
}

function Settings({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: commerceKeys.settings(orgId),
    queryFn: () => sellApi.settings(orgId),
  });
  return (
    <Page title={t('sell.settings.title')}>
      <SalesNav />
      {settings.isPending && <Skeleton fields={4} />}
      {settings.isError && <Status tone="error">{describeProblem(t, settings.error)}</Status>}
      {settings.data && <SettingsForm orgId={orgId} saved={settings.data} />}
    </Page>
  );
}

const FIELDS = [
  'taxRate',
  'taxLabel',
  'bundleDiscount',
  'sellerDetails',
  'feeAmount',
  'feeCurrency',
] as const;
type Values = Record<(typeof FIELDS)[number], string>;

function valuesOf(saved: CommerceSettings): Values {
  return {
    taxRate: percentText(saved.taxRateBp),
    taxLabel: saved.taxLabel,
    bundleDiscount: percentText(saved.bundleDiscountBp),
    sellerDetails: saved.sellerDetails,
    feeAmount: saved.issuanceFee
      ? decimalText(saved.issuanceFee.amountMinor, saved.issuanceFee.currency)
      : '',
    feeCurrency: saved.issuanceFee?.currency ?? 'EUR',
  };
}

/** The API's field names → this form's, so the API's field problems land on the right inputs. */
const API_FIELDS: Record<string, (typeof FIELDS)[number]> = {
  taxRateBp: 'taxRate',
  taxLabel: 'taxLabel',
  bundleDiscountBp: 'bundleDiscount',
  sellerDetails: 'sellerDetails',
  'issuanceFee.amountMinor': 'feeAmount',
  'issuanceFee.currency': 'feeCurrency',
};

function SettingsForm({ orgId, saved }: { orgId: string; saved: CommerceSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [values, setValues] = useState<Values>(() => valuesOf(saved));
  const [testCards, setTestCards] = useState(saved.testCardPayments);
  const [done, setDone] = useState(false);
  const set = (field: keyof Values) => (value: string) => {
    setDone(false);
    setValues((v) => ({ ...v, [field]: value }));
  };
  const save = useMutation({
    mutationFn: (input: CommerceSettings) => sellApi.saveSettings(orgId, input),
    onSuccess: (next) => {
      queryClient.setQueryData(commerceKeys.settings(orgId), next);
      setDone(true);
    },
    onError: (error) => errors.setFromProblem(t, renamed(error)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const taxRateBp = parsePercent(values.taxRate);
    const bundleDiscountBp = parsePercent(values.bundleDiscount);
    const currency = values.feeCurrency.trim().toUpperCase();
    const fee = values.feeAmount.trim() ? parseAmount(values.feeAmount, currency) : null;
    const found = onlyErrors({
      taxRate: taxRateBp === null ? t('sell.settings.percentInvalid') : undefined,
      taxLabel: checkRequired(t, values.taxLabel, t('sell.settings.taxLabel')),
      bundleDiscount: bundleDiscountBp === null ? t('sell.settings.percentInvalid') : undefined,
      feeAmount: fee && !fee.ok ? amountProblem(t, fee.problem, currency) : undefined,
      feeCurrency: fee && !/^[A-Z]{3}$/.test(currency) ? t('sell.currencyInvalid') : undefined,
    });
    if (Object.keys(found).length > 0 || taxRateBp === null || bundleDiscountBp === null)
      return errors.setFieldErrors(found);
    errors.clear();
    save.mutate({
      taxRateBp,
      taxLabel: values.taxLabel.trim(),
      bundleDiscountBp,
      sellerDetails: values.sellerDetails.trim(),
      issuanceFee: fee?.ok && fee.minor > 0 ? { amountMinor: fee.minor, currency } : null,
      testCardPayments: testCards,
    });
  };
  return (
    <form noValidate onSubmit={onSubmit} className="settings-form">
      <ErrorSummary problems={errors.problems} />
      <fieldset>
        <legend>{t('sell.settings.taxLegend')}</legend>
        <InputField
          name="taxRate"
          label={t('sell.settings.taxRate')}
          hint={t('sell.settings.taxRateHint')}
          inputMode="decimal"
          value={values.taxRate}
          error={errors.fields.taxRate}
          onChange={set('taxRate')}
        />
        <InputField
          name="taxLabel"
          label={t('sell.settings.taxLabel')}
          hint={t('sell.settings.taxLabelHint')}
          value={values.taxLabel}
          error={errors.fields.taxLabel}
          onChange={set('taxLabel')}
        />
      </fieldset>
      <InputField
        name="bundleDiscount"
        label={t('sell.settings.bundleDiscount')}
        hint={t('sell.settings.bundleDiscountHint')}
        inputMode="decimal"
        value={values.bundleDiscount}
        error={errors.fields.bundleDiscount}
        onChange={set('bundleDiscount')}
      />
      <TextArea
        name="sellerDetails"
        label={t('sell.settings.sellerDetails')}
        hint={t('sell.settings.sellerDetailsHint')}
        rows={4}
        required={false}
        value={values.sellerDetails}
        error={errors.fields.sellerDetails}
        onChange={set('sellerDetails')}
      />
      <fieldset>
        <legend>{t('sell.settings.feeLegend')}</legend>
        <p className="field__hint">{t('sell.settings.feeIntro')}</p>
        <InputField
          name="feeAmount"
          label={t('sell.settings.feeAmount')}
          hint={t('sell.settings.feeAmountHint')}
          inputMode="decimal"
          required={false}
          value={values.feeAmount}
          error={errors.fields.feeAmount}
          onChange={set('feeAmount')}
        />
        <InputField
          name="feeCurrency"
          label={t('sell.currency')}
          hint={t('sell.currencyHint')}
          value={values.feeCurrency}
          error={errors.fields.feeCurrency}
          onChange={set('feeCurrency')}
        />
      </fieldset>
      <fieldset>
        <legend>{t('sell.settings.testCardLegend')}</legend>
        <CheckboxField
          name="testCardPayments"
          label={t('sell.settings.testCardPayments')}
          hint={t('sell.settings.testCardHint')}
          checked={testCards}
          onChange={(checked) => {
            setDone(false);
            setTestCards(checked);
          }}
        />
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? t('form.submitting') : t('sell.settings.save')}
      </button>
      <div aria-live="polite">{done && <Status tone="success">{t('sell.settings.saved')}</Status>}</div>
    </form>
  );
}

/** A problem whose field paths use the API's names, renamed to this form's fields. */
function renamed(error: unknown): unknown {
  if (!(error instanceof Error) || !('errors' in error) || !Array.isArray(error.errors)) return error;
  for (const problem of error.errors as Array<{ path: string }>) {
    const field = problem.path.replace(/^body\./, '');
    const mapped = API_FIELDS[field];
    if (mapped) problem.path = mapped;
  }
  return error;
}
