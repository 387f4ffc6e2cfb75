// The issuer's courses (/issue/courses): drafts, published and archived, and a form to draft a new one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { type AuthoredCourse, authoringApi, authoringKeys } from '../../authoring.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { checkRequired, describeProblem, onlyErrors, useFormErrors } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import { activeMembership, dashboardFor, dashboardPaths, type Session } from '../../session.ts';
import { CourseBasicsFields } from './CourseBasicsFields.tsx';

const AUTHORS = ['owner', 'admin', 'staff'];

/** Renders its children with the active issuer organization's id, for its authors only. */
export function RequireAuthor({ children }: { children: (orgId: string, session: Session) => ReactNode }) {
  return (
    <RequireSession>
      {(session) => {
        const membership = activeMembership(session);
        return membership && membership.org.kind === 'issuer' && AUTHORS.includes(membership.role) ? (
          children(membership.org.id, session)
        ) : (
          <Navigate to={dashboardPaths[dashboardFor(session)]} replace />
        );
      }}
    </RequireSession>
  );
}

export function CoursesPage() {
  return <RequireAuthor>{(orgId) => <Courses orgId={orgId} />}</RequireAuthor>;
}

function Courses({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation();
  const courses = useQuery({ queryKey: authoringKeys.list(orgId), queryFn: () => authoringApi.list(orgId) });
  return (
    <Page title={t('authoring.title')}>
      <p>
        <Link to="/issue">{t('authoring.backToDashboard')}</Link>
      </p>
      {courses.isPending && <Skeleton rows={4} />}
      {courses.isError && <Status tone="error">{describeProblem(t, courses.error)}</Status>}
      {courses.data && courses.data.items.length === 0 && <p>{t('authoring.none')}</p>}
      {courses.data && courses.data.items.length > 0 && (
        <TableRegion caption={t('authoring.listCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('authoring.courseTitle')}</th>
              <th scope="col">{t('authoring.state')}</th>
              <th scope="col">{t('authoring.revision')}</th>
              <th scope="col">{t('authoring.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {courses.data.items.map((course: AuthoredCourse) => (
              <tr key={course.id}>
                <th scope="row">
                  <Link to={`/issue/courses/${course.id}`}>{course.title}</Link>
                </th>
                <td>{t(`courseState.${course.state}`)}</td>
                <td>{course.latestRevision ?? '—'}</td>
                <td>{formatDate(course.updatedAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      <NewCourse orgId={orgId} />
    </Page>
  );
}

const FIELDS = ['title', 'summary', 'estimatedMinutes'] as const;

function NewCourse({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [values, setValues] = useState({ title: '', summary: '', estimatedMinutes: '' });
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const create = useMutation({
    mutationFn: () =>
      authoringApi.create(orgId, {
        title: values.title.trim(),
        summary: values.summary.trim(),
        estimatedMinutes: Number(values.estimatedMinutes),
      }),
    onSuccess: async (course) => {
      await queryClient.invalidateQueries({ queryKey: authoringKeys.list(orgId) });
      navigate(`/issue/courses/${course.id}`);
    },
    onError: (error) => errors.setFromProblem(t, error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const minutes = Number(values.estimatedMinutes);
    const found = onlyErrors({
      title: checkRequired(t, values.title, t('authoring.courseTitle')),
      summary: checkRequired(t, values.summary, t('authoring.summary')),
      estimatedMinutes: Number.isInteger(minutes) && minutes >= 1 ? undefined : t('authoring.minutesInvalid'),
    });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    create.mutate();
  };
  return (
    <section aria-labelledby="new-course-title">
      <h2 id="new-course-title">{t('authoring.newCourse')}</h2>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.problems} />
        <CourseBasicsFields values={values} set={set} errors={errors.fields} />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t('form.submitting') : t('authoring.create')}
        </button>
      </form>
    </section>
  );
}
