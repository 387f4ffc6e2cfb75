// The assessor's review queue (/assess): each submission waiting for review with the task, the learner's
// text, the supervisor's confirmation (attested tasks), a rubric to score, written feedback, and Accept or
// Return for resubmission; under it, the review history (ReviewHistory.tsx).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextArea } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { checkRequired, describeProblem, onlyErrors, useFormErrors } from '../../forms.ts';
import { formatDate, learningApi, learningKeys, type QueueItem, type Submission } from '../../learning.ts';
import { activeMembership, dashboardFor, dashboardPaths, type Session } from '../../session.ts';
import { ReviewHistory } from './ReviewHistory.tsx';

const REVIEWERS = ['owner', 'admin', 'assessor'];

/** What the queue says of a supervisor-attestation task: who was asked, and whether, when and how they answered. */
interface Attestation {
  supervisorName: string;
  supervisorEmail: string;
  decision: 'confirmed' | 'declined' | null;
  decidedAt: string | null;
  comment: string | null;
}

type ReviewItem = QueueItem & { attestation?: Attestation | null };

export function ReviewsPage() {
  return (
    <RequireSession>
      {(session) => {
        const membership = activeMembership(session);
        return membership && membership.org.kind === 'issuer' && REVIEWERS.includes(membership.role) ? (
          <Reviews session={session} orgId={membership.org.id} />
        ) : (
          <Navigate to={dashboardPaths[dashboardFor(session)]} replace />
        );
      }}
    </RequireSession>
  );
}

function Reviews({ session, orgId }: { session: Session; orgId: string }) {
  const { t } = useTranslation();
  const membership = activeMembership(session);
  const queue = useQuery({
    queryKey: learningKeys.reviews(orgId),
    queryFn: () => learningApi.reviews(orgId),
  });
  const [done, setDone] = useState<Submission[]>([]);
  const waiting = (queue.data?.items ?? []).filter((item) => !done.some((d) => d.id === item.submission.id));
  return (
    <Page title={t('dashboard.assessor.title')}>
      {membership && (
        <p>
          {t('dashboard.inOrg', { org: membership.org.name, role: t(`orgSwitcher.role.${membership.role}`) })}
        </p>
      )}
      <div aria-live="polite">
        {done.map((s) => (
          <p key={s.id} className="status status--success">
            {t(s.status === 'accepted' ? 'review.accepted' : 'review.returned')}
          </p>
        ))}
      </div>
      <h2>{t('review.queue')}</h2>
      {queue.isPending && <Skeleton rows={4} />}
      {queue.isError && <Status tone="error">{describeProblem(t, queue.error)}</Status>}
      {queue.data && waiting.length === 0 && <p>{t('review.empty')}</p>}
      {waiting.map((item) => (
        <ReviewForm
          key={item.submission.id}
          orgId={orgId}
          item={item}
          onDone={(s) => setDone((d) => [...d, s])}
        />
      ))}
      <ReviewHistory
        key={done.length}
        orgId={orgId}
        maySeeAll={membership?.role === 'owner' || membership?.role === 'admin'}
      />
    </Page>
  );
}

