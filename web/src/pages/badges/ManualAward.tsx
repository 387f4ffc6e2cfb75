// Awards a published badge to one person by email; they receive the "Accept your badge" mail. Optional: why
// it is awarded (Markdown narrative), up to ten pieces of evidence (a link with a name and a description each,
// EvidenceItems.tsx), a note on the evidence and the issue date (backdating up to ten years; a date ahead of the
// server's day is read as today), all carried in the credential.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api.ts';
import { type Badge, badgeKeys, badgesApi } from '../../badges.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';
import { InputField, SelectField, TextArea } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { checkEmail, onlyErrors, useFormErrors } from '../../forms.ts';
import {
  EvidenceItems,
  type EvidenceRow,
  evidenceErrors,
  evidenceFieldNames,
  evidenceOf,
} from './EvidenceItems.tsx';

// The badge select is named apart from the filter form's badge select on the same page.
const FIELDS = ['awardBadgeId', 'email', 'name', 'narrative', 'evidenceNarrative', 'issuedOn'] as const;
const MAX_TEXT = 5000;
const BACKDATE_YEARS = 10;

const today = () => new Date().toISOString().slice(0, 10);
function earliestDay(): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - BACKDATE_YEARS);
  return d.toISOString().slice(0, 10);
}
const EMPTY = { email: '', name: '', narrative: '', evidenceNarrative: '', issuedOn: '' };

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
  const [values, setValues] = useState({ awardBadgeId: badgeId ?? '', ...EMPTY });
  const [evidence, setEvidence] = useState<EvidenceRow[]>([]);
  const errors = useFormErrors([...FIELDS.slice(0, 4), ...evidenceFieldNames(evidence), ...FIELDS.slice(4)]);
  const [done, setDone] = useState<string | null>(null);
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const award = useMutation({
    mutationFn: () =>
      badgesApi.award(orgId, values.awardBadgeId, {
        email: values.email.trim(),
        ...(values.name.trim() ? { name: values.name.trim() } : {}),
        ...(values.narrative.trim() ? { narrative: values.narrative.trim() } : {}),
        ...(evidence.length > 0 ? { evidence: evidenceOf(evidence) } : {}),
        ...(values.evidenceNarrative.trim() ? { evidenceNarrative: values.evidenceNarrative.trim() } : {}),
        ...(values.issuedOn ? { issuedOn: values.issuedOn } : {}),
      }),
    onSuccess: async () => {
      setDone(t('awards.manualDone', { email: values.email.trim() }));
      setValues((v) => ({ ...v, ...EMPTY }));
      setEvidence([]);
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
      narrative: values.narrative.length > MAX_TEXT ? t('issuerConsole.manual.tooLong') : undefined,
      evidenceNarrative:
        values.evidenceNarrative.length > MAX_TEXT ? t('issuerConsole.manual.tooLong') : undefined,
      ...evidenceErrors(t, evidence),
      issuedOn:
        values.issuedOn && values.issuedOn > today()
          ? t('issuerConsole.manual.issuedOnFuture')
          : values.issuedOn && values.issuedOn < earliestDay()
            ? t('issuerConsole.manual.issuedOnTooOld')
            : undefined,
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
        <TextArea
          name="narrative"
          label={t('issuerConsole.manual.narrative')}
          hint={t('issuerConsole.manual.narrativeHint')}
          required={false}
          rows={4}
          value={values.narrative}
          onChange={set('narrative')}
          error={errors.fields.narrative}
        />
        <EvidenceItems rows={evidence} onChange={setEvidence} errors={errors.fields} />
        <TextArea
          name="evidenceNarrative"
          label={t('issuerConsole.manual.evidenceNote')}
          hint={t('issuerConsole.manual.evidenceNoteHint')}
          required={false}
          rows={3}
          value={values.evidenceNarrative}
          onChange={set('evidenceNarrative')}
          error={errors.fields.evidenceNarrative}
        />
        <InputField
          name="issuedOn"
          type="date"
          label={t('issuerConsole.manual.issuedOn')}
          hint={t('issuerConsole.manual.issuedOnHint')}
          required={false}
          value={values.issuedOn}
          onChange={set('issuedOn')}
          error={errors.fields.issuedOn}
        />
        <button type="submit" disabled={award.isPending}>
          {award.isPending ? t('form.submitting') : t('awards.manualSubmit')}
        </button>
      </form>
    </section>
  );
}
