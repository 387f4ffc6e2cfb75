// The issuer registries an organization is listed in (issue #20 item 5): a name and the https address of its
// entry in each (a DCC-style registry, an OpenID Federation's listing), shown on the public issuer page so that a
// verifier or a learner can check the listing. Saved as the whole list (`registryListings`, `[]` for none).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { InputField } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { useFormErrors } from '../../forms.ts';
import { type Organization, type RegistryListing, useUpdateOrganization } from '../../orgs.ts';

const MAX_LISTINGS = 10;

/** Field names of the list's rows, as the API reports them (`registryListings.<i>.name|url`). */
const fieldsOf = (count: number) =>
  Array.from({ length: count }, (_, i) => [`registryListings.${i}.name`, `registryListings.${i}.url`]).flat();

export function RegistryListings({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<RegistryListing[]>(org.registryListings);
  const [saved, setSaved] = useState(false);
  const update = useUpdateOrganization(org.id);
  const errors = useFormErrors(fieldsOf(MAX_LISTINGS));

  const change = (index: number, key: keyof RegistryListing) => (value: string) => {
    setSaved(false);
    setRows((list) => list.map((row, i) => (i === index ? { ...row, [key]: value } : row)));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    const listings = rows
      .map((row) => ({ name: row.name.trim(), url: row.url.trim() }))
      .filter((row) => row.name || row.url);
    update.mutate(
      { registryListings: listings },
      {
        onSuccess: (next) => {
          setRows(next.registryListings);
          setSaved(true);
        },
        onError: (error) => errors.setFromProblem(t, error),
      },
    );
  };

  return (
    <section aria-labelledby="registries-title">
      <h2 id="registries-title">{t('orgConsole.registries.title')}</h2>
      <p>{t('orgConsole.registries.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <ErrorSummary problems={errors.problems} />
        {rows.length === 0 && <p>{t('orgConsole.registries.none')}</p>}
        {rows.map((row, index) => (
          <fieldset key={`listing-${index.toString()}`} className="registry-listing">
            <legend>{t('orgConsole.registries.listing', { number: index + 1 })}</legend>
            <InputField
              name={`registryListings.${index}.name`}
              label={t('orgConsole.registries.name')}
              value={row.name}
              onChange={change(index, 'name')}
              error={errors.fields[`registryListings.${index}.name`]}
            />
            <InputField
              name={`registryListings.${index}.url`}
              type="url"
              label={t('orgConsole.registries.url')}
              hint={t('orgConsole.registries.urlHint')}
              value={row.url}
              onChange={change(index, 'url')}
              error={errors.fields[`registryListings.${index}.url`]}
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setSaved(false);
                setRows((list) => list.filter((_, i) => i !== index));
              }}
            >
              {t('orgConsole.registries.remove', { number: index + 1 })}
            </button>
          </fieldset>
        ))}
        <div className="actions">
          {rows.length < MAX_LISTINGS && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setRows((list) => [...list, { name: '', url: '' }])}
            >
              {t('orgConsole.registries.add')}
            </button>
          )}
          <button type="submit" className="button" disabled={update.isPending}>
            {update.isPending ? t('form.submitting') : t('orgConsole.registries.save')}
          </button>
        </div>
        <div aria-live="polite">
          {saved && <Status tone="success">{t('orgConsole.registries.saved')}</Status>}
        </div>
      </form>
    </section>
  );
}
