// Bulk award from a CSV file (/issue/badges/:badgeId/bulk): upload → a dry run listing each row's problem →
// Start → a progress bar, polled until the background run is done. Rows with problems are never awarded,
// and a recipient who already holds the badge is skipped.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type BulkRun, badgeKeys, badgesApi } from '../../badges.ts';
import { Page, Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem, describeRowProblem } from '../../forms.ts';
import { RequireAuthor } from '../issue/Courses.tsx';

const POLL_MS = 1000;

export function BulkAwardPage() {
  const { badgeId = '' } = useParams();
  return <RequireAuthor>{(orgId) => <BulkAward orgId={orgId} badgeId={badgeId} />}</RequireAuthor>;
}

function BulkAward({ orgId, badgeId }: { orgId: string; badgeId: string }) {
  const { t } = useTranslation();
  const inputId = useId();
  const queryClient = useQueryClient();
  const badge = useQuery({
    queryKey: badgeKeys.badge(orgId, badgeId),
    queryFn: () => badgesApi.get(orgId, badgeId),
  });
  const [runId, setRunId] = useState<string | null>(null);
  const preview = useMutation({
    mutationFn: (file: File) => badgesApi.startBulk(orgId, badgeId, file),
    onSuccess: (run) => {
      queryClient.setQueryData(badgeKeys.bulkRun(orgId, run.id), run);
      setRunId(run.id);
    },
  });
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) preview.mutate(file);
    event.target.value = '';
  };
  return (
    <Page title={t('bulk.title', { name: badge.data?.name ?? '' })}>
      <p>
        <Link to={`/issue/awards?badgeId=${badgeId}`}>{t('bulk.backToAwards')}</Link>
      </p>
      {badge.isError && <Status tone="error">{describeProblem(t, badge.error)}</Status>}
      <p>{t('bulk.intro')}</p>
      <div className="field">
        <label htmlFor={inputId}>{t('bulk.file')}</label>
        <p className="field__hint" id={`${inputId}-hint`}>
          {t('bulk.fileHint')}
        </p>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`${inputId}-hint`}
          disabled={preview.isPending}
          onChange={onFile}
        />
      </div>
      {preview.isPending && <Status>{t('bulk.checking')}</Status>}
      {preview.isError && <Status tone="error">{describeProblem(t, preview.error)}</Status>}
      {runId && <RunView key={runId} orgId={orgId} runId={runId} />}
    </Page>
  );
}

function RunView({ orgId, runId }: { orgId: string; runId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [started, setStarted] = useState(false);
  const run = useQuery({
    queryKey: badgeKeys.bulkRun(orgId, runId),
    queryFn: () => badgesApi.bulkRun(orgId, runId),
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'validating' || state === 'running' || (state === 'previewed' && started)
        ? POLL_MS
        : false;
    },
  });
  const problems = useQuery({
    queryKey: [...badgeKeys.bulkRun(orgId, runId), 'invalid'],
    queryFn: () => badgesApi.bulkRows(orgId, runId, 'invalid'),
  });
  const start = useMutation({
    mutationFn: () => badgesApi.runBulk(orgId, runId),
    // The reply says "running"; the polling then follows the job until it is done.
    onSuccess: (next) => {
      setStarted(true);
      queryClient.setQueryData(badgeKeys.bulkRun(orgId, runId), next);
      void queryClient.invalidateQueries({ queryKey: badgeKeys.allAwards(orgId) });
    },
  });
  const cancel = useMutation({
    mutationFn: () => badgesApi.cancelBulk(orgId, runId),
    onSuccess: (next) => queryClient.setQueryData(badgeKeys.bulkRun(orgId, runId), next),
  });
  if (run.isPending) return <Skeleton lines={4} />;
  if (run.isError) return <Status tone="error">{describeProblem(t, run.error)}</Status>;
  const r: BulkRun = run.data;
  const invalid = problems.data?.items ?? [];
  return (
    <section aria-labelledby="run-title">
      <h2 id="run-title">{t('bulk.runTitle', { file: r.fileName })}</h2>
      <dl className="facts">
        <dt>{t('bulk.totalRows')}</dt>
        <dd>{r.totalRows}</dd>
        <dt>{t('bulk.validRows')}</dt>
        <dd>{r.validRows}</dd>
        <dt>{t('bulk.invalidRows')}</dt>
        <dd>{r.invalidRows}</dd>
        <dt>{t('bulk.skippedRows')}</dt>
        <dd>{r.skippedRows}</dd>
      </dl>
      {invalid.length > 0 && (
        <TableRegion caption={t('bulk.problemsCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('bulk.row')}</th>
              <th scope="col">{t('bulk.email')}</th>
              <th scope="col">{t('bulk.problems')}</th>
            </tr>
          </thead>
          <tbody>
            {invalid.map((row) => (
              <tr key={row.rowNumber}>
                <th scope="row">{row.rowNumber}</th>
                <td>{row.email ?? '—'}</td>
                <td>
                  <ul>
                    {row.problems.map((p) => (
                      <li key={`${p.column}:${p.message}`}>{describeRowProblem(t, p)}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      {r.state === 'previewed' && !started && (
        <>
          <p>{t('bulk.ready', { count: r.pendingRows })}</p>
          <button
            type="button"
            className="button"
            disabled={start.isPending || r.pendingRows === 0}
            onClick={() => start.mutate()}
          >
            {start.isPending ? t('form.submitting') : t('bulk.start', { count: r.pendingRows })}
          </button>
          {start.isError && <Status tone="error">{describeProblem(t, start.error)}</Status>}
        </>
      )}
      {r.state === 'validating' && <Status>{t('bulk.checking')}</Status>}
      {(r.state !== 'previewed' || started) && r.state !== 'validating' && <Progress run={r} />}
      {r.state === 'running' && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate()}
          >
            {t('bulk.cancel')}
          </button>
        </p>
      )}
      {cancel.isError && <Status tone="error">{describeProblem(t, cancel.error)}</Status>}
    </section>
  );
}

function Progress({ run }: { run: BulkRun }) {
  const { t } = useTranslation();
  const progressId = useId();
  const done = run.state === 'done';
  return (
    <div>
      <label htmlFor={progressId}>
        {t('bulk.progress', { done: run.validRows - run.pendingRows, total: run.validRows })}
      </label>{' '}
      <progress id={progressId} max={1} value={run.progress} />
      <div aria-live="polite">
        {done && (
          <Status tone="success">
            {t('bulk.done', { awarded: run.awardedRows, skipped: run.skippedRows })}
          </Status>
        )}
        {run.state === 'failed' && (
          <Status tone="error">{t('bulk.failed', { error: run.error ?? '' })}</Status>
        )}
        {run.state === 'cancelled' && <Status tone="error">{t('bulk.cancelled')}</Status>}
      </div>
    </div>
  );
}
