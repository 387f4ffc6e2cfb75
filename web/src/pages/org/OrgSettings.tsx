// The active organization's settings (/org/settings): name, description, website, branding (logo, brand
// colour with a live preview and its contrast with white text, checked as the server checks it) and the
// contact shown to learners. Owners and administrators only; the logo is saved on upload.
import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { InputField, TextArea } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { describeProblem, useFormErrors } from '../../forms.ts';
import {
  COLOR_PATTERN,
  contrastWithWhite,
  MIN_CONTRAST,
  type Organization,
  useLogo,
  useOrganization,
  useUpdateOrganization,
} from '../../orgs.ts';
import { activeMembership } from '../../session.ts';
import { RegistryListings } from './RegistryListings.tsx';

const FIELDS = ['name', 'description', 'websiteUrl', 'brandColor', 'contactEmail', 'contactUrl'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

export function OrgSettingsPage() {
  const { t } = useTranslation();
  return (
    <RequireSession>
      {(session) => {
        const membership = activeMembership(session);
        if (!membership) return <NoActiveOrg />;
        if (membership.role !== 'owner' && membership.role !== 'admin') {
          return (
            <Page title={t('orgConsole.settings.title')} narrow>
              <p>{t('orgConsole.settings.onlyManagers')}</p>
            </Page>
          );
        }
        return <Settings orgId={membership.org.id} />;
      }}
    </RequireSession>
  );
}

export function NoActiveOrg() {
  const { t } = useTranslation();
  return (
    <Page title={t('orgConsole.settings.title')} narrow>
      <p>{t('orgConsole.noActiveOrg')}</p>
      <p>
        <Link to="/orgs/new">{t('orgConsole.toNewOrg')}</Link>
      </p>
    </Page>
  );
}

function Settings({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const org = useOrganization(orgId);
  if (org.isPending) return <Skeleton fields={4} />;
  if (org.isError) return <Status tone="error">{describeProblem(t, org.error)}</Status>;
  return (
    <>
      <SettingsForm key={org.data.id} org={org.data} />
      {org.data.kind === 'issuer' && <RegistryListings key={`registries-${org.data.id}`} org={org.data} />}
    </>
  );
}

const valuesOf = (org: Organization): Values => ({
  name: org.name,
  description: org.description ?? '',
  websiteUrl: org.websiteUrl ?? '',
  brandColor: org.brandColor ?? '',
  contactEmail: org.contactEmail ?? '',
  contactUrl: org.contactUrl ?? '',
});

function SettingsForm({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const update = useUpdateOrganization(org.id);
  const errors = useFormErrors(FIELDS);
  const [values, setValues] = useState<Values>(() => valuesOf(org));
  const set = (field: keyof Values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const color = values.brandColor.trim();
  const colorValid = COLOR_PATTERN.test(color);
  const ratio = colorValid ? contrastWithWhite(color) : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (color && (!colorValid || (ratio ?? 0) < MIN_CONTRAST)) {
      return errors.setFieldErrors({ brandColor: contrastMessage(t, color, ratio) });
    }
    errors.clear();
    const orNull = (value: string) => value.trim() || null;
    update.mutate(
      {
        name: values.name.trim(),
        description: orNull(values.description),
        websiteUrl: orNull(values.websiteUrl),
        brandColor: orNull(color),
        contactEmail: orNull(values.contactEmail),
        contactUrl: orNull(values.contactUrl),
      },
      { onError: (error) => errors.setFromProblem(t, error) },
    );
  };

  return (
    <Page title={t('orgConsole.settings.title')} narrow>
      <ErrorSummary problems={errors.problems} />
      <LogoSection org={org} />
      <form noValidate onSubmit={onSubmit}>
        <h2>{t('orgConsole.settings.details')}</h2>
        <InputField
          name="name"
          label={t('orgConsole.settings.name')}
          value={values.name}
          onChange={set('name')}
          error={errors.fields.name}
        />
        <TextArea
          name="description"
          label={t('orgConsole.settings.description')}
          hint={t('orgConsole.settings.descriptionHint')}
          rows={3}
          required={false}
          value={values.description}
          onChange={set('description')}
          error={errors.fields.description}
        />
        <InputField
          name="websiteUrl"
          type="url"
          required={false}
          label={t('orgConsole.settings.website')}
          value={values.websiteUrl}
          onChange={set('websiteUrl')}
          error={errors.fields.websiteUrl}
        />
        <h2>{t('orgConsole.settings.branding')}</h2>
        <InputField
          name="brandColor"
          label={t('orgConsole.settings.brandColor')}
          hint={t('orgConsole.settings.brandColorHint')}
          required={false}
          autoComplete="off"
          value={values.brandColor}
          onChange={set('brandColor')}
          error={errors.fields.brandColor}
        />
        {color && (
          <p
            className={ratio !== null && ratio >= MIN_CONTRAST ? 'status status--success' : 'field__error'}
            aria-live="polite"
          >
            {contrastMessage(t, color, ratio)}
          </p>
        )}
        <Preview org={org} values={values} color={colorValid ? color : null} />
        <h2>{t('orgConsole.settings.contact')}</h2>
        <InputField
          name="contactEmail"
          type="email"
          required={false}
          autoComplete="email"
          label={t('orgConsole.settings.contactEmail')}
          value={values.contactEmail}
          onChange={set('contactEmail')}
          error={errors.fields.contactEmail}
        />
        <InputField
          name="contactUrl"
          type="url"
          required={false}
          label={t('orgConsole.settings.contactUrl')}
          value={values.contactUrl}
          onChange={set('contactUrl')}
          error={errors.fields.contactUrl}
        />
        <div aria-live="polite">
          {update.isSuccess && <Status tone="success">{t('orgConsole.settings.saved')}</Status>}
        </div>
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? t('form.submitting') : t('orgConsole.settings.save')}
        </button>
      </form>
    </Page>
  );
}

function contrastMessage(
  t: ReturnType<typeof useTranslation>['t'],
  color: string,
  ratio: number | null,
): string {
  if (!COLOR_PATTERN.test(color) || ratio === null) return t('orgConsole.settings.colorMalformed');
  const vars = { ratio: ratio.toFixed(2), min: MIN_CONTRAST };
  return ratio >= MIN_CONTRAST
    ? t('orgConsole.settings.contrastOk', vars)
    : t('orgConsole.settings.contrastLow', vars);
}

/** How learners will see the organization: logo, name, a button in the brand colour, the contact. */
function Preview({ org, values, color }: { org: Organization; values: Values; color: string | null }) {
  const { t } = useTranslation();
  const brand = color ?? '#1d4ed8';
  return (
    <section
      className="org-preview"
      aria-labelledby="org-preview-title"
      style={{ border: `2px solid ${brand}`, borderRadius: 8, padding: '1rem', marginBottom: '1rem' }}
    >
      <h3 id="org-preview-title">{t('orgConsole.settings.preview')}</h3>
      <p className="field__hint">{t('orgConsole.settings.previewText')}</p>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.75rem' }}>
        {org.logoUrl && (
          <img
            src={org.logoUrl}
            alt={t('orgConsole.settings.logoAlt', { name: values.name })}
            style={{ maxHeight: 48, maxWidth: '100%' }}
          />
        )}
        <strong>{values.name}</strong>
      </div>
      {values.description.trim() && <p>{values.description}</p>}
      <p>
        <span
          data-testid="brand-button"
          style={{
            display: 'inline-block',
            background: brand,
            color: '#fff',
            borderRadius: 6,
            padding: '0.5rem 1rem',
          }}
        >
          {t('orgConsole.settings.previewButton')}
        </span>
      </p>
      {(values.contactEmail.trim() || values.contactUrl.trim()) && (
        <p style={{ overflowWrap: 'anywhere' }}>
          {[values.contactEmail.trim(), values.contactUrl.trim()].filter(Boolean).join(' · ')}
        </p>
      )}
    </section>
  );
}

function LogoSection({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const id = useId();
  const logo = useLogo(org.id);
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  // Both mutations put the saved organization in the query cache, so `org` is always current.
  const current = org;

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setStatus(null);
    logo.upload.mutate(file, {
      onSuccess: () => setStatus({ tone: 'success', text: t('orgConsole.settings.logoSaved') }),
      onError: (error) => setStatus({ tone: 'error', text: describeProblem(t, error) }),
      onSettled: () => {
        event.target.value = '';
      },
    });
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('orgConsole.settings.logo')}</h2>
      {current.logoUrl ? (
        <img
          src={current.logoUrl}
          alt={t('orgConsole.settings.logoAlt', { name: current.name })}
          style={{ maxHeight: 96, maxWidth: '100%' }}
        />
      ) : (
        <p>{t('orgConsole.settings.logoNone')}</p>
      )}
      <div className="field">
        <label htmlFor={id}>{t('orgConsole.settings.logoFile')}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {t('orgConsole.settings.logoHint')}
        </p>
        <input
          id={id}
          type="file"
          accept="image/png,image/jpeg,image/svg+xml"
          aria-describedby={`${id}-hint`}
          onChange={onFile}
        />
      </div>
      {current.logoUrl && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={logo.remove.isPending}
            onClick={() => logo.remove.mutate()}
          >
            {t('orgConsole.settings.removeLogo')}
          </button>
        </p>
      )}
      <div aria-live="polite">
        {logo.upload.isPending && <p className="status">{t('orgConsole.settings.uploading')}</p>}
        {status && (
          <p className={status.tone === 'error' ? 'field__error' : 'status status--success'}>{status.text}</p>
        )}
      </div>
    </section>
  );
}
