// The issuer's own domain on /org/identity: bind a domain, publish the token (DNS TXT record or a file on the
// domain), verify it, and from then on credentials name did:web:<domain>. Unbinding goes back to the did:web on
// this server; what the domain signed keeps verifying.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { InputField } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { describeProblem, useFormErrors } from '../../forms.ts';
import {
  type DomainBinding,
  useBindDomain,
  useIssuerDomain,
  useUnbindDomain,
  useVerifyDomain,
} from '../../issuer-domain.ts';

const FIELDS = ['domain'] as const;

export function IssuerDomain({ orgId, slug }: { orgId: string; slug: string }) {
  const { t } = useTranslation();
  const current = useIssuerDomain(orgId);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section aria-labelledby="domain-title">
      <h2 id="domain-title">{t('issuerDomain.title')}</h2>
      <p>{t('issuerDomain.intro')}</p>
      <div aria-live="polite">{notice && <Status tone="success">{notice}</Status>}</div>
      {current.isPending && <Skeleton rows={3} />}
      {current.isError && <Status tone="error">{describeProblem(t, current.error)}</Status>}
      {current.data &&
        (current.data.binding ? (
          <Binding orgId={orgId} slug={slug} binding={current.data.binding} onNotice={setNotice} />
        ) : (
          <BindForm orgId={orgId} onNotice={setNotice} />
        ))}
    </section>
  );
}

function BindForm({ orgId, onNotice }: { orgId: string; onNotice: (message: string | null) => void }) {
  const { t } = useTranslation();
  const bind = useBindDomain(orgId);
  const errors = useFormErrors(FIELDS);
  const [domain, setDomain] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onNotice(null);
    if (!domain.trim()) return errors.setFieldErrors({ domain: t('issuerDomain.missing') });
    errors.clear();
    // mutateAsync: this form is gone once the binding is read again, and the notice must still be told.
    bind.mutateAsync(domain.trim()).then(
      (binding) => onNotice(t('issuerDomain.bound', { domain: binding.domain })),
      (error: unknown) => {
        if (error instanceof ApiProblem && error.is('domain-taken'))
          return errors.setFieldErrors({ domain: t('issuerDomain.taken') });
        if (error instanceof ApiProblem && error.status === 400)
          return errors.setFieldErrors({ domain: t('issuerDomain.invalid') });
        errors.setFromProblem(t, error);
      },
    );
  };
  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary problems={errors.problems} />
      <InputField
        name="domain"
        label={t('issuerDomain.domain')}
        hint={t('issuerDomain.domainHint')}
        value={domain}
        onChange={setDomain}
        error={errors.fields.domain}
      />
      <div className="actions">
        <button type="submit" disabled={bind.isPending}>
          {bind.isPending ? t('form.submitting') : t('issuerDomain.bind')}
        </button>
      </div>
    </form>
  );
}

function Binding({
  orgId,
  slug,
  binding,
  onNotice,
}: {
  orgId: string;
  slug: string;
  binding: DomainBinding;
  onNotice: (message: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const verify = useVerifyDomain(orgId);
  const unbind = useUnbindDomain(orgId);
  const [confirmUnbind, setConfirmUnbind] = useState(false);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const verified = binding.state === 'verified';
  return (
    <>
      <dl className="facts">
        <dt>{t('issuerDomain.domain')}</dt>
        <dd>
          <code className="break-anywhere">{binding.domain}</code>
        </dd>
        <dt>{t('issuerDomain.state')}</dt>
        <dd>
          {verified
            ? t('issuerDomain.verifiedOn', { date: when(binding.verifiedAt ?? binding.createdAt) })
            : t('issuerDomain.pending')}
        </dd>
        <dt>{t('issuerDomain.did')}</dt>
        <dd>
          <code className="break-anywhere">{binding.did}</code>
        </dd>
      </dl>
      {verified ? (
        <>
          <p>{t('issuerDomain.verifiedHelp')}</p>
          <p>{t('issuerDomain.serveHelp', { domain: binding.domain })}</p>
          <p>
            <code className="break-anywhere">{`https://${binding.domain}/.well-known/did.json`}</code> →{' '}
            <a href={`/issuers/${slug}/domain/did.json`} className="break-anywhere">
              {`/issuers/${slug}/domain/did.json`}
            </a>
          </p>
        </>
      ) : (
        <>
          <h3>{t('issuerDomain.howTitle')}</h3>
          <p>{t('issuerDomain.howIntro')}</p>
          <ol>
            <li>
              <p>{t('issuerDomain.txtStep')}</p>
              <Published label={t('issuerDomain.txtName')} value={binding.instructions.txtName} />
              <Published label={t('issuerDomain.txtValue')} value={binding.instructions.txtValue} />
            </li>
            <li>
              <p>{t('issuerDomain.fileStep')}</p>
              <Published label={t('issuerDomain.fileUrl')} value={binding.instructions.fileUrl} />
              <Published label={t('issuerDomain.fileContent')} value={binding.instructions.fileContent} />
            </li>
          </ol>
          {binding.lastCheckProblem && binding.lastCheckAt && (
            <Status tone="error">
              {t('issuerDomain.notFound', { date: when(binding.lastCheckAt) })}{' '}
              <span className="break-anywhere">{binding.lastCheckProblem}</span>
            </Status>
          )}
          {verify.isError && <Status tone="error">{describeProblem(t, verify.error)}</Status>}
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={verify.isPending}
              onClick={() => {
                onNotice(null);
                verify.mutate(undefined, {
                  onSuccess: (result) =>
                    result.state === 'verified' &&
                    onNotice(t('issuerDomain.verifiedNotice', { domain: result.domain })),
                });
              }}
            >
              {verify.isPending ? t('issuerDomain.checking') : t('issuerDomain.verify')}
            </button>
          </div>
        </>
      )}
      {unbind.isError && <Status tone="error">{describeProblem(t, unbind.error)}</Status>}
      {confirmUnbind ? (
        <div className="actions">
          <p>{t(verified ? 'issuerDomain.unbindConfirmVerified' : 'issuerDomain.unbindConfirm')}</p>
          <button
            type="button"
            className="button"
            disabled={unbind.isPending}
            onClick={() =>
              unbind.mutateAsync(undefined).then(
                () => onNotice(t('issuerDomain.unbound', { domain: binding.domain })),
                () => setConfirmUnbind(false),
              )
            }
          >
            {t('issuerDomain.unbindYes')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirmUnbind(false)}>
            {t('issuerDomain.cancel')}
          </button>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              onNotice(null);
              setConfirmUnbind(true);
            }}
          >
            {t('issuerDomain.unbind')}
          </button>
        </div>
      )}
    </>
  );
}

/** One thing to publish: its label, then the exact text on a line of its own (long tokens wrap anywhere). */
function Published({ label, value }: { label: string; value: string }) {
  return (
    <p>
      {label}
      <br />
      <code className="break-anywhere">{value}</code>
    </p>
  );
}
