// The outbox: every recorded mail, for platform operators (a fresh embedded install has no SMTP server). With
// OUTBOX_PUBLIC on a local trial anyone sees the mail without secret links; the API decides (src/mail).
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiProblem, api } from '../api.ts';
import { Page, Status } from '../components/Page.tsx';
import { Skeleton } from '../components/Skeleton.tsx';
import { TableRegion } from '../components/TableRegion.tsx';
import { describeProblem } from '../forms.ts';

interface OutboxSummary {
  id: string;
  to: string;
  subject: string;
  status: 'queued' | 'sent' | 'failed';
  transport: 'outbox' | 'smtp';
  createdAt: string;
  sentAt: string | null;
}

interface OutboxMessage extends OutboxSummary {
  text: string;
  html: string;
}

/** A refusal is no failure: the reader is told the outbox is not theirs to read, in the API's words. */
function outboxProblem(t: TFunction, error: unknown): string {
  if (error instanceof ApiProblem && error.status === 403)
    return t('outbox.unavailable', { detail: error.detail ?? error.title });
  return describeProblem(t, error);
}

function useDateTime() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'medium' });
  return (iso: string) => format.format(new Date(iso));
}

export function OutboxPage() {
  const { t } = useTranslation();
  const formatDate = useDateTime();
  const outbox = useQuery({
    queryKey: ['outbox'],
    queryFn: () => api<{ items: OutboxSummary[] }>('/api/v1/outbox?limit=100'),
    // Mail is queued first and delivered by a worker a moment later.
    refetchInterval: (query) => (query.state.data?.items.some((m) => m.status === 'queued') ? 2000 : false),
  });
  return (
    <Page title={t('outbox.title')}>
      <p>{t('outbox.intro')}</p>
      {outbox.isPending && <Skeleton rows={5} />}
      {outbox.isError && <Status tone="error">{outboxProblem(t, outbox.error)}</Status>}
      {outbox.data && outbox.data.items.length === 0 && <p>{t('outbox.empty')}</p>}
      {outbox.data && outbox.data.items.length > 0 && (
        <TableRegion caption={t('outbox.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('outbox.subject')}</th>
              <th scope="col">{t('outbox.to')}</th>
              <th scope="col">{t('outbox.status')}</th>
              <th scope="col">{t('outbox.created')}</th>
            </tr>
          </thead>
          <tbody>
            {outbox.data.items.map((message) => (
              <tr key={message.id}>
                <th scope="row">
                  <Link to={`/outbox/${message.id}`}>{message.subject}</Link>
                </th>
                <td>{message.to}</td>
                <td>{t(`outbox.statusValue.${message.status}`)}</td>
                <td>
                  <time dateTime={message.createdAt}>{formatDate(message.createdAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </Page>
  );
}

export function OutboxMessagePage() {
  const { t } = useTranslation();
  const formatDate = useDateTime();
  const { id = '' } = useParams();
  const message = useQuery({
    queryKey: ['outbox', id],
    queryFn: () => api<OutboxMessage>(`/api/v1/outbox/${encodeURIComponent(id)}`),
  });
  return (
    <Page title={message.data?.subject ?? t('outbox.messageTitle')}>
      <p>
        <Link to="/outbox">{t('outbox.back')}</Link>
      </p>
      {message.isPending && <Skeleton lines={8} />}
      {message.isError && <Status tone="error">{outboxProblem(t, message.error)}</Status>}
      {message.data && (
        <>
          <dl className="mail-meta">
            <dt>{t('outbox.to')}</dt>
            <dd>{message.data.to}</dd>
            <dt>{t('outbox.created')}</dt>
            <dd>
              <time dateTime={message.data.createdAt}>{formatDate(message.data.createdAt)}</time>
            </dd>
            <dt>{t('outbox.status')}</dt>
            <dd>{t(`outbox.statusValue.${message.data.status}`)}</dd>
            <dt>{t('outbox.sentAt')}</dt>
            <dd>
              {message.data.sentAt ? (
                <time dateTime={message.data.sentAt}>{formatDate(message.data.sentAt)}</time>
              ) : (
                t('outbox.notSent')
              )}
            </dd>
          </dl>
          <section aria-labelledby="mail-body-title">
            <h2 id="mail-body-title">{t('outbox.body')}</h2>
            <div className="mail-text">
              <LinkifiedText text={message.data.text} />
            </div>
          </section>
        </>
      )}
    </Page>
  );
}

const URL_PATTERN = /https?:\/\/[^\s<>"'()]+[^\s<>"'().,;:!?]/g;

/** Plain text with its web addresses made clickable; this app's own links stay inside the app. */
export function LinkifiedText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    parts.push(text.slice(last, start));
    parts.push(<MailLink key={start} href={match[0]} />);
    last = start + match[0].length;
  }
  parts.push(text.slice(last));
  return (
    <>
      {parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder
        <Fragment key={index}>{part}</Fragment>
      ))}
    </>
  );
}

function MailLink({ href }: { href: string }) {
  const url = new URL(href);
  if (url.origin === window.location.origin)
    return <Link to={`${url.pathname}${url.search}${url.hash}`}>{href}</Link>;
  return (
    <a href={href} rel="noopener noreferrer">
      {href}
    </a>
  );
}
