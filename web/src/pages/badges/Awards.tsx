// The organization's awards (/issue/awards): search (name, email, credential or award id) and filters (badge,
// states, source, issued between) kept in the address, a CSV export of the
// same selection, revoke / suspend / reinstate (owners and admins), and a manual award to one person. Credentials
// issued through the API follow, marked "via API" (ApiCredentials.tsx); the source filter picks either.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type Award, type AwardFilters, awardsCsvUrl, badgeKeys, badgesApi } from '../../badges.ts';
import { InputField, SelectField } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import { activeMembership, type Session } from '../../session.ts';
import { RequireAuthor } from '../issue/Courses.tsx';
import { ApiCredentials } from './ApiCredentials.tsx';
import { AwardActions, actionsFor } from './AwardActions.tsx';
import { ManualAward } from './ManualAward.tsx';
import './badges.css';
import { Pager } from '../../components/Pager.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';

const PAGE_SIZE = 50;
const FILTERS = ['badgeId', 'q', 'state', 'credentialState', 'source', 'issuedFrom', 'issuedTo'] as const;
const STATES = ['offered', 'accepted', 'declined', 'awaiting-fee'] as const;
const CREDENTIAL_STATES = ['active', 'suspended', 'revoked'] as const;
const SOURCES = ['completion', 'pathway', 'manual', 'bulk', 'renewal'] as const;
/** The source filter's value for credentials issued through the API (not an award source). */
const VIA_API = 'api';

export function AwardsPage() {
  return <RequireAuthor>{(orgId, session) => <Awards orgId={orgId} session={session} />}</RequireAuthor>;
}

