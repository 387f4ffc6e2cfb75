// The employer's people (/employ/people): invite addresses (one a line or comma separated), the people
// with their status and what each shares, paged; an active person links to their page; "Remove" asks
// first. Also the guard every employer page uses: owners, admins and managers of an employer only.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiProblem } from '../../api.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextArea } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem, useFormErrors } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import {
  type InviteReply,
  MAX_INVITATIONS,
  type Person,
  parseAddresses,
  workforceApi,
  workforceKeys,
} from '../../workforce.ts';
import { EmployNav } from './EmployNav.tsx';
import { RequireEmployer } from './RequireEmployer.tsx';

export { RequireEmployer };

import '../shop/shop.css';
import './employ.css';
import { Pager } from '../../components/Pager.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';

const PAGE_SIZE = 50;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A person as the employer knows them: their name while they share, else the invited address. */
export const personName = (person: Pick<Person, 'name' | 'email'>) => person.name ?? person.email;

export function sharingSummary(t: TFunction, person: Person): string {
  const sharing = person.sharing;
  if (!sharing) return t('employPeople.sharing.none');
  const imports = sharing.includeImports ? ` ${t('employPeople.sharing.imports')}` : '';
  if (sharing.share === 'all') return `${t('employPeople.sharing.all')}${imports}`;
  if (sharing.sharedCount === 0) return t('employPeople.sharing.nothingYet');
  return t('employPeople.sharing.chosen', { count: sharing.sharedCount });
}

export function PeoplePage() {
  return <RequireEmployer>{(orgId) => <People orgId={orgId} />}</RequireEmployer>;
}

