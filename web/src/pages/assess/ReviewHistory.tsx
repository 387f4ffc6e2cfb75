// The review history under the queue (/assess): reviews already decided, newest first, read-only — learner,
// course and task, decision, date, comment, and what was handed in. Assessors see their own; owners and
// administrators may choose everyone's in the organization.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { Pager } from '../../components/Pager.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import { useReviewHistory } from '../../issuer-console.ts';

const PAGE_SIZE = 20;

export function ReviewHistory({ orgId, maySeeAll }: { orgId: string; maySeeAll: boolean }) {
  const { t, i18n } = useTranslation();
  const [assessor, setAssessor] = useState<'me' | 'all'>('me');
  const [page, setPage] = useState(1);
  const history = useReviewHistory(orgId, assessor, page, PAGE_SIZE);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <section aria-labelledby="review-history-title">
      <h2 id="review-history-title">{t('issuerConsole.history.title')}</h2>
      {maySeeAll && (
        <SelectField
          name="historyAssessor"
          label={t('issuerConsole.history.whose')}
          value={assessor}
          onChange={(value) => {
            setAssessor(value === 'all' ? 'all' : 'me');
            setPage(1);
          }}
        >
          <option value="me">{t('issuerConsole.history.mine')}</option>
          <option value="all">{t('issuerConsole.history.everyone')}</option>
        </SelectField>
      )}
      {history.isPending && <Skeleton rows={3} />}
      {history.isError && <Status tone="error">{describeProblem(t, history.error)}</Status>}
      {history.data && history.data.items.length === 0 && <p>{t('issuerConsole.history.none')}</p>}
      {history.data && history.data.items.length > 0 && (
        <TableRegion caption={t('issuerConsole.history.caption')} tableClassName="history-table" stack>
          <thead>
            <tr>
              <th scope="col">{t('issuerConsole.history.learner')}</th>
              <th scope="col">{t('issuerConsole.history.course')}</th>
              <th scope="col">{t('issuerConsole.history.decision')}</th>
              <th scope="col">{t('issuerConsole.history.reviewed')}</th>
              {assessor === 'all' && <th scope="col">{t('issuerConsole.history.reviewer')}</th>}
              <th scope="col">{t('issuerConsole.history.comment')}</th>
              <th scope="col">{t('issuerConsole.history.submission')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.items.map((item) => (
              <tr key={item.submissionId}>
                <th scope="row">{item.learnerName}</th>
                <td data-label={t('issuerConsole.history.course')}>
                  {item.courseTitle}
                  {item.taskTitle && (
                    <>
                      <br />
                      <span className="muted">{item.taskTitle}</span>
                    </>
                  )}
                </td>
                <td data-label={t('issuerConsole.history.decision')}>
                  {t(`issuerConsole.history.decisions.${item.decision}`)}
                </td>
                <td data-label={t('issuerConsole.history.reviewed')}>{when(item.reviewedAt)}</td>
                {assessor === 'all' && (
                  <td data-label={t('issuerConsole.history.reviewer')}>{item.reviewerName}</td>
                )}
                <td data-label={t('issuerConsole.history.comment')}>
                  {item.feedback ?? <span className="muted">{t('issuerConsole.history.noComment')}</span>}
                </td>
                <td data-label={t('issuerConsole.history.submission')}>
                  <details>
                    <summary>{t('issuerConsole.history.showSubmission', { name: item.learnerName })}</summary>
                    <p className="break-anywhere pre-wrap">{item.response}</p>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      {history.data && (
        <Pager
          offset={(page - 1) * PAGE_SIZE}
          pageSize={PAGE_SIZE}
          total={history.data.total}
          onGoTo={(offset) => setPage(Math.floor(offset / PAGE_SIZE) + 1)}
          keys="issuerConsole.history"
        />
      )}
    </section>
  );
}
