// A new webhook endpoint: its URL, an optional description and the events it wants. The reply carries the
// endpoint's signing secret, shown here this once with a Copy button and a plain warning; it is gone after
// "I have saved it" or on leaving the page, and never shown again.
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { CheckboxField, InputField } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { checkRequired, useFormErrors } from '../../forms.ts';
import {
  type CreatedWebhookEndpoint,
  useWebhookChange,
  WEBHOOK_EVENTS,
  type WebhookEventType,
  webhooksApi,
} from '../../webhooks.ts';
import { CopyField } from '../learn/ShareCopy.tsx';
import '../learn/Share.css';

const FIELDS = ['url', 'description', 'events'] as const;
const HTTP_URL = /^https?:\/\/\S+$/i;

export function NewWebhook({ orgId, onCreated }: { orgId: string; onCreated: () => void }) {
  const { t } = useTranslation();
  const create = useWebhookChange(orgId, (body: Parameters<typeof webhooksApi.create>[1]) =>
    webhooksApi.create(orgId, body),
  );
  const errors = useFormErrors(FIELDS);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['award.offered']);
  const [created, setCreated] = useState<CreatedWebhookEndpoint | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const missing = checkRequired(t, url, t('webhooks.url'));
    if (missing) found.url = missing;
    else if (!HTTP_URL.test(url.trim())) found.url = t('webhooks.urlInvalid');
    if (events.length === 0) found.events = t('webhooks.pickEvent');
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    create.mutate(
      {
        url: url.trim(),
        events,
        ...(description.trim() ? { description: description.trim() } : {}),
      },
      {
        onSuccess: (endpoint) => {
          setCreated(endpoint);
          setUrl('');
          setDescription('');
          onCreated();
        },
        onError: (error) => errors.setFromProblem(t, error),
      },
    );
  };
  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents((current) =>
      on
        ? WEBHOOK_EVENTS.filter((e) => e === type || current.includes(e))
        : current.filter((e) => e !== type),
    );

  return (
    <section aria-labelledby="new-webhook-title">
      <h2 id="new-webhook-title">{t('webhooks.newTitle')}</h2>
      {created && <CreatedSecret endpoint={created} onDone={() => setCreated(null)} />}
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.problems} />
        <InputField
          name="url"
          type="url"
          label={t('webhooks.url')}
          hint={t('webhooks.urlHint')}
          value={url}
          onChange={setUrl}
          error={errors.fields.url}
        />
        <InputField
          name="description"
          label={t('webhooks.description')}
          required={false}
          value={description}
          onChange={setDescription}
          error={errors.fields.description}
        />
        <fieldset id="field-events" aria-describedby={errors.fields.events ? 'events-error' : undefined}>
          <legend>{t('webhooks.eventsLegend')}</legend>
          {errors.fields.events && (
            <p id="events-error" className="field__error">
              {errors.fields.events}
            </p>
          )}
          {WEBHOOK_EVENTS.map((type) => (
            <CheckboxField
              key={type}
              name={`event-${type}`}
              label={type}
              hint={t(`webhooks.eventHint.${type.replace('.', '_')}`)}
              checked={events.includes(type)}
              onChange={(on) => toggle(type, on)}
            />
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? t('form.submitting') : t('webhooks.create')}
          </button>
        </div>
      </form>
    </section>
  );
}

function CreatedSecret({ endpoint, onDone }: { endpoint: CreatedWebhookEndpoint; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <OneTimeSecret
      status={t('webhooks.created', { name: endpoint.url })}
      warning={t('webhooks.secretWarning')}
      label={t('webhooks.secret')}
      secret={endpoint.secret}
      onDone={onDone}
    />
  );
}

/** A signing secret shown this once (made or rotated): what happened, the warning, the copyable secret, "saved". */
export function OneTimeSecret({
  status,
  warning,
  label,
  secret,
  onDone,
  regionLabel,
  hint,
  children,
}: {
  status: string;
  warning: string;
  label: string;
  secret: string;
  onDone: () => void;
  /** Given, the block is a named region. */
  regionLabel?: string;
  /** What the secret is for; a webhook's signing secret when not given. */
  hint?: string;
  /** Shown before the secret (an OAuth app's client ID, which goes with it). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="webhook-secret" aria-label={regionLabel}>
      <Status tone="success">{status}</Status>
      <p className="webhook-secret__warning">
        <strong>{t('webhooks.secretWarningTitle')}</strong> {warning}
      </p>
      {children}
      <CopyField
        label={label}
        hint={hint ?? t('webhooks.secretHint')}
        value={secret}
        copyLabel={t('webhooks.copySecret')}
      />
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('webhooks.secretSaved')}
        </button>
      </div>
    </section>
  );
}