function People({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [notice, setNotice] = useState<string | null>(null);
  const people = useQuery({
    queryKey: workforceKeys.people(orgId, offset),
    queryFn: () => workforceApi.people(orgId, { limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  const total = people.data?.total ?? 0;
  const goTo = (next: number) => setParams(next > 0 ? { offset: String(next) } : {});
  return (
    <Page title={t('employPeople.title')}>
      <EmployNav />
      <InviteForm orgId={orgId} />
      <section aria-labelledby="people-title">
        <h2 id="people-title">{t('employPeople.listTitle')}</h2>
        <div aria-live="polite">{notice && <Status tone="success">{notice}</Status>}</div>
        {people.isPending && <Skeleton rows={5} />}
        {people.isError && <Status tone="error">{describeProblem(t, people.error)}</Status>}
        {people.data && people.data.items.length === 0 && <p>{t('employPeople.none')}</p>}
        {people.data && people.data.items.length > 0 && (
          <TableRegion caption={t('employPeople.caption')} captionHidden stack>
            <thead>
              <tr>
                <th scope="col">{t('employPeople.person')}</th>
                <th scope="col">{t('employPeople.statusLabel')}</th>
                <th scope="col">{t('employPeople.sharingLabel')}</th>
                <th scope="col">{t('employPeople.invited')}</th>
                <th scope="col">{t('employPeople.accepted')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('employPeople.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.data.items.map((person) => (
                <PersonRow key={person.id} orgId={orgId} person={person} onRemoved={setNotice} />
              ))}
            </tbody>
          </TableRegion>
        )}
        <Pager offset={offset} pageSize={PAGE_SIZE} total={total} onGoTo={goTo} keys="employPeople" />
      </section>
    </Page>
  );
}

function PersonRow({
  orgId,
  person,
  onRemoved,
}: {
  orgId: string;
  person: Person;
  onRemoved: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const name = personName(person);
  const remove = useMutation({
    mutationFn: () => workforceApi.remove(orgId, person.id),
    onSuccess: async () => {
      onRemoved(t('employPeople.removed', { name }));
      await queryClient.invalidateQueries({ queryKey: workforceKeys.all(orgId) });
    },
  });
  const date = (iso: string | null) => (iso ? formatDate(iso, i18n.language) : '—');
  return (
    <tr>
      <th scope="row">
        {person.status === 'active' ? <Link to={`/employ/people/${person.id}`}>{name}</Link> : name}
        {person.name && <span className="employ-muted-line">{person.email}</span>}
      </th>
      <td data-label={t('employPeople.statusLabel')}>{t(`employPeople.status.${person.status}`)}</td>
      <td data-label={t('employPeople.sharingLabel')}>{sharingSummary(t, person)}</td>
      <td data-label={t('employPeople.invited')}>{date(person.invitedAt)}</td>
      <td data-label={t('employPeople.accepted')}>{date(person.acceptedAt)}</td>
      <td className="table-wrap__action">
        {confirming ? (
          <div className="employ-confirm">
            <p>{t('employPeople.confirmRemove', { name })}</p>
            <button
              type="button"
              className="button"
              disabled={remove.isPending}
              onClick={() => remove.mutate()}
            >
              {remove.isPending ? t('form.submitting') : t('employPeople.yesRemove')}
            </button>{' '}
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('employPeople.keep')}
            </button>
          </div>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
            {t('employPeople.remove')}
            <span className="visually-hidden"> {name}</span>
          </button>
        )}
        {remove.isError && (
          <p className="field__error" role="alert">
            {describeProblem(t, remove.error)}
          </p>
        )}
      </td>
    </tr>
  );
}

const INVITE_FIELDS = ['emails'] as const;

/** The API names a refused address by its index (`emails.3`): say which address that is. */
function inviteProblem(error: unknown, sent: string[]): string | undefined {
  if (!(error instanceof ApiProblem) || error.errors.length === 0) return undefined;
  return error.errors
    .map(({ path, message }) => {
      const index = /emails\.(\d+)/.exec(path)?.[1];
      const address = index === undefined ? undefined : sent[Number(index)];
      return address ? `${address}: ${message}` : message;
    })
    .join(' ');
}

function InviteForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors(INVITE_FIELDS);
  const [text, setText] = useState('');
  const [result, setResult] = useState<InviteReply | null>(null);
  const invite = useMutation({
    mutationFn: (emails: string[]) => workforceApi.invite(orgId, emails),
    onSuccess: async (reply) => {
      setText('');
      setResult(reply);
      await queryClient.invalidateQueries({ queryKey: workforceKeys.all(orgId) });
    },
    onError: (error, sent) => {
      const message = inviteProblem(error, sent);
      if (message) errors.setFieldErrors({ emails: message });
      else errors.setGeneral(describeProblem(t, error));
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    const emails = parseAddresses(text);
    const wrong = emails.filter((email) => !EMAIL.test(email));
    const problem =
      emails.length === 0
        ? t('employPeople.emailsMissing')
        : emails.length > MAX_INVITATIONS
          ? t('employPeople.emailsTooMany', { max: MAX_INVITATIONS, count: emails.length })
          : wrong.length > 0
            ? t('employPeople.emailsInvalid', { emails: wrong.join(', ') })
            : undefined;
    if (problem) return errors.setFieldErrors({ emails: problem });
    errors.clear();
    invite.mutate(emails);
  };
  return (
    <section aria-labelledby="invite-title">
      <h2 id="invite-title">{t('employPeople.inviteTitle')}</h2>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.problems} />
        <TextArea
          name="emails"
          label={t('employPeople.emails')}
          hint={t('employPeople.emailsHint', { max: MAX_INVITATIONS })}
          rows={4}
          value={text}
          onChange={setText}
          error={errors.fields.emails}
        />
        <button type="submit" disabled={invite.isPending}>
          {invite.isPending ? t('form.submitting') : t('employPeople.invite')}
        </button>
        <div aria-live="polite">
          {result && (
            <Status tone="success">
              {t('employPeople.invitedCount', { count: result.invited })}
              {', '}
              {t('employPeople.alreadyActiveCount', { count: result.alreadyActive })}
            </Status>
          )}
        </div>
      </form>
    </section>
  );
}
