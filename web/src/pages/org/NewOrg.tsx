// Create an organization (/orgs/new): name, address (slug) and kind. The creator becomes its owner and it
// becomes the active organization, so the next page is its dashboard.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiProblem } from '../../api.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { InputField, SelectField } from '../../components/Inputs.tsx';
import { Page } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { checkRequired, onlyErrors, useFormErrors } from '../../forms.ts';
import { useCreateOrganization } from '../../orgs.ts';
import type { OrgKind } from '../../session.ts';

const FIELDS = ['name', 'slug', 'kind'] as const;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/;

/** A first suggestion for the address from the name: lower case, accents dropped, dashes between words. */
export function slugFrom(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

export function NewOrgPage() {
  return <RequireSession>{() => <NewOrgForm />}</RequireSession>;
}

function NewOrgForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateOrganization();
  const errors = useFormErrors(FIELDS);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const [kind, setKind] = useState<OrgKind>('issuer');

  const onName = (value: string) => {
    setName(value);
    if (!slugTouched) setSlug(slugFrom(value));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = onlyErrors({
      name: checkRequired(t, name, t('orgConsole.newOrg.name')),
      slug: SLUG.test(slug) ? undefined : t('orgConsole.newOrg.slugHint'),
    });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    create.mutate(
      { name: name.trim(), slug, kind },
      {
        onSuccess: () => navigate(kind === 'employer' ? '/employ' : '/issue'),
        onError: (error) =>
          error instanceof ApiProblem && error.is('slug-taken')
            ? errors.setFieldErrors({ slug: t('orgConsole.newOrg.slugTaken') })
            : errors.setFromProblem(t, error),
      },
    );
  };

  return (
    <Page title={t('orgConsole.newOrg.title')} narrow>
      <p>{t('orgConsole.newOrg.intro')}</p>
      <ErrorSummary problems={errors.problems} />
      <form noValidate onSubmit={onSubmit}>
        <InputField
          name="name"
          label={t('orgConsole.newOrg.name')}
          autoComplete="organization"
          value={name}
          onChange={onName}
          error={errors.fields.name}
        />
        <InputField
          name="slug"
          label={t('orgConsole.newOrg.slug')}
          hint={t('orgConsole.newOrg.slugHint')}
          autoComplete="off"
          value={slug}
          onChange={(value) => {
            setSlugTouched(true);
            setSlug(value.trim().toLowerCase());
          }}
          error={errors.fields.slug}
        />
        <SelectField
          name="kind"
          label={t('orgConsole.newOrg.kind')}
          hint={t('orgConsole.newOrg.kindHint')}
          value={kind}
          onChange={(value) => setKind(value as OrgKind)}
          error={errors.fields.kind}
        >
          <option value="issuer">{t('orgConsole.kinds.issuer')}</option>
          <option value="employer">{t('orgConsole.kinds.employer')}</option>
        </SelectField>
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t('form.submitting') : t('orgConsole.newOrg.submit')}
        </button>
      </form>
    </Page>
  );
}
