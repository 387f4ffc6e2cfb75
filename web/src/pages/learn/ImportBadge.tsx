// "Imported badges" on the backpack page: badges the learner earned with other issuers, each with
// Tessera's last check of it (and why it did not pass), and a form to add one by URL, pasted
// credential or baked image. Images of other issuers are never loaded (no request leaves for them).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api.ts';
import { InputField, TextArea } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { describeProblem } from '../../forms.ts';
import { type ImportedBadge, type ImportRequest, importKeys, importsApi } from '../../imports.ts';
import { formatDate } from '../../learning.ts';

export function ImportedBadges() {
  const { t } = useTranslation();
  const imported = useQuery({ queryKey: importKeys.list, queryFn: importsApi.list });
  const items = imported.data?.items ?? [];
  return (
    <section aria-labelledby="imported-heading">
      <h2 id="imported-heading">{t('imports.heading')}</h2>
      <p>{t('imports.intro')}</p>
      {imported.isPending && <Skeleton cards={2} />}
      {imported.isError && <Status tone="error">{describeProblem(t, imported.error)}</Status>}
      {imported.data && items.length === 0 && <p className="muted">{t('imports.none')}</p>}
      <ul className="cards badge-cards imported-badges">
        {items.map((item) => (
          <li key={item.id}>
            <ImportedCard item={item} />
          </li>
        ))}
      </ul>
      <ImportBadgeForm />
    </section>
  );
}

function ImportedCard({ item }: { item: ImportedBadge }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: importKeys.list });
  const verify = useMutation({ mutationFn: () => importsApi.verify(item.id), onSuccess: refresh });
  const share = useMutation({
    mutationFn: () => importsApi.share(item.id, item.visibility === 'public' ? 'private' : 'public'),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: () => importsApi.remove(item.id), onSuccess: refresh });
  const failure = verify.error ?? share.error ?? remove.error;
  const headingId = `imported-${item.id}`;
  return (
    <article className="card badge-card" aria-labelledby={headingId}>
      <div>
        <h3 id={headingId}>{item.badgeName}</h3>
        <p className="muted">{t('imports.source')}</p>
        <p>
          {t('imports.issuedBy', { issuer: item.issuerName ?? item.issuerId ?? t('imports.unknownIssuer') })}
        </p>
        <p className={item.verdict === 'verified' ? 'status status--success' : 'status status--error'}>
          <strong>{t(`imports.verdict.${item.verdict}`)}</strong>
          {' · '}
          {t('imports.checkedAt', { date: formatDate(item.checkedAt, i18n.language) })}
        </p>
        {item.issues.length > 0 && (
          <ul className="imported-issues">
            {item.issues.map((issue) => (
              <li key={`${issue.code}-${issue.message}`} lang="en">
                {issue.message}
              </li>
            ))}
          </ul>
        )}
        <p className="muted">{t(`imports.visibility.${item.visibility}`)}</p>
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => verify.mutate()}
            disabled={verify.isPending}
          >
            {t('imports.verifyNow')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => share.mutate()}
            disabled={share.isPending}
          >
            {t(item.visibility === 'public' ? 'imports.makePrivate' : 'imports.makePublic')}
          </button>
          {item.visibility === 'public' && <a href={item.pageUrl}>{t('imports.publicPage')}</a>}
          <button
            type="button"
            className="button button--secondary"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(t('imports.removeConfirm', { name: item.badgeName }))) remove.mutate();
            }}
          >
            {t('imports.remove')}
          </button>
        </div>
        {failure && <Status tone="error">{describeProblem(t, failure)}</Status>}
      </div>
    </article>
  );
}

function ImportBadgeForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [credential, setCredential] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const add = useMutation({
    mutationFn: (request: ImportRequest) => importsApi.add(request),
    onSuccess: (added) => {
      setMessage({
        tone: 'success',
        text: t('imports.added', { name: added.badgeName, verdict: t(`imports.verdict.${added.verdict}`) }),
      });
      setUrl('');
      setCredential('');
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      return queryClient.invalidateQueries({ queryKey: importKeys.list });
    },
    onError: (error) => setMessage({ tone: 'error', text: problemText(error) }),
  });

  const problemText = (error: unknown): string => {
    if (error instanceof ApiProblem && error.is('already-imported')) return t('imports.duplicate');
    if (error instanceof ApiProblem && error.is('not-a-badge'))
      return t('imports.notABadge', { detail: error.detail ?? error.title });
    return describeProblem(t, error);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const given: ImportRequest[] = [];
    if (url.trim()) given.push({ url: url.trim() });
    if (credential.trim()) given.push({ credential: credential.trim() });
    if (file) given.push({ file });
    if (given.length !== 1) {
      setMessage({ tone: 'error', text: t('imports.oneInput') });
      return;
    }
    setMessage(null);
    add.mutate(given[0]!);
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="import-form-heading" noValidate>
      <h3 id="import-form-heading">{t('imports.formHeading')}</h3>
      <InputField
        name="import-url"
        type="url"
        label={t('imports.urlLabel')}
        hint={t('imports.urlHint')}
        value={url}
        onChange={setUrl}
        required={false}
      />
      <TextArea
        name="import-credential"
        label={t('imports.credentialLabel')}
        hint={t('imports.credentialHint')}
        value={credential}
        onChange={setCredential}
        rows={4}
        required={false}
      />
      <div className="field">
        <label htmlFor={fileId}>{t('imports.fileLabel')}</label>
        <p className="field__hint" id={`${fileId}-hint`}>
          {t('imports.fileHint')}
        </p>
        <input
          ref={fileInput}
          id={fileId}
          type="file"
          accept="image/png,image/svg+xml,.png,.svg"
          aria-describedby={`${fileId}-hint`}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      <button type="submit" disabled={add.isPending}>
        {add.isPending ? t('imports.adding') : t('imports.submit')}
      </button>
      {message && <Status tone={message.tone}>{message.text}</Status>}
    </form>
  );
}
