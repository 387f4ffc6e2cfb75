// A new OAuth app of the organization: its name, home page, redirect URIs (one per line) and the OB 3.0 scopes it
// may ask for. The reply carries the app's client ID and client secret, shown here with Copy buttons; the secret
// this once (OneTimeSecret, as a webhook's), gone after "I have saved it" or on leaving the page.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { CheckboxField, InputField, TextArea } from '../../components/Inputs.tsx';
import { checkRequired, useFormErrors } from '../../forms.ts';
import {
  OAUTH_APP_SCOPES,
  type OAuthAppScope,
  type OAuthAppWithSecret,
  oauthAppsApi,
  REDIRECT_URIS_MAX,
  redirectUriAccepted,
  redirectUrisOf,
  scopeKey,
  scopeName,
  useOAuthAppChange,
} from '../../oauth-apps.ts';
import { CopyField } from '../learn/ShareCopy.tsx';
import { OneTimeSecret } from './WebhookForm.tsx';
import '../learn/Share.css';

const FIELDS = ['name', 'homePageUrl', 'redirectUris', 'scopes'] as const;

export function NewOAuthApp({ orgId, onRegistered }: { orgId: string; onRegistered: () => void }) {
  const { t } = useTranslation();
  const register = useOAuthAppChange(orgId, (body: Parameters<typeof oauthAppsApi.register>[1]) =>
    oauthAppsApi.register(orgId, body),
  );
  const errors = useFormErrors(FIELDS);
  const [name, setName] = useState('');
  const [homePageUrl, setHomePageUrl] = useState('');
  const [redirects, setRedirects] = useState('');
  const [scopes, setScopes] = useState<OAuthAppScope[]>([OAUTH_APP_SCOPES[0] as OAuthAppScope]);
  const [made, setMade] = useState<OAuthAppWithSecret | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const redirectUris = redirectUrisOf(redirects);
    const found: Record<string, string> = {};
    const noName = checkRequired(t, name, t('orgConsole.oauthApps.name'));
    if (noName) found.name = noName;
    const noHome = checkRequired(t, homePageUrl, t('orgConsole.oauthApps.homePageUrl'));
    if (noHome) found.homePageUrl = noHome;
    else if (!/^https:\/\/\S+$/i.test(homePageUrl.trim()))
      found.homePageUrl = t('orgConsole.oauthApps.httpsOnly');
    const refused = redirectUris.findIndex((uri) => !redirectUriAccepted(uri));
    if (redirectUris.length === 0)
      found.redirectUris = checkRequired(t, '', t('orgConsole.oauthApps.redirectUris')) ?? '';
    else if (refused >= 0)
      found.redirectUris = t('orgConsole.oauthApps.redirectUriInvalid', { number: refused + 1 });
    else if (redirectUris.length > REDIRECT_URIS_MAX)
      found.redirectUris = t('orgConsole.oauthApps.tooManyRedirects');
    if (scopes.length === 0) found.scopes = t('orgConsole.oauthApps.pickScope');
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    register.mutate(
      { name: name.trim(), homePageUrl: homePageUrl.trim(), redirectUris, scopes },
      {
        onSuccess: (app) => {
          setMade(app);
          setName('');
          setHomePageUrl('');
          setRedirects('');
          onRegistered();
        },
        onError: (error) => errors.setFromProblem(t, error),
      },
    );
  };
  const toggle = (scope: OAuthAppScope, on: boolean) =>
    setScopes((current) =>
      on
        ? OAUTH_APP_SCOPES.filter((s) => s === scope || current.includes(s))
        : current.filter((s) => s !== scope),
    );

  return (
    <section aria-labelledby="new-oauth-app-title">
      <h2 id="new-oauth-app-title">{t('orgConsole.oauthApps.newTitle')}</h2>
      {made && (
        <AppSecret
          app={made}
          status={t('orgConsole.oauthApps.created', { name: made.name })}
          onDone={() => setMade(null)}
        />
      )}
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.problems} />
        <InputField
          name="name"
          label={t('orgConsole.oauthApps.name')}
          hint={t('orgConsole.oauthApps.nameHint')}
          value={name}
          onChange={setName}
          error={errors.fields.name}
        />
        <InputField
          name="homePageUrl"
          type="url"
          label={t('orgConsole.oauthApps.homePageUrl')}
          hint={t('orgConsole.oauthApps.homePageUrlHint')}
          value={homePageUrl}
          onChange={setHomePageUrl}
          error={errors.fields.homePageUrl}
        />
        <TextArea
          name="redirectUris"
          label={t('orgConsole.oauthApps.redirectUris')}
          hint={t('orgConsole.oauthApps.redirectUrisHint')}
          rows={3}
          value={redirects}
          onChange={setRedirects}
          error={errors.fields.redirectUris}
        />
        <fieldset id="field-scopes" aria-describedby={errors.fields.scopes ? 'scopes-error' : undefined}>
          <legend>{t('orgConsole.oauthApps.scopesLegend')}</legend>
          {errors.fields.scopes && (
            <p id="scopes-error" className="field__error">
              {errors.fields.scopes}
            </p>
          )}
          {OAUTH_APP_SCOPES.map((scope) => (
            <CheckboxField
              key={scope}
              name={`scope-${scopeKey(scope)}`}
              label={t(`orgConsole.oauthApps.scope.${scopeKey(scope)}`)}
              hint={scopeName(scope)}
              checked={scopes.includes(scope)}
              onChange={(on) => toggle(scope, on)}
            />
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={register.isPending}>
            {register.isPending ? t('form.submitting') : t('orgConsole.oauthApps.register')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** An app's client ID and its client secret, shown this once (after registering it or rotating the secret). */
export function AppSecret({
  app,
  status,
  regionLabel,
  onDone,
}: {
  app: OAuthAppWithSecret;
  status: string;
  regionLabel?: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <OneTimeSecret
      {...(regionLabel ? { regionLabel } : {})}
      status={status}
      warning={t('orgConsole.oauthApps.secretWarning')}
      label={t('orgConsole.oauthApps.secret')}
      hint={t('orgConsole.oauthApps.secretHint')}
      secret={app.clientSecret}
      onDone={onDone}
    >
      <CopyField
        label={t('orgConsole.oauthApps.clientId')}
        value={app.clientId}
        copyLabel={t('orgConsole.oauthApps.copyClientId')}
      />
    </OneTimeSecret>
  );
}
