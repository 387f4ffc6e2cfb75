// Credentials issued through the API (POST /orgs/{orgId}/credentials and the W3C VC-API) in the issuer's list of
// issued credentials, marked "via API": the awards page's search and filters apply to them too, and owners and
// admins revoke, suspend or reinstate them here after an explicit confirmation.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ApiCredential,
  type AwardAction,
  type AwardFilters,
  badgeKeys,
  badgesApi,
} from '../../badges.ts';
import { Status } from '../../components/Page.tsx';
import { Pager } from '../../components/Pager.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate } from '../../learning.ts';

const PAGE_SIZE = 20;

function actionsOf(credential: ApiCredential): AwardAction[] {
  if (!credential.statusChangeable || credential.credentialState === 'revoked') return [];
  if (credential.credentialState === 'suspended') return ['reinstate', 'revoke'];
  return credential.suspendable ? ['revoke', 'suspend'] : ['revoke'];
}

export function ApiCredentials({
  orgId,
  filters,
  mayChange,
}: {
  orgId: string;
  filters: AwardFilters;
  mayChange: boolean;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [confirming, setConfirming] = useState<{ credential: ApiCredential; action: AwardAction } | null>(
    null,
  );
  const [notice, setNotice] = useState<string | null>(null);
  const selection = {
    q: filters.q,
    credentialState: filters.credentialState,
    issuedFrom: filters.issuedFrom,
    issuedTo: filters.issuedTo,
  };
  const listed = useQuery({
    queryKey: [...badgeKeys.allAwards(orgId), 'api-credentials', selection, offset],
    queryFn: () => badgesApi.apiCredentials(orgId, { ...selection, limit: PAGE_SIZE, offset }),
  });
  const change = useMutation({
    mutationFn: (pick: { credential: ApiCredential; action: AwardAction }) =>
      badgesApi.changeApiCredential(orgId, pick.credential, pick.action),
    onSuccess: async (_, pick) => {
      setConfirming(null);
      setNotice(t(`issuerConsole.apiCredentials.done.${pick.action}`, { name: labelOf(pick.credential) }));
      await queryClient.invalidateQueries({ queryKey: badgeKeys.allAwards(orgId) });
    },
    onError: () => setConfirming(null),
  });
  const labelOf = (c: ApiCredential) => c.name ?? c.credentialId ?? t('issuerConsole.apiCredentials.unnamed');
  const date = (iso: string | null) => (iso ? formatDate(iso, i18n.language) : t('awards.never'));
  const items = listed.data?.items ?? [];

  return (
    <section aria-labelledby="api-credentials-title">
      <h2 id="api-credentials-title">{t('issuerConsole.apiCredentials.title')}</h2>
      <p className="muted">{t('issuerConsole.apiCredentials.intro')}</p>
      <div aria-live="polite">
        {notice && <p className="status status--success">{notice}</p>}
        {change.isError && <Status tone="error">{describeProblem(t, change.error)}</Status>}
        {listed.data && <p>{t('issuerConsole.apiCredentials.found', { count: listed.data.total })}</p>}
      </div>
      {listed.isPending && <Skeleton rows={3} />}
      {listed.isError && <Status tone="error">{describeProblem(t, listed.error)}</Status>}
      {items.length > 0 && (
        <TableRegion caption={t('issuerConsole.apiCredentials.caption')} tableClassName="awards-table" stack>
          <thead>
            <tr>
              <th scope="col">{t('issuerConsole.apiCredentials.credential')}</th>
              <th scope="col">{t('issuerConsole.apiCredentials.recipient')}</th>
              <th scope="col">{t('awards.source')}</th>
              <th scope="col">{t('awards.issued')}</th>
              <th scope="col">{t('awards.validUntil')}</th>
              <th scope="col">{t('awards.credentialState')}</th>
              {mayChange && <th scope="col">{t('awards.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((credential) => (
              <tr key={`${credential.kind}:${credential.id}`}>
                <th scope="row">
                  {labelOf(credential)}
                  {credential.credentialId && (
                    <>
                      <br />
                      <span className="muted">{credential.credentialId}</span>
                    </>
                  )}
                </th>
                <td data-label={t('issuerConsole.apiCredentials.recipient')}>
                  {credential.recipient ?? '—'}
                </td>
                <td data-label={t('awards.source')}>
                  {/* One element: a stacked cell on a phone lays out its label and content as two flex items. */}
                  <span>
                    <span className="via-api">{t('issuerConsole.apiCredentials.viaApi')}</span>{' '}
                    <span className="muted">{t(`issuerConsole.apiCredentials.kind.${credential.kind}`)}</span>
                  </span>
                </td>
                <td data-label={t('awards.issued')}>{date(credential.issuedAt)}</td>
                <td data-label={t('awards.validUntil')}>{date(credential.validUntil)}</td>
                <td data-label={t('awards.credentialState')}>
                  {t(`credentialState.${credential.credentialState}`)}
                </td>
                {mayChange && (
                  <td className="table-wrap__action">
                    <CredentialActions
                      credential={credential}
                      label={labelOf(credential)}
                      confirming={confirming?.credential === credential ? confirming.action : null}
                      busy={change.isPending}
                      onAsk={(action) => setConfirming({ credential, action })}
                      onConfirm={(action) => change.mutate({ credential, action })}
                      onCancel={() => setConfirming(null)}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      <Pager
        offset={offset}
        pageSize={PAGE_SIZE}
        total={listed.data?.total ?? 0}
        onGoTo={setOffset}
        keys="awards"
      />
    </section>
  );
}

function CredentialActions({
  credential,
  label,
  confirming,
  busy,
  onAsk,
  onConfirm,
  onCancel,
}: {
  credential: ApiCredential;
  label: string;
  confirming: AwardAction | null;
  busy: boolean;
  onAsk: (action: AwardAction) => void;
  onConfirm: (action: AwardAction) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const actions = actionsOf(credential);
  if (actions.length === 0) return <>—</>;
  if (confirming) {
    return (
      <span className="button-row">
        <button type="button" className="button" disabled={busy} onClick={() => onConfirm(confirming)}>
          {t(`issuerConsole.apiCredentials.confirm.${confirming}`, { name: label })}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('issuerConsole.apiCredentials.cancel')}
        </button>
      </span>
    );
  }
  return (
    <span className="button-row">
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className="button button--secondary"
          aria-label={t(`issuerConsole.apiCredentials.actionLabel.${action}`, { name: label })}
          onClick={() => onAsk(action)}
        >
          {t(`issuerConsole.apiCredentials.action.${action}`)}
        </button>
      ))}
    </span>
  );
}
