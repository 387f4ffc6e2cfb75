// The active organization's members (/org/members): everyone with their role; owners and administrators
// change roles, remove members, see the invitations waiting (withdraw them) and invite someone by email
// with a role — the invited person may have no account yet.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { InputField, SelectField } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { checkEmail, describeProblem, onlyErrors, useFormErrors } from '../../forms.ts';
import {
  type Member,
  ROLES_BY_KIND,
  useInvitationChanges,
  useInvitations,
  useMemberChanges,
  useMembers,
} from '../../orgs.ts';
import { activeMembership, type Membership, type MembershipRole } from '../../session.ts';
import { NoActiveOrg } from './OrgSettings.tsx';

export function MembersPage() {
  return (
    <RequireSession>
      {(session) => {
        const membership = activeMembership(session);
        if (!membership) return <NoActiveOrg />;
        return <Members membership={membership} myUserId={session.user.id} />;
      }}
    </RequireSession>
  );
}

function Members({ membership, myUserId }: { membership: Membership; myUserId: string }) {
  const { t } = useTranslation();
  const orgId = membership.org.id;
  const manages = membership.role === 'owner' || membership.role === 'admin';
  const members = useMembers(orgId);
  const changes = useMemberChanges(orgId);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const roles = ROLES_BY_KIND[membership.org.kind].filter(
    (r) => membership.role === 'owner' || r !== 'owner',
  );
  const roleName = (role: MembershipRole) => t(`orgConsole.roles.${role}`);
  const fail = (error: unknown) => setNotice({ tone: 'error', text: describeProblem(t, error) });

  const changeRole = (member: Member, role: MembershipRole) =>
    changes.changeRole.mutate(
      { userId: member.userId, role },
      {
        onSuccess: () =>
          setNotice({
            tone: 'success',
            text: t('orgConsole.members.roleChanged', { name: member.name, role: roleName(role) }),
          }),
        onError: fail,
      },
    );
  const remove = (member: Member) => {
    if (!window.confirm(t('orgConsole.members.confirmRemove', { name: member.name }))) return;
    changes.remove.mutate(member.userId, { onError: fail });
  };

  return (
    <Page title={`${t('orgConsole.members.title')} · ${membership.org.name}`}>
      <div aria-live="polite">{notice && <Status tone={notice.tone}>{notice.text}</Status>}</div>
      {members.isPending && <Skeleton rows={4} />}
      {members.isError && <Status tone="error">{describeProblem(t, members.error)}</Status>}
      {members.data && (
        <TableRegion caption={t('orgConsole.members.caption')} stack>
          <thead>
            <tr>
              <th scope="col">{t('orgConsole.members.name')}</th>
              <th scope="col">{t('orgConsole.members.email')}</th>
              <th scope="col">{t('orgConsole.members.role')}</th>
              <th scope="col">{t('orgConsole.members.since')}</th>
              {manages && <th scope="col">{t('orgConsole.members.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {members.data.items.map((member) => {
              const me = member.userId === myUserId;
              const locked = !manages || (member.role === 'owner' && membership.role !== 'owner');
              return (
                <tr key={member.userId}>
                  <td data-label={t('orgConsole.members.name')}>
                    {me ? t('orgConsole.members.you', { name: member.name }) : member.name}
                  </td>
                  <td data-label={t('orgConsole.members.email')}>
                    <LongText>{member.email ?? ''}</LongText>
                  </td>
                  <td data-label={t('orgConsole.members.role')}>
                    {locked ? (
                      roleName(member.role)
                    ) : (
                      <select
                        aria-label={t('orgConsole.members.roleOf', { name: member.name })}
                        value={member.role}
                        disabled={changes.changeRole.isPending}
                        onChange={(event) => changeRole(member, event.target.value as MembershipRole)}
                      >
                        {[...new Set([...roles, member.role])].map((role) => (
                          <option key={role} value={role}>
                            {roleName(role)}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                  <td data-label={t('orgConsole.members.since')}>
                    {new Date(member.since).toLocaleDateString()}
                  </td>
                  {manages && (
                    <td data-label={t('orgConsole.members.actions')}>
                      {!locked && !me && (
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={t('orgConsole.members.removeOf', { name: member.name })}
                          onClick={() => remove(member)}
                        >
                          {t('orgConsole.members.remove')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </TableRegion>
      )}
      {manages && <Invitations orgId={orgId} roles={roles} />}
    </Page>
  );
}

/** An address may be longer than a phone is wide: it breaks anywhere rather than push the page sideways. */
function LongText({ children }: { children: string }) {
  return <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{children}</span>;
}

const INVITE_FIELDS = ['email', 'role'] as const;

function Invitations({ orgId, roles }: { orgId: string; roles: MembershipRole[] }) {
  const { t } = useTranslation();
  const invitations = useInvitations(orgId, true);
  const changes = useInvitationChanges(orgId);
  const errors = useFormErrors(INVITE_FIELDS);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MembershipRole>(
    roles.includes('assessor') ? 'assessor' : (roles[1] ?? 'admin'),
  );
  const [sentTo, setSentTo] = useState<string | null>(null);

  const onInvite = (event: FormEvent) => {
    event.preventDefault();
    const found = onlyErrors({ email: checkEmail(t, email) });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    setSentTo(null);
    changes.invite.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (invitation) => {
          setSentTo(invitation.email);
          setEmail('');
        },
        onError: (error) => errors.setFromProblem(t, error),
      },
    );
  };

  return (
    <>
      <h2>{t('orgConsole.members.invitations')}</h2>
      {invitations.isError && <Status tone="error">{describeProblem(t, invitations.error)}</Status>}
      {invitations.data && invitations.data.items.length === 0 && (
        <p>{t('orgConsole.members.noInvitations')}</p>
      )}
      {invitations.data && invitations.data.items.length > 0 && (
        <TableRegion caption={t('orgConsole.members.invitationsCaption')} stack>
          <thead>
            <tr>
              <th scope="col">{t('orgConsole.members.email')}</th>
              <th scope="col">{t('orgConsole.members.role')}</th>
              <th scope="col">{t('orgConsole.members.expires')}</th>
              <th scope="col">{t('orgConsole.members.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {invitations.data.items.map((invitation) => (
              <tr key={invitation.id}>
                <td data-label={t('orgConsole.members.email')}>
                  <LongText>{invitation.email}</LongText>
                </td>
                <td data-label={t('orgConsole.members.role')}>{t(`orgConsole.roles.${invitation.role}`)}</td>
                <td data-label={t('orgConsole.members.expires')}>
                  {invitation.expired
                    ? t('orgConsole.members.expired')
                    : new Date(invitation.expiresAt).toLocaleDateString()}
                </td>
                <td data-label={t('orgConsole.members.actions')}>
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={t('orgConsole.members.withdrawOf', { email: invitation.email })}
                    disabled={changes.revoke.isPending}
                    onClick={() => changes.revoke.mutate(invitation.id)}
                  >
                    {t('orgConsole.members.withdraw')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      <h2>{t('orgConsole.members.invite')}</h2>
      <p>{t('orgConsole.members.inviteIntro')}</p>
      <ErrorSummary problems={errors.problems} />
      <form noValidate onSubmit={onInvite}>
        <InputField
          name="email"
          type="email"
          autoComplete="off"
          label={t('orgConsole.members.inviteEmail')}
          value={email}
          onChange={setEmail}
          error={errors.fields.email}
        />
        <SelectField
          name="role"
          label={t('orgConsole.members.inviteRole')}
          value={role}
          onChange={(value) => setRole(value as MembershipRole)}
          error={errors.fields.role}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`orgConsole.roles.${r}`)}
            </option>
          ))}
        </SelectField>
        <div aria-live="polite">
          {sentTo && (
            <Status tone="success">
              <LongText>{t('orgConsole.members.sent', { email: sentTo })}</LongText>
            </Status>
          )}
        </div>
        <button type="submit" className="button" disabled={changes.invite.isPending}>
          {changes.invite.isPending ? t('form.submitting') : t('orgConsole.members.send')}
        </button>
      </form>
    </>
  );
}
