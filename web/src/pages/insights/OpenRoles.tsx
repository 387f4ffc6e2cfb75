// "Employers on this server hiring for your skills" on /learn/skills: a switch to opt in to job matching
// (with what it means), then every open role ranked by how well the learner's badges fit it, with the gap and
// what would close it; Apply (choose the badges to show, a message) or Withdraw.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { badgeKeys, badgesApi } from '../../badges.ts';
import { CheckboxField, TextArea } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import { useSavedSwitch } from '../../mutations.ts';
import {
  fitPercent,
  type MyOpenRole,
  type RoleGap,
  useApply,
  useJobMatching,
  useMyOpenRoles,
  useSetJobMatching,
  useWithdrawApplication,
} from '../../workforce-open-roles.ts';

const MAX_SHARED = 20;
const level = (value: number) => Math.round(value * 10) / 10;
/** Plain text written by people (descriptions, messages): their line breaks kept, long words wrapped. */
export const PLAIN_TEXT = { whiteSpace: 'pre-line', overflowWrap: 'anywhere' } as const;

export function OpenRolesSection() {
  const { t } = useTranslation();
  const matching = useJobMatching();
  const change = useSetJobMatching();
  const on = matching.data?.optIn ?? false;
  // The switch shows what was asked for at once; the roles follow when the server has it.
  const toggle = useSavedSwitch(on, change);
  return (
    <section aria-labelledby="open-roles-title">
      <h2 id="open-roles-title">{t('openRoles.learner.title')}</h2>
      <p>{t('openRoles.learner.explain')}</p>
      {matching.isPending && <Skeleton cards={2} />}
      {matching.isError && <Status tone="error">{describeProblem(t, matching.error)}</Status>}
      {matching.isSuccess && (
        <CheckboxField
          name="job-matching"
          label={t('openRoles.learner.switch')}
          hint={t('openRoles.learner.switchHint')}
          checked={toggle.checked}
          onChange={toggle.onChange}
        />
      )}
      {change.isError && <Status tone="error">{describeProblem(t, change.error)}</Status>}
      {on && <MatchedRoles />}
    </section>
  );
}

function MatchedRoles() {
  const { t } = useTranslation();
  const roles = useMyOpenRoles(true);
  // A badge the learner already holds is no way to close a gap (it asserts the skill lower, or not at all).
  const backpack = useQuery({ queryKey: badgeKeys.backpack, queryFn: badgesApi.backpack });
  const held = new Set(
    (backpack.data?.items ?? []).filter((item) => item.state !== 'declined').map((item) => item.badge.id),
  );
  if (roles.isPending) return <Skeleton cards={3} />;
  if (roles.isError) return <Status tone="error">{describeProblem(t, roles.error)}</Status>;
  if (roles.data.items.length === 0) return <p>{t('openRoles.learner.none')}</p>;
  return (
    <ol className="cards" aria-label={t('openRoles.learner.listLabel')}>
      {roles.data.items.map((role) => (
        <li key={role.id}>
          <MatchedRole role={role} held={held} />
        </li>
      ))}
    </ol>
  );
}

function MatchedRole({ role, held }: { role: MyOpenRole; held: ReadonlySet<string> }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const percent = fitPercent(role.fit);
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{role.title}</h3>
      <p className="muted">
        {role.employer.name}
        {role.location && <> · {role.location}</>} ·{' '}
        {t('openRoles.published', { date: formatDate(role.publishedAt, i18n.language) })}
      </p>
      <figure className="coverage">
        <div className="coverage__bar" aria-hidden="true">
          <div className="coverage__fill" style={{ width: `${percent}%` }} />
        </div>
        <figcaption>{t('openRoles.learner.fit', { percent })}</figcaption>
      </figure>
      {role.description && <p style={PLAIN_TEXT}>{role.description}</p>}
      <GapLists gap={role.gap} closers held={held} />
      {role.application ? <Applied role={role} /> : <ApplyForm role={role} />}
    </article>
  );
}

