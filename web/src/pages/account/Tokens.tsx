// My API tokens: for scripts and integrations acting as me, each limited to the scopes I give it and optionally
// to one organization. The secret is shown once, right after creating; revoking stops it at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiToken, accountApi, accountKeys, TOKEN_SCOPES, type TokenScope } from '../../account.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { CheckboxField, InputField, SelectField } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { checkRequired, describeProblem, problemToForm, summaryOf } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import type { Session } from '../../session.ts';

const FIELDS = ['name', 'scopes'] as const;

export function TokensSection({ session }: { session: Session }) {
  const { t } = useTranslation();
  const tokens = useQuery({ queryKey: accountKeys.tokens, queryFn: accountApi.tokens });
  const live = tokens.data?.items.filter((token) => token.revokedAt === null) ?? [];
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('account.tokens.title')}</h2>
      <p>{t('account.tokens.intro')}</p>
      {tokens.isPending && <Skeleton lines={2} />}
      {tokens.isError && <Status tone="error">{describeProblem(t, tokens.error)}</Status>}
      {tokens.data && live.length === 0 && <p>{t('account.tokens.none')}</p>}
      {live.length > 0 && (
        <ul className="account-list">
          {live.map((token) => (
            <TokenRow key={token.id} token={token} session={session} />
          ))}
        </ul>
      )}
      <CreateTokenForm session={session} />
    </section>
  );
}

function orgName(session: Session, orgId: string | null): string | null {
  return orgId ? (session.memberships.find((m) => m.org.id === orgId)?.org.name ?? orgId) : null;
}

function TokenRow({ token, session }: { token: ApiToken; session: Session }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => accountApi.revokeToken(token.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.tokens }),
  });
  const org = orgName(session, token.orgId);
  return (
    <li className="account-list__item">
      <p>
        <strong>{token.name}</strong> <code>{token.prefix}…</code>
      </p>
      <p className="muted">
        {t('account.tokens.scopes', { scopes: token.scopes.join(', ') })}
        {org ? ` · ${t('account.tokens.onlyOrg', { org })}` : ''}
        {' · '}
        {token.lastUsedAt
          ? t('account.tokens.lastUsed', { date: formatDate(token.lastUsedAt, i18n.language) })
          : t('account.tokens.neverUsed')}
      </p>
      {revoke.isError && <Status tone="error">{describeProblem(t, revoke.error)}</Status>}
      <div className="actions">
        {confirming ? (
          <>
            <button
              type="button"
              className="button"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate()}
            >
              {t('account.tokens.confirmRevoke', { name: token.name })}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('account.keep')}
            </button>
          </>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
            {t('account.tokens.revoke', { name: token.name })}
          </button>
        )}
      </div>
    </li>
  );
}

function CreateTokenForm({ session }: { session: Session }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [orgId, setOrgId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () => accountApi.createToken({ name: name.trim(), scopes, orgId: orgId || null }),
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: accountKeys.tokens });
    },
    onError: (error) => {
      const form = problemToForm(t, error, FIELDS);
      setErrors(form.fields);
      setGeneral(form.general);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const nameProblem = checkRequired(t, name, t('account.tokens.name'));
    if (nameProblem) found.name = nameProblem;
    if (scopes.length === 0) found.scopes = t('account.tokens.pickScope');
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length === 0) create.mutate();
  };
  const toggle = (scope: TokenScope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="create-token-title">
      <h3 id="create-token-title">{t('account.tokens.createTitle')}</h3>
      <ErrorSummary problems={summaryOf(FIELDS, errors, general)} />
      <InputField
        name="name"
        label={t('account.tokens.name')}
        hint={t('account.tokens.nameHint')}
        value={name}
        error={errors.name}
        onChange={setName}
      />
      <fieldset id="scopes" aria-describedby={errors.scopes ? 'scopes-error' : undefined}>
        <legend>{t('account.tokens.scopesLegend')}</legend>
        {errors.scopes && (
          <p id="scopes-error" className="field__error">
            {errors.scopes}
          </p>
        )}
        {TOKEN_SCOPES.map((scope) => (
          <CheckboxField
            key={scope}
            name={`scope-${scope}`}
            label={scope}
            hint={t(`account.tokens.scope.${scope.replace(':', '_')}`)}
            checked={scopes.includes(scope)}
            onChange={(on) => toggle(scope, on)}
          />
        ))}
      </fieldset>
      {session.memberships.length > 0 && (
        <SelectField name="orgId" label={t('account.tokens.org')} value={orgId} onChange={setOrgId}>
          <option value="">{t('account.tokens.anyOrg')}</option>
          {session.memberships.map((m) => (
            <option key={m.org.id} value={m.org.id}>
              {m.org.name}
            </option>
          ))}
        </SelectField>
      )}
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? t('form.submitting') : t('account.tokens.create')}
      </button>
      <div aria-live="polite">
        {create.data && (
          <div className="status status--success">
            <p>{t('account.tokens.created', { name: create.data.name })}</p>
            <p>
              <code className="break-anywhere" data-testid="new-token">
                {create.data.token}
              </code>
            </p>
          </div>
        )}
      </div>
    </form>
  );
}
