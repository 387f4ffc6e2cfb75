// Awards a published badge to one person by email; they receive the "Accept your badge" mail.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api.ts';
import { type Badge, badgeKeys, badgesApi } from '../../badges.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';
import { SelectField } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { checkEmail, onlyErrors, useFormErrors } from '../../forms.ts';

// The badge select is named apart from the filter form's badge select on the same page.
const FIELDS = ['awardBadgeId', 'email', 'name'] as const;

export function ManualAward({
  orgId,
  badges,
  badgeId,
}: {
  orgId: string;
  badges: Badge[];
  badgeId?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [values, setValues] = useState({ awardBadgeId: badgeId ?? '', email: '', name: '' });
  const [done, setDone] = useState<string | null>(null);
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const award = useMutation({
    mutationFn: () =>
      badgesApi.award(orgId, values.awardBadgeId, {
        email: values.email.trim(),
        ...(values.name.trim() ? { name: values.name.trim() } : {}),
      }),
    onSuccess: async () => {
      setDone(t('awards.manualDone', { email: values.email.trim() }));
      setValues((v) => ({ ...v, email: '', name: '' }));
      await queryClient.invalidateQueries({ queryKey: badgeKeys.allAwards(orgId) });
    },
    onError: (error) => {
      setDone(null);
      if (error instanceof ApiProblem && error.is('already-awarded'))
        errors.setFieldErrors({ email: t('awards.alreadyAwarded') });
      else errors.setFromProblem(t, error);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = onlyErrors({
      awardBadgeId: values.awardBadgeId ? undefined : t('awards.chooseBadge'),
      email: checkEmail(t, values.email),
    });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    award.mutate();
  };
  return (
    <section aria-labelledby="manual-award-title">
      <h2 id="manual-award-title">{t('awards.manualTitle')}</h2>
      <div aria-live="polite">{done && <Status tone="success">{done}</Status>}</div>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.problems} />
        <SelectField
          name="awardBadgeId"
          label={t('awards.badgeToAward')}
          value={values.awardBadgeId}
          onChange={set('awardBadgeId')}
          error={errors.fields.awardBadgeId}
        >
          <option value="">{t('awards.chooseBadgeOption')}</option>
          {badges.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </SelectField>
        <Field
          name="email"
          type="email"
          label={t('awards.recipientEmail')}
          value={values.email}
          onChange={set('email')}
          error={errors.fields.email}
        />
        <Field
          name="name"
          label={t('awards.recipientName')}
          required={false}
          value={values.name}
          onChange={set('name')}
          error={errors.fields.name}
        />
        <button type="submit" disabled={award.isPending}>
          {award.isPending ? t('form.submitting') : t('awards.manualSubmit')}
        </button>
      </form>
    </section>
  );
}
