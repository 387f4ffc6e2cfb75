// The issuer's identity (/org/identity, owners and administrators): the DID new credentials name as issuer,
// its DID document, the signing keys (public halves and fingerprints only), rotation with a confirmation, and
// (owners) revoking a compromised key: what it signed since the date given stops verifying.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { InputField, TextArea } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem, useFormErrors } from '../../forms.ts';
import { type IssuerKey, useIssuerIdentity, useRevokeKey, useRotateKey } from '../../issuer-console.ts';
import { IssuerDomain } from './IssuerDomain.tsx';
import { IssuerManagers } from './IssuerManagers.tsx';

export function IdentityPage() {
  const { t } = useTranslation();
  return (
    <IssuerManagers
      title={t('issuerConsole.identity.title')}
      onlyManagers={t('issuerConsole.identity.onlyManagers')}
    >
      {(membership) => (
        <Identity
          orgId={membership.org.id}
          slug={membership.org.slug}
          isOwner={membership.role === 'owner'}
        />
      )}
    </IssuerManagers>
  );
}

function Identity({ orgId, slug, isOwner }: { orgId: string; slug: string; isOwner: boolean }) {
  const { t, i18n } = useTranslation();
  const identity = useIssuerIdentity(orgId);
  const rotate = useRotateKey(orgId);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [revoking, setRevoking] = useState<IssuerKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const when = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date(iso),
        )
      : '—';
  const documentUrl = `/issuers/${slug}/did.json`;

  return (
    <Page title={t('issuerConsole.identity.title')}>
      <p>{t('issuerConsole.identity.intro')}</p>
      <div aria-live="polite">{notice && <Status tone="success">{notice}</Status>}</div>
      {identity.isPending && <Skeleton rows={4} />}
      {identity.isError && <Status tone="error">{describeProblem(t, identity.error)}</Status>}
      {identity.data && (
        <>
          <section aria-labelledby="did-title">
            <h2 id="did-title">{t('issuerConsole.identity.didTitle')}</h2>
            <dl className="facts">
              <dt>{t('issuerConsole.identity.did')}</dt>
              <dd>
                <code className="break-anywhere">{identity.data.did}</code>
              </dd>
              <dt>{t('issuerConsole.identity.method')}</dt>
              <dd>{t(`issuerConsole.identity.methods.${identity.data.didMethod}`)}</dd>
              <dt>{t('issuerConsole.identity.document')}</dt>
              <dd>
                <a href={documentUrl} className="break-anywhere">
                  {documentUrl}
                </a>
                {identity.data.didMethod === 'key' && (
                  <p className="field__hint">{t('issuerConsole.identity.documentDidKey')}</p>
                )}
              </dd>
            </dl>
          </section>
          <IssuerDomain orgId={orgId} slug={slug} />
          <section aria-labelledby="keys-title">
            <h2 id="keys-title">{t('issuerConsole.identity.keysTitle')}</h2>
            <TableRegion caption={t('issuerConsole.identity.keysCaption')} tableClassName="keys-table" stack>
              <thead>
                <tr>
                  <th scope="col">{t('issuerConsole.identity.key')}</th>
                  <th scope="col">{t('issuerConsole.identity.state')}</th>
                  <th scope="col">{t('issuerConsole.identity.fingerprint')}</th>
                  <th scope="col">{t('issuerConsole.identity.created')}</th>
                  <th scope="col">{t('issuerConsole.identity.ended')}</th>
                  {isOwner && <th scope="col">{t('issuerConsole.identity.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {identity.data.keys.map((key) => (
                  <tr key={key.keyNumber}>
                    <th scope="row">{t('issuerConsole.identity.keyName', { number: key.keyNumber })}</th>
                    <td data-label={t('issuerConsole.identity.state')}>
                      {t(`issuerConsole.identity.states.${key.state}`)}
                    </td>
                    <td data-label={t('issuerConsole.identity.fingerprint')}>
                      <code className="break-anywhere">{key.fingerprint}</code>
                    </td>
                    <td data-label={t('issuerConsole.identity.created')}>{when(key.createdAt)}</td>
                    <td data-label={t('issuerConsole.identity.ended')}>
                      {key.state === 'revoked'
                        ? t('issuerConsole.identity.revokedOn', {
                            date: when(key.revokedAt),
                            since: when(key.compromisedSince),
                          })
                        : when(key.retiredAt)}
                    </td>
                    {isOwner && (
                      <td className="table-wrap__action">
                        {key.state === 'revoked' ? (
                          '—'
                        ) : (
                          <button
                            type="button"
                            className="button button--secondary"
                            aria-label={t('issuerConsole.identity.revokeLabel', { number: key.keyNumber })}
                            onClick={() => {
                              setNotice(null);
                              setRevoking(key);
                            }}
                          >
                            {t('issuerConsole.identity.revoke')}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </TableRegion>
            {identity.data.keys.length === 0 && <p>{t('issuerConsole.identity.noKeys')}</p>}
          </section>
          <section aria-labelledby="rotate-title">
            <h2 id="rotate-title">{t('issuerConsole.identity.rotateTitle')}</h2>
            <p>{t('issuerConsole.identity.rotateHelp')}</p>
            {rotate.isError && <Status tone="error">{describeProblem(t, rotate.error)}</Status>}
            {confirmRotate ? (
              <div className="actions">
                <p>{t('issuerConsole.identity.rotateConfirm')}</p>
                <button
                  type="button"
                  className="button"
                  disabled={rotate.isPending}
                  onClick={() =>
                    rotate.mutate(undefined, {
                      onSuccess: (key) => {
                        setConfirmRotate(false);
                        setNotice(t('issuerConsole.identity.rotated', { number: key.keyNumber }));
                      },
                    })
                  }
                >
                  {t('issuerConsole.identity.rotateYes')}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setConfirmRotate(false)}
                >
                  {t('issuerConsole.identity.cancel')}
                </button>
              </div>
            ) : (
              <button type="button" className="button" onClick={() => setConfirmRotate(true)}>
                {t('issuerConsole.identity.rotate')}
              </button>
            )}
          </section>
          {revoking && isOwner && (
            <RevokeKey
              key={revoking.keyNumber}
              orgId={orgId}
              issuerKey={revoking}
              onClose={() => setRevoking(null)}
              onDone={(message) => {
                setRevoking(null);
                setNotice(message);
              }}
            />
          )}
        </>
      )}
    </Page>
  );
}

const FIELDS = ['reason', 'compromisedSince'] as const;

function RevokeKey({
  orgId,
  issuerKey,
  onClose,
  onDone,
}: {
  orgId: string;
  issuerKey: IssuerKey;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const revoke = useRevokeKey(orgId);
  const errors = useFormErrors(FIELDS);
  const [reason, setReason] = useState('');
  const [since, setSince] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return errors.setFieldErrors({ reason: t('issuerConsole.identity.reasonMissing') });
    const sinceDate = since ? new Date(since) : undefined;
    if (sinceDate && sinceDate.getTime() > Date.now())
      return errors.setFieldErrors({ compromisedSince: t('issuerConsole.identity.sinceFuture') });
    errors.clear();
    revoke.mutate(
      { keyNumber: issuerKey.keyNumber, reason: reason.trim(), compromisedSince: sinceDate?.toISOString() },
      {
        onSuccess: (result) =>
          onDone(
            t('issuerConsole.identity.revokedDone', {
              number: result.revoked.keyNumber,
              count: result.affectedCredentials,
            }) +
              (result.replacement
                ? ` ${t('issuerConsole.identity.replacement', { number: result.replacement.keyNumber })}`
                : ''),
          ),
        onError: (error) => errors.setFromProblem(t, error),
      },
    );
  };
  return (
    <section aria-labelledby="revoke-title">
      <h2 id="revoke-title">{t('issuerConsole.identity.revokeTitle', { number: issuerKey.keyNumber })}</h2>
      <p>{t('issuerConsole.identity.revokeHelp')}</p>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.problems} />
        <TextArea
          name="reason"
          label={t('issuerConsole.identity.reason')}
          hint={t('issuerConsole.identity.reasonHint')}
          rows={3}
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
        />
        <InputField
          name="compromisedSince"
          type="datetime-local"
          label={t('issuerConsole.identity.since')}
          hint={t('issuerConsole.identity.sinceHint')}
          required={false}
          value={since}
          onChange={setSince}
          error={errors.fields.compromisedSince}
        />
        <div className="actions">
          <button type="submit" disabled={revoke.isPending}>
            {revoke.isPending ? t('form.submitting') : t('issuerConsole.identity.revokeSubmit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('issuerConsole.identity.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
