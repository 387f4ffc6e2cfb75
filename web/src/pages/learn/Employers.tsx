// "My employers" (/learn/employers): each employer whose invitation the person accepted, with its status,
// the consent form ("What <org> may see": all badges or chosen ones, imported ones too), exactly what the
// employer sees now (the API's `sees`, as the employer's own route computes it), and stopping sharing.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type BackpackBadge, badgeKeys, badgesApi } from '../../badges.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { CheckboxField } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { describeProblem, useFormErrors } from '../../forms.ts';
import { importKeys, importsApi } from '../../imports.ts';
import { formatDate } from '../../learning.ts';
import {
  type MyEmployer,
  type SharedBadge,
  type ShareMode,
  useMyEmployers,
  useSaveConsent,
  useWithdraw,
} from '../../workforce-me.ts';
import './employers.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function EmployersPage() {
  return <RequireSession>{() => <Employers />}</RequireSession>;
}

function Employers() {
  const { t } = useTranslation();
  const employers = useMyEmployers();
  const [params] = useSearchParams();
  const joined = params.get('joined');
  const items = employers.data?.items ?? [];
  return (
    <Page title={t('employee.list.title')}>
      <p>{t('employee.list.intro')}</p>
      {employers.isPending && <Skeleton rows={2} />}
      {employers.isError && <Status tone="error">{describeProblem(t, employers.error)}</Status>}
      {employers.data && items.length === 0 && (
        <div className="empty-state">
          <p>
            <strong>{t('employee.list.none')}</strong>
          </p>
          <p>{t('employee.list.noneHint')}</p>
        </div>
      )}
      {items.map((employer) => (
        <EmployerSection key={employer.org.id} employer={employer} justJoined={employer.org.id === joined} />
      ))}
      <p>
        <Link to="/learn/badges">{t('backpack.back')}</Link>
      </p>
    </Page>
  );
}

function EmployerSection({ employer, justJoined }: { employer: MyEmployer; justJoined: boolean }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = `employer-${employer.org.id}`;
  const org = employer.org.name;
  // Straight from accepting to the choice: after the route's own focus on the page heading, move on here.
  useEffect(() => {
    if (!justJoined) return;
    const timer = setTimeout(() => {
      heading.current?.focus();
      heading.current?.scrollIntoView({ block: 'start' });
    }, 0);
    return () => clearTimeout(timer);
  }, [justJoined]);
  return (
    <section className="card employer" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {org}
      </h2>
      {justJoined && employer.status === 'active' && !hasChosen(employer) && (
        <Status tone="success">{t('employee.list.joined', { org })}</Status>
      )}
      <dl className="facts">
        <dt>{t('employee.list.status')}</dt>
        <dd>{t(`employee.status.${employer.status}`)}</dd>
        <dt>{t('employee.list.acceptedAt')}</dt>
        <dd>
          {employer.acceptedAt ? formatDate(employer.acceptedAt, i18n.language) : t('employee.list.never')}
        </dd>
      </dl>
      {employer.status === 'active' && employer.consent ? (
        <>
          <ConsentForm employer={employer} />
          <SeesNow employer={employer} />
          <StopSharing employer={employer} />
        </>
      ) : (
        <p>{t(`employee.list.ended.${employer.status}`, { org })}</p>
      )}
    </section>
  );
}

/** Whether the person has chosen anything since accepting (which starts with nothing shared). */
const hasChosen = ({ consent }: MyEmployer) =>
  consent !== null && (consent.share === 'all' || consent.includeImports || consent.awardIds.length > 0);

/** Awards one may share: accepted and not revoked; renewed ones only while still chosen (to un-choose). */
function shareableAwards(badges: BackpackBadge[], chosen: readonly string[]): BackpackBadge[] {
  return badges.filter(
    (b) =>
      b.state === 'accepted' &&
      b.credentialState !== 'revoked' &&
      (!b.superseded || chosen.includes(b.awardId)),
  );
}

const toggled = (ids: string[], id: string, on: boolean) =>
  on ? [...ids.filter((x) => x !== id), id] : ids.filter((x) => x !== id);