function filtersOf(params: URLSearchParams): AwardFilters {
  const filters: AwardFilters = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

function Awards({ orgId, session }: { orgId: string; session: Session }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [form, setForm] = useState<Record<(typeof FILTERS)[number], string>>({
    badgeId: filters.badgeId ?? '',
    q: filters.q ?? '',
    state: filters.state ?? '',
    credentialState: filters.credentialState ?? '',
    source: filters.source ?? '',
    issuedFrom: filters.issuedFrom ?? '',
    issuedTo: filters.issuedTo ?? '',
  });
  const [selected, setSelected] = useState<Award | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const role = activeMembership(session)?.role;
  const mayChange = role === 'owner' || role === 'admin';
  const badges = useQuery({ queryKey: badgeKeys.list(orgId), queryFn: () => badgesApi.list(orgId) });
  const apiOnly = filters.source === VIA_API;
  const awards = useQuery({
    queryKey: [...badgeKeys.awards(orgId, filters), offset],
    queryFn: () => badgesApi.awards(orgId, { ...filters, limit: PAGE_SIZE, offset }),
    enabled: !apiOnly,
  });
  const published = (badges.data?.items ?? []).filter((b) => b.state === 'published');
  const badgeName = (id: string) => badges.data?.items.find((b) => b.id === id)?.name ?? '';
  const set = (field: (typeof FILTERS)[number]) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of FILTERS) if (form[key].trim()) next.set(key, form[key].trim());
    setSelected(null);
    setParams(next);
  };
  const goTo = (nextOffset: number) => {
    const next = new URLSearchParams(params);
    if (nextOffset > 0) next.set('offset', String(nextOffset));
    else next.delete('offset');
    setParams(next);
  };
  const total = awards.data?.total ?? 0;

  return (
    <Page
      title={filters.badgeId ? t('awards.titleFor', { name: badgeName(filters.badgeId) }) : t('awards.title')}
    >
      <p>
        <Link to="/issue/badges">{t('badgeEditor.backToBadges')}</Link>
        {filters.badgeId && (
          <>
            {' · '}
            <Link to={`/issue/badges/${filters.badgeId}/bulk`}>{t('badgeEditor.bulkLink')}</Link>
          </>
        )}
      </p>
      <search>
        <form className="catalog-search awards-filters" aria-label={t('awards.filters')} onSubmit={onSearch}>
          <InputField
            name="q"
            type="search"
            label={t('awards.search')}
            hint={t('awards.searchHint')}
            required={false}
            value={form.q}
            onChange={set('q')}
          />
          <SelectField
            name="badgeId"
            label={t('awards.badge')}
            value={form.badgeId}
            onChange={set('badgeId')}
          >
            <option value="">{t('awards.any')}</option>
            {(badges.data?.items ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </SelectField>
          <SelectField name="state" label={t('awards.state')} value={form.state} onChange={set('state')}>
            <option value="">{t('awards.any')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`awardState.${s}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            name="credentialState"
            label={t('awards.credentialState')}
            value={form.credentialState}
            onChange={set('credentialState')}
          >
            <option value="">{t('awards.any')}</option>
            {CREDENTIAL_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`credentialState.${s}`)}
              </option>
            ))}
          </SelectField>
          <SelectField name="source" label={t('awards.source')} value={form.source} onChange={set('source')}>
            <option value="">{t('awards.any')}</option>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`awardSource.${s}`)}
              </option>
            ))}
            <option value={VIA_API}>{t('issuerConsole.apiCredentials.viaApi')}</option>
          </SelectField>
          <InputField
            name="issuedFrom"
            type="date"
            label={t('issuerConsole.awards.issuedFrom')}
            required={false}
            value={form.issuedFrom}
            onChange={set('issuedFrom')}
          />
          <InputField
            name="issuedTo"
            type="date"
            label={t('issuerConsole.awards.issuedTo')}
            required={false}
            value={form.issuedTo}
            onChange={set('issuedTo')}
          />
          <button type="submit">{t('awards.apply')}</button>
        </form>
      </search>
      <div aria-live="polite">
        {notice && <p className="status status--success">{notice}</p>}
        {awards.data && !apiOnly && <p>{t('awards.found', { count: total })}</p>}
      </div>
      {awards.isPending && !apiOnly && <Skeleton rows={5} />}
      {awards.isError && <Status tone="error">{describeProblem(t, awards.error)}</Status>}
      <p>
        <a href={awardsCsvUrl(orgId, filters)} download>
          {t('awards.exportCsv')}
        </a>
      </p>
      {awards.data && !apiOnly && awards.data.items.length > 0 && (
        <AwardsTable
          items={awards.data.items}
          mayChange={mayChange}
          onManage={(award) => {
            setNotice(null);
            setSelected(award);
          }}
        />
      )}
      {!apiOnly && <Pager offset={offset} pageSize={PAGE_SIZE} total={total} onGoTo={goTo} keys="awards" />}
      {selected && mayChange && (
        <AwardActions
          key={selected.id}
          orgId={orgId}
          award={selected}
          onClose={() => setSelected(null)}
          onDone={(message) => {
            setSelected(null);
            setNotice(message);
          }}
        />
      )}
      {(apiOnly || (!filters.source && !filters.badgeId && !filters.state)) && (
        <ApiCredentials key={JSON.stringify(filters)} orgId={orgId} filters={filters} mayChange={mayChange} />
      )}
      <ManualAward key={filters.badgeId ?? ''} orgId={orgId} badges={published} badgeId={filters.badgeId} />
      <p className="muted">{t('issuerConsole.awards.vcApiNote')}</p>
    </Page>
  );
}

function AwardsTable({
  items,
  mayChange,
  onManage,
}: {
  items: Award[];
  mayChange: boolean;
  onManage: (award: Award) => void;
}) {
  const { t, i18n } = useTranslation();
  const date = (iso: string | null) => (iso ? formatDate(iso, i18n.language) : t('awards.never'));
  return (
    <TableRegion caption={t('awards.caption')} tableClassName="awards-table" stack>
      <thead>
        <tr>
          <th scope="col">{t('awards.recipient')}</th>
          <th scope="col">{t('awards.badge')}</th>
          <th scope="col">{t('awards.source')}</th>
          <th scope="col">{t('awards.issued')}</th>
          <th scope="col">{t('awards.validUntil')}</th>
          <th scope="col">{t('awards.state')}</th>
          <th scope="col">{t('awards.credentialState')}</th>
          {mayChange && <th scope="col">{t('awards.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((award) => {
          const who = award.recipientName ?? award.recipientEmail;
          return (
            <tr key={award.id}>
              <th scope="row">
                {award.recipientName && (
                  <>
                    {award.recipientName}
                    <br />
                  </>
                )}
                <span className="muted">{award.recipientEmail}</span>
              </th>
              <td data-label={t('awards.badge')}>{award.badge.name}</td>
              <td data-label={t('awards.source')}>{t(`awardSource.${award.source}`)}</td>
              <td data-label={t('awards.issued')}>{date(award.issuedAt)}</td>
              <td data-label={t('awards.validUntil')}>{date(award.validUntil)}</td>
              <td data-label={t('awards.state')}>
                {t(`awardState.${award.state}`)}
                {award.superseded && ` (${t('awards.superseded')})`}
              </td>
              <td data-label={t('awards.credentialState')}>
                {award.credentialState ? t(`credentialState.${award.credentialState}`) : '—'}
              </td>
              {mayChange && (
                <td className="table-wrap__action">
                  {actionsFor(award).length > 0 || award.state === 'offered' ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t('awards.manageLabel', { name: who })}
                      onClick={() => onManage(award)}
                    >
                      {t('awards.manage')}
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </TableRegion>
  );
}
