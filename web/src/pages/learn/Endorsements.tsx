// On the learner's badge page: the congratulations and endorsements employers sent for this badge, each
// endorsement with a link to its verifiable credential. Nothing at all when there are none.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import { recognitionApi, recognitionKeys } from '../../workforce-recognition.ts';
import '../employ/endorse.css';

export function Endorsements({ awardId }: { awardId: string }) {
  const { t, i18n } = useTranslation();
  const received = useQuery({
    queryKey: recognitionKeys.mine(awardId),
    queryFn: () => recognitionApi.mine(awardId),
  });
  if (received.isError) return <Status tone="error">{describeProblem(t, received.error)}</Status>;
  const items = received.data ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="endorsements-title">
      <h2 id="endorsements-title">{t('endorse.mine.title')}</h2>
      <ul className="cards">
        {items.map((item) => (
          <li key={item.id} className="card">
            <p>
              {t(item.kind === 'endorsement' ? 'endorse.mine.endorsedBy' : 'endorse.mine.congratulatedBy', {
                author: item.authorName,
                org: item.org.name,
              })}{' '}
              <span className="muted">{formatDate(item.createdAt, i18n.language)}</span>
            </p>
            <blockquote className="endorse-quote">{item.comment}</blockquote>
            {item.credentialUrl && (
              <p>
                <a href={item.credentialUrl} type="application/ld+json">
                  {t('endorse.credentialLink')}
                </a>{' '}
                <span className="muted">{t('endorse.mine.publicNote')}</span>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