function ConsentForm({ employer }: { employer: MyEmployer }) {
  const { t } = useTranslation();
  const saved = employer.consent ?? { share: 'chosen', includeImports: false, awardIds: [], importIds: [] };
  const [share, setShare] = useState<ShareMode>(saved.share);
  const [includeImports, setIncludeImports] = useState(saved.includeImports);
  const [awardIds, setAwardIds] = useState(saved.awardIds);
  const [importIds, setImportIds] = useState(saved.importIds);
  const badges = useQuery({ queryKey: badgeKeys.backpack, queryFn: badgesApi.backpack });
  const imports = useQuery({ queryKey: importKeys.list, queryFn: importsApi.list });
  const save = useSaveConsent(employer.org.id);
  const errors = useFormErrors([]);
  const org = employer.org.name;
  const p = `consent-${employer.org.id}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    const chosen = share === 'chosen';
    save.mutate(
      {
        share,
        includeImports,
        awardIds: chosen ? awardIds : [],
        importIds: chosen && includeImports ? importIds : [],
      },
      { onError: (error) => errors.setFromProblem(t, error) },
    );
  };

  const awards = shareableAwards(badges.data?.items ?? [], saved.awardIds);
  const importList = imports.data?.items ?? [];
  return (
    <form onSubmit={onSubmit} noValidate className="consent-form">
      <ErrorSummary problems={errors.problems} />
      <fieldset>
        <legend>{t('employee.consent.legend', { org })}</legend>
        {(['all', 'chosen'] as const).map((mode) => (
          <div className="choice" key={mode}>
            <input
              id={`${p}-${mode}`}
              type="radio"
              name={`${p}-share`}
              checked={share === mode}
              onChange={() => setShare(mode)}
            />
            <label htmlFor={`${p}-${mode}`}>{t(`employee.consent.${mode}`)}</label>
          </div>
        ))}
        {share === 'chosen' && (
          <fieldset>
            <legend>{t('employee.consent.chooseBadges')}</legend>
            {badges.isPending && <Skeleton rows={3} />}
            {badges.isError && <Status tone="error">{describeProblem(t, badges.error)}</Status>}
            {badges.data && awards.length === 0 && <p>{t('employee.consent.noBadges')}</p>}
            {awards.map((award) => (
              <CheckboxField
                key={award.awardId}
                id={`${p}-award-${award.awardId}`}
                name={`${p}-award`}
                label={award.badge.name}
                hint={t('employee.consent.issuedBy', { issuer: award.badge.issuer.name })}
                checked={awardIds.includes(award.awardId)}
                onChange={(on) => setAwardIds((ids) => toggled(ids, award.awardId, on))}
              />
            ))}
          </fieldset>
        )}
        <CheckboxField
          id={`${p}-imports`}
          name={`${p}-imports`}
          label={t('employee.consent.includeImports')}
          hint={
            share === 'all' ? t('employee.consent.allImportsHint') : t('employee.consent.chosenImportsHint')
          }
          checked={includeImports}
          onChange={setIncludeImports}
        />
        {share === 'chosen' && includeImports && (
          <fieldset>
            <legend>{t('employee.consent.chooseImports')}</legend>
            {imports.isPending && <Skeleton rows={3} />}
            {imports.isError && <Status tone="error">{describeProblem(t, imports.error)}</Status>}
            {imports.data && importList.length === 0 && <p>{t('employee.consent.noImports')}</p>}
            {importList.map((item) => (
              <CheckboxField
                key={item.id}
                id={`${p}-import-${item.id}`}
                name={`${p}-import`}
                label={item.badgeName}
                hint={t('employee.consent.issuedBy', {
                  issuer: item.issuerName ?? t('employee.consent.unknownIssuer'),
                })}
                checked={importIds.includes(item.id)}
                onChange={(on) => setImportIds((ids) => toggled(ids, item.id, on))}
              />
            ))}
          </fieldset>
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('form.submitting') : t('employee.consent.save')}
        </button>
      </div>
      <div aria-live="polite">
        {save.isSuccess && <Status tone="success">{t('employee.consent.saved', { org })}</Status>}
      </div>
    </form>
  );
}

/** Exactly the API's `sees`: what the employer's own badges route answers at this moment. */
function SeesNow({ employer }: { employer: MyEmployer }) {
  const { t } = useTranslation();
  const id = `sees-${employer.org.id}`;
  const org = employer.org.name;
  return (
    <section aria-labelledby={id} className="employer__sees">
      <h3 id={id}>{t('employee.sees.title', { org })}</h3>
      {employer.sees.length === 0 ? (
        <p>{t('employee.sees.nothing', { org })}</p>
      ) : (
        <ul className="employer__sees-list">
          {employer.sees.map((badge) => (
            <li key={`${badge.kind}:${badge.id}`}>
              <SharedLine badge={badge} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SharedLine({ badge }: { badge: SharedBadge }) {
  const { t } = useTranslation();
  return (
    <>
      <strong>{badge.name}</strong>
      <span className="employer__sees-facts">
        {t('employee.sees.issuer', { issuer: badge.issuer ?? t('employee.consent.unknownIssuer') })}
        {' · '}
        {t(`employee.state.${badge.state}`, { defaultValue: badge.state })}
        {badge.kind === 'import' && ` · ${t('employee.sees.imported')}`}
      </span>
    </>
  );
}

function StopSharing({ employer }: { employer: MyEmployer }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useWithdraw(employer.org.id);
  const org = employer.org.name;
  if (!confirming) {
    return (
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          {t('employee.stop.button', { org })}
        </button>
      </div>
    );
  }
  return (
    <div className="status employer__confirm" role="alert">
      <p>{t('employee.stop.confirm', { org })}</p>
      <div className="actions">
        <button
          type="button"
          className="button button--danger"
          disabled={withdraw.isPending}
          onClick={() => withdraw.mutate()}
        >
          {withdraw.isPending ? t('form.submitting') : t('employee.stop.yes', { org })}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
          {t('employee.stop.keep')}
        </button>
      </div>
      {withdraw.isError && <Status tone="error">{describeProblem(t, withdraw.error)}</Status>}
    </div>
  );
}