/** Held, below the level needed, missing: each written out, never told by colour alone. */
export function GapLists({
  gap,
  closers = false,
  held = new Set<string>(),
  heldTitle,
}: {
  gap: RoleGap;
  closers?: boolean;
  /** Badges the reader holds: never offered as closers. */
  held?: ReadonlySet<string>;
  /** The heading of the skills held, when the reader is not the learner. */
  heldTitle?: string;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <h4>{heldTitle ?? t('openRoles.gap.held')}</h4>
      {gap.held.length === 0 ? (
        <p>{t('openRoles.gap.none')}</p>
      ) : (
        <ul className="gap-list">
          {gap.held.map((skill) => (
            <li key={`${skill.framework}:${skill.code}`}>
              <strong>{skill.label}</strong> ·{' '}
              {skill.shown === null
                ? t('openRoles.gap.shownNoLevel')
                : t('openRoles.gap.shown', { level: level(skill.shown), needed: level(skill.needed) })}
              {skill.badges.length > 0 && (
                <span className="muted"> · {skill.badges.map((b) => b.name).join(', ')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {gap.below.length > 0 && (
        <>
          <h4>{t('openRoles.gap.below')}</h4>
          <ul className="gap-list">
            {gap.below.map((skill) => (
              <li key={`${skill.framework}:${skill.code}`}>
                <strong>{skill.label}</strong> ·{' '}
                {t('openRoles.gap.shown', { level: level(skill.shown), needed: level(skill.needed) })}
                {closers && <CloserList closers={skill.closers} held={held} />}
              </li>
            ))}
          </ul>
        </>
      )}
      {gap.missing.length > 0 && (
        <>
          <h4>{t('openRoles.gap.missing')}</h4>
          <ul className="gap-list">
            {gap.missing.map((skill) => (
              <li key={`${skill.framework}:${skill.code}`}>
                <strong>{skill.label}</strong> · {t('openRoles.gap.needed', { needed: level(skill.needed) })}
                {closers && <CloserList closers={skill.closers} held={held} />}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function CloserList({
  closers,
  held,
}: {
  closers: RoleGap['missing'][number]['closers'];
  held: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const links = [
    ...closers.badges
      .filter((badge) => !held.has(badge.id))
      .map((badge) => ({ key: badge.id, href: badge.url, text: badge.name })),
    ...closers.courses.map((course) => ({ key: course.id, href: course.url, text: course.title })),
  ];
  if (links.length === 0) return null;
  return (
    <p className="muted">
      {t('openRoles.gap.closeWith')}{' '}
      {links.map((link, i) => (
        <span key={link.key}>
          {i > 0 && ', '}
          <a href={link.href}>{link.text}</a>
        </span>
      ))}
    </p>
  );
}

function Applied({ role }: { role: MyOpenRole }) {
  const { t, i18n } = useTranslation();
  const withdraw = useWithdrawApplication(role.id);
  const application = role.application;
  if (!application) return null;
  return (
    <div>
      <p>
        <strong>
          {t('openRoles.learner.applied', { date: formatDate(application.appliedAt, i18n.language) })}
        </strong>{' '}
        {application.badges.length === 0
          ? t('openRoles.learner.sharedNone')
          : t('openRoles.learner.shared', { names: application.badges.map((b) => b.name).join(', ') })}
      </p>
      <button
        type="button"
        className="button button--secondary"
        aria-label={t('openRoles.learner.withdrawNamed', { title: role.title })}
        disabled={withdraw.isPending}
        onClick={() => withdraw.mutate()}
      >
        {withdraw.isPending ? t('form.submitting') : t('openRoles.learner.withdraw')}
      </button>
      {withdraw.isError && <Status tone="error">{describeProblem(t, withdraw.error)}</Status>}
    </div>
  );
}

function ApplyForm({ role }: { role: MyOpenRole }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const apply = useApply(role.id);
  const backpack = useQuery({ queryKey: badgeKeys.backpack, queryFn: badgesApi.backpack, enabled: open });
  const badges = (backpack.data?.items ?? []).filter(
    (item) => item.state === 'accepted' && item.credentialState !== 'revoked' && !item.superseded,
  );
  if (!open)
    return (
      <button
        type="button"
        className="button"
        aria-label={t('openRoles.learner.applyNamed', { title: role.title })}
        onClick={() => setOpen(true)}
      >
        {t('openRoles.learner.apply')}
      </button>
    );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    apply.mutate({ message: message.trim() || undefined, shareAwardIds: chosen } as {
      message?: string;
      shareAwardIds: string[];
    });
  };
  const toggle = (awardId: string, on: boolean) =>
    setChosen((list) => (on ? [...list, awardId] : list.filter((id) => id !== awardId)));
  return (
    <form onSubmit={onSubmit} aria-label={t('openRoles.learner.applyTo', { title: role.title })}>
      <fieldset>
        <legend>{t('openRoles.learner.chooseBadges')}</legend>
        <p className="field__hint">{t('openRoles.learner.chooseHint', { max: MAX_SHARED })}</p>
        {backpack.isPending && <Skeleton rows={2} />}
        {backpack.isSuccess && badges.length === 0 && <p>{t('openRoles.learner.noBadges')}</p>}
        {badges.map((item) => (
          <CheckboxField
            key={item.awardId}
            id={`share-${role.id}-${item.awardId}`}
            name={`share-${item.awardId}`}
            label={item.badge.name}
            checked={chosen.includes(item.awardId)}
            onChange={(on) => toggle(item.awardId, on)}
          />
        ))}
      </fieldset>
      <TextArea
        id={`message-${role.id}`}
        name="message"
        label={t('openRoles.learner.message')}
        hint={t('openRoles.learner.messageHint')}
        required={false}
        rows={4}
        value={message}
        onChange={setMessage}
      />
      {apply.isError && <Status tone="error">{describeProblem(t, apply.error)}</Status>}
      <div className="target-actions">
        <button type="submit" disabled={apply.isPending || chosen.length > MAX_SHARED}>
          {apply.isPending ? t('form.submitting') : t('openRoles.learner.send')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('openRoles.learner.cancel')}
        </button>
      </div>
    </form>
  );
}
