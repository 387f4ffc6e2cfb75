// Registering an LMS as an LTI 1.3 platform: what the LMS showed when the tool was added to it (its issuer, the
// client id and deployment ids it gave the tool, and its authorization, token and keyset URLs). Checked here
// first (all required, URLs that are https), then by the server, whose field problems show under the fields.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { InputField, TextArea } from '../../components/Inputs.tsx';
import { checkRequired, useFormErrors } from '../../forms.ts';
import {
  type LtiPlatform,
  type LtiPlatformInput,
  ltiApi,
  parseDeploymentIds,
  useLtiChange,
} from '../../lti.ts';

const FIELDS = ['name', 'issuer', 'clientId', 'deploymentIds', 'authUrl', 'tokenUrl', 'jwksUrl'] as const;
type Field = (typeof FIELDS)[number];
const URL_FIELDS = ['issuer', 'authUrl', 'tokenUrl', 'jwksUrl'] as const;
const HTTP_URL = /^https?:\/\/[^\s/]+\S*$/i;

const EMPTY: Record<Field, string> = {
  name: '',
  issuer: '',
  clientId: '',
  deploymentIds: '',
  authUrl: '',
  tokenUrl: '',
  jwksUrl: '',
};

export function NewLtiPlatform({
  orgId,
  onRegistered,
}: {
  orgId: string;
  onRegistered: (platform: LtiPlatform) => void;
}) {
  const { t } = useTranslation();
  const register = useLtiChange(orgId, (body: LtiPlatformInput) => ltiApi.register(orgId, body));
  const errors = useFormErrors(FIELDS);
  const [values, setValues] = useState(EMPTY);
  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const field of FIELDS) {
      if (field === 'name') continue;
      const missing = checkRequired(t, values[field], t(`lti.field.${field}`));
      if (missing) found[field] = missing;
    }
    for (const field of URL_FIELDS) {
      if (!found[field] && !HTTP_URL.test(values[field].trim())) found[field] = t('lti.urlInvalid');
    }
    const deploymentIds = parseDeploymentIds(values.deploymentIds);
    if (!found.deploymentIds && deploymentIds.length === 0)
      found.deploymentIds = checkRequired(t, '', t('lti.field.deploymentIds')) ?? '';
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    const name = values.name.trim();
    register.mutate(
      {
        ...(name ? { name } : {}),
        issuer: values.issuer.trim(),
        clientId: values.clientId.trim(),
        deploymentIds,
        authUrl: values.authUrl.trim(),
        tokenUrl: values.tokenUrl.trim(),
        jwksUrl: values.jwksUrl.trim(),
      },
      {
        onSuccess: (platform) => {
          setValues(EMPTY);
          onRegistered(platform);
        },
        onError: (error) => {
          if (error instanceof ApiProblem && error.code === 'lti-platform-exists')
            return errors.setFieldErrors({ clientId: t('lti.exists') });
          errors.setFromProblem(t, error);
        },
      },
    );
  };

  const input = (
    field: Exclude<Field, 'deploymentIds'>,
    options: { url?: boolean; optional?: boolean } = {},
  ) => (
    <InputField
      name={field}
      type={options.url ? 'url' : 'text'}
      label={t(`lti.field.${field}`)}
      hint={t(`lti.hint.${field}`)}
      required={!options.optional}
      value={values[field]}
      onChange={set(field)}
      error={errors.fields[field]}
    />
  );

  return (
    <section aria-labelledby="new-platform-title">
      <h2 id="new-platform-title">{t('lti.newTitle')}</h2>
      <p>{t('lti.newIntro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.problems} />
        {input('name', { optional: true })}
        {input('issuer', { url: true })}
        {input('clientId')}
        <TextArea
          name="deploymentIds"
          label={t('lti.field.deploymentIds')}
          hint={t('lti.hint.deploymentIds')}
          rows={3}
          value={values.deploymentIds}
          onChange={set('deploymentIds')}
          error={errors.fields.deploymentIds}
        />
        {input('authUrl', { url: true })}
        {input('tokenUrl', { url: true })}
        {input('jwksUrl', { url: true })}
        <div className="actions">
          <button type="submit" disabled={register.isPending}>
            {register.isPending ? t('form.submitting') : t('lti.register')}
          </button>
        </div>
      </form>
    </section>
  );
}