function ReviewForm({
  orgId,
  item,
  onDone,
}: {
  orgId: string;
  item: ReviewItem;
  onDone: (s: Submission) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const rubric = item.task?.rubric ?? [];
  const feedbackField = `feedback-${item.submission.id}`;
  const fields = [...rubric.map((_, i) => `score-${item.submission.id}-${i}`), feedbackField];
  const errors = useFormErrors(fields);
  const [feedback, setFeedback] = useState('');
  const [levels, setLevels] = useState<Record<string, string>>({});
  const review = useMutation({
    mutationFn: (decision: 'accept' | 'return') =>
      learningApi.review(orgId, item.submission.id, {
        decision,
        feedback,
        scores: rubric.map((c) => ({ criterion: c.criterion, level: levels[c.criterion] ?? '' })),
      }),
    onSuccess: async (submission) => {
      onDone(submission);
      await queryClient.invalidateQueries({ queryKey: learningKeys.reviews(orgId) });
    },
    onError: (error) => errors.setFromProblem(t, error),
  });
  const { submission } = item;
  const headingId = `review-${submission.id}`;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const decision = submitter?.value === 'return' ? 'return' : 'accept';
    const found = onlyErrors({
      [feedbackField]: checkRequired(t, feedback, t('review.feedback')),
      ...Object.fromEntries(
        rubric.map((c, i) => [
          `score-${submission.id}-${i}`,
          levels[c.criterion] ? undefined : t('review.chooseLevel', { criterion: c.criterion }),
        ]),
      ),
    });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    review.mutate(decision);
  };

  return (
    <article className="card review" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t('review.itemTitle', { task: item.task?.title ?? submission.unitId, learner: item.learnerName })}
      </h3>
      <p className="muted">
        {t('review.itemMeta', {
          course: item.courseTitle,
          date: formatDate(submission.submittedAt, i18n.language),
        })}
      </p>
      {item.task && (
        <>
          <h4>{t('player.instructions')}</h4>
          <p className="pre-wrap">{item.task.instructions}</p>
        </>
      )}
      {item.attestation && <SupervisorConfirmation attestation={item.attestation} />}
      <h4>{t('review.response')}</h4>
      {submission.task === 'file-upload' ? (
        <p>
          <a href={`/api/v1/orgs/${orgId}/reviews/${submission.id}/file`} download>
            {t('review.download', { name: submission.response })}
          </a>
        </p>
      ) : (
        <blockquote className="pre-wrap response">{submission.response}</blockquote>
      )}
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.problems} />
        {rubric.map((criterion, i) => {
          const name = `score-${submission.id}-${i}`;
          const error = errors.fields[name];
          return (
            <fieldset
              key={criterion.criterion}
              className={error ? 'field field--invalid' : 'field'}
              aria-describedby={error ? `${name}-error` : undefined}
            >
              <legend>{t('review.criterion', { criterion: criterion.criterion })}</legend>
              {error && (
                <p id={`${name}-error`} className="field__error">
                  {error}
                </p>
              )}
              {criterion.levels.map((level, j) => (
                <div className="choice" key={level.label}>
                  <input
                    id={j === 0 ? `field-${name}` : `field-${name}-${j}`}
                    type="radio"
                    name={name}
                    checked={levels[criterion.criterion] === level.label}
                    onChange={() => setLevels((l) => ({ ...l, [criterion.criterion]: level.label }))}
                  />
                  <label htmlFor={j === 0 ? `field-${name}` : `field-${name}-${j}`}>
                    {t('review.level', { label: level.label, count: level.points })}
                  </label>
                </div>
              ))}
            </fieldset>
          );
        })}
        <TextArea
          name={feedbackField}
          label={t('review.feedback')}
          hint={t('review.feedbackHint')}
          value={feedback}
          onChange={setFeedback}
          error={errors.fields[feedbackField]}
        />
        <div className="actions">
          <button type="submit" name="decision" value="accept" disabled={review.isPending}>
            {t('review.accept')}
          </button>
          <button
            type="submit"
            name="decision"
            value="return"
            className="button button--secondary"
            disabled={review.isPending}
          >
            {t('review.return')}
          </button>
        </div>
      </form>
    </article>
  );
}

function SupervisorConfirmation({ attestation }: { attestation: Attestation }) {
  const { t, i18n } = useTranslation();
  const who = { name: attestation.supervisorName, email: attestation.supervisorEmail };
  const date = attestation.decidedAt
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(
        new Date(attestation.decidedAt),
      )
    : '';
  return (
    <section className="attestation">
      <h4>{t('attestationReview.title')}</h4>
      <p>
        {attestation.decision === null
          ? t('attestationReview.waiting', who)
          : t(`attestationReview.${attestation.decision}`, { ...who, date })}
      </p>
      {attestation.decision !== null &&
        (attestation.comment ? (
          <>
            <p className="muted">{t('attestationReview.comment')}</p>
            <blockquote className="pre-wrap response">{attestation.comment}</blockquote>
          </>
        ) : (
          <p className="muted">{t('attestationReview.noComment')}</p>
        ))}
    </section>
  );
}
