// The employer's settings (/employ/settings): for now each manager's own weekly digest mail (new badges,
// skills gaps closed, renewals due), on by default. Owners, admins and managers of an employer only.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import { useSavedSwitch } from '../../mutations.ts';
import { recognitionApi, recognitionKeys } from '../../workforce-recognition.ts';
import { EmployNav } from './EmployNav.tsx';
import { RequireEmployer } from './People.tsx';
import '../shop/shop.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function EmploySettingsPage() {
  return <RequireEmployer>{(orgId) => <Settings orgId={orgId} />}</RequireEmployer>;
}

function Settings({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const digest = useQuery({
    queryKey: recognitionKeys.digest(orgId),
    queryFn: () => recognitionApi.digest(orgId),
  });
  const save = useMutation({
    mutationFn: (enabled: boolean) => recognitionApi.setDigest(orgId, enabled),
    // The box follows the click at once (useSavedSwitch); a refusal puts it back as the server has it.
    onMutate: (enabled) => client.setQueryData(recognitionKeys.digest(orgId), { enabled }),
    onSuccess: (saved) => client.setQueryData(recognitionKeys.digest(orgId), saved),
    onError: () => client.invalidateQueries({ queryKey: recognitionKeys.digest(orgId) }),
  });
  const digestSwitch = useSavedSwitch(digest.data?.enabled ?? false, save);
  return (
    <Page title={t('endorse.settings.title')}>
      <EmployNav />
      <section aria-labelledby="digest-heading" className="card">
        <h2 id="digest-heading">{t('endorse.settings.digestHeading')}</h2>
        <p>{t('endorse.settings.digestIntro')}</p>
        {digest.isPending && <Skeleton fields={2} />}
        {digest.isError && <Status tone="error">{describeProblem(t, digest.error)}</Status>}
        {digest.data && (
          <CheckboxField
            name="digest-enabled"
            label={t('endorse.settings.digestLabel')}
            hint={t('endorse.settings.digestHint')}
            checked={digestSwitch.checked}
            onChange={digestSwitch.onChange}
          />
        )}
        {save.isError && <Status tone="error">{describeProblem(t, save.error)}</Status>}
        {save.isSuccess && (
          <Status tone="success">
            {t(save.data.enabled ? 'endorse.settings.digestOn' : 'endorse.settings.digestOff')}
          </Status>
        )}
      </section>
    </Page>
  );
}
