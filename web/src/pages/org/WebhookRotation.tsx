// Rotating an endpoint's signing secret: "Rotate secret" asks once, then the new secret is shown here this once
// (with a Copy button and the same plain warning as a new endpoint's), saying until when the replaced secret
// keeps signing alongside it so the receiver can switch over without losing a call.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import {
  type RotatedWebhookSecret,
  useWebhookChange,
  type WebhookEndpoint,
  webhooksApi,
} from '../../webhooks.ts';
import '../learn/Share.css';
import { OneTimeSecret } from './WebhookForm.tsx';

/** The row's "Rotate secret" button and its confirmation; `onRotated` gets the reply with the new secret. */
export function RotateSecretButton({
  orgId,
  endpoint,
  onRotated,
}: {
  orgId: string;
  endpoint: WebhookEndpoint;
  onRotated: (rotated: RotatedWebhookSecret) => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const rotate = useWebhookChange(
    orgId,
    () => webhooksApi.rotateSecret(orgId, endpoint.id),
    (rotated) => {
      setConfirming(false);
      onRotated(rotated);
    },
  );
  const name = endpoint.url;
  return (
    <>
      {rotate.error && <Status tone="error">{describeProblem(t, rotate.error)}</Status>}
      {confirming ? (
        <>
          <button
            type="button"
            className="button"
            disabled={rotate.isPending}
            onClick={() => rotate.mutate(undefined)}
          >
            {t('webhooks.confirmRotate', { name })}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            {t('webhooks.keepSecret')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button--secondary"
          aria-label={t('webhooks.rotateLabel', { name })}
          onClick={() => setConfirming(true)}
        >
          {t('webhooks.rotate')}
        </button>
      )}
    </>
  );
}

/** The new secret, shown this once; gone after "I have saved it" or on leaving the page. */
export function RotatedSecret({ rotated, onDone }: { rotated: RotatedWebhookSecret; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const until = rotated.previousSecretExpiresAt
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(rotated.previousSecretExpiresAt),
      )
    : '';
  return (
    <OneTimeSecret
      regionLabel={t('webhooks.rotatedTitle')}
      status={t('webhooks.rotated', { name: rotated.url, until })}
      warning={t('webhooks.rotatedWarning')}
      label={t('webhooks.newSecret')}
      secret={rotated.secret}
      onDone={onDone}
    />
  );
}
