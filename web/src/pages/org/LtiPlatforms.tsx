// The organization's LTI platforms (/org/lti, owners and administrators of an issuer; docs/integrations.md): the
// LMSs (Canvas, Moodle, Open edX …) registered to launch Tessera, with their issuer, client id and deployments;
// for each, what to paste into the LMS (the tool's URLs and public key, with Copy buttons); deleting one after a
// confirmation; and registering a new one (LtiPlatformForm.tsx), whose paste values open right away.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page, Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import {
  type LtiPlatform,
  ltiApi,
  platformLabel,
  publicJwkText,
  useLtiChange,
  useLtiPlatforms,
} from '../../lti.ts';
import { CopyField } from '../learn/ShareCopy.tsx';
import { IssuerManagers } from './IssuerManagers.tsx';
import { NewLtiPlatform } from './LtiPlatformForm.tsx';
import '../learn/Share.css';
import './lti.css';

export function LtiPlatformsPage() {
  const { t } = useTranslation();
  return (
    <IssuerManagers title={t('lti.title')} onlyManagers={t('lti.onlyManagers')}>
      {(membership) => <LtiPlatforms orgId={membership.org.id} />}
    </IssuerManagers>
  );
}

function LtiPlatforms({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const platforms = useLtiPlatforms(orgId);
  const [notice, setNotice] = useState<string | null>(null);
  const [showing, setShowing] = useState<string | null>(null);
  const items = platforms.data?.items ?? [];
  const shown = items.find((platform) => platform.id === showing);

  return (
    <Page title={t('lti.title')}>
      <p>{t('lti.intro')}</p>
      <div aria-live="polite">{notice && <Status tone="success">{notice}</Status>}</div>
      <section aria-labelledby="platforms-title">
        <h2 id="platforms-title">{t('lti.platformsTitle')}</h2>
        {platforms.isPending && <Skeleton rows={3} />}
        {platforms.isError && <Status tone="error">{describeProblem(t, platforms.error)}</Status>}
        {platforms.data && items.length === 0 && <p>{t('lti.none')}</p>}
        {items.length > 0 && (
          <TableRegion caption={t('lti.caption')} captionHidden tableClassName="lti-table" stack>
            <thead>
              <tr>
                <th scope="col">{t('lti.name')}</th>
                <th scope="col">{t('lti.clientId')}</th>
                <th scope="col">{t('lti.deployments')}</th>
                <th scope="col">{t('lti.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((platform) => (
                <PlatformRow
                  key={platform.id}
                  orgId={orgId}
                  platform={platform}
                  showing={showing === platform.id}
                  onShow={() => setShowing(showing === platform.id ? null : platform.id)}
                  onDeleted={(name) => {
                    if (showing === platform.id) setShowing(null);
                    setNotice(t('lti.deleted', { name }));
                  }}
                />
              ))}
            </tbody>
          </TableRegion>
        )}
      </section>
      {shown && <PasteIntoLms key={shown.id} platform={shown} />}
      <NewLtiPlatform
        orgId={orgId}
        onRegistered={(platform) => {
          setNotice(t('lti.registered', { name: platformLabel(platform) }));
          setShowing(platform.id);
        }}
      />
    </Page>
  );
}

function PlatformRow({
  orgId,
  platform,
  showing,
  onShow,
  onDeleted,
}: {
  orgId: string;
  platform: LtiPlatform;
  showing: boolean;
  onShow: () => void;
  onDeleted: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const name = platformLabel(platform);
  const remove = useLtiChange(
    orgId,
    () => ltiApi.remove(orgId, platform.id),
    () => onDeleted(name),
  );
  return (
    <tr>
      <th scope="row">
        {platform.name.trim() && (
          <>
            {platform.name}
            <br />
          </>
        )}
        <span className="muted break-anywhere">{platform.issuer}</span>
      </th>
      <td data-label={t('lti.clientId')}>
        <code className="break-anywhere">{platform.clientId}</code>
      </td>
      <td data-label={t('lti.deployments')}>
        <ul className="lti-deployments">
          {platform.deploymentIds.map((id) => (
            <li key={id}>
              <code className="break-anywhere">{id}</code>
            </li>
          ))}
        </ul>
      </td>
      <td className="table-wrap__action">
        {remove.isError && <Status tone="error">{describeProblem(t, remove.error)}</Status>}
        <span className="lti-actions">
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={showing}
            aria-label={t(showing ? 'lti.hideSetupLabel' : 'lti.showSetupLabel', { name })}
            onClick={onShow}
          >
            {showing ? t('lti.hideSetup') : t('lti.showSetup')}
          </button>
          {confirming ? (
            <>
              <button
                type="button"
                className="button"
                disabled={remove.isPending}
                onClick={() => remove.mutate(undefined)}
              >
                {t('lti.confirmDelete', { name })}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                {t('lti.keep')}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button--secondary"
              aria-label={t('lti.deleteLabel', { name })}
              onClick={() => setConfirming(true)}
            >
              {t('lti.delete')}
            </button>
          )}
        </span>
      </td>
    </tr>
  );
}

/** The tool's side of one registration: what the LMS administrator pastes into the LMS, each with Copy. */
function PasteIntoLms({ platform }: { platform: LtiPlatform }) {
  const { t } = useTranslation();
  const name = platformLabel(platform);
  const { tool } = platform;
  return (
    <section aria-labelledby="paste-title" className="lti-paste">
      <h2 id="paste-title">{t('lti.pasteTitle', { name })}</h2>
      <p>{t('lti.pasteIntro')}</p>
      <CopyField
        label={t('lti.tool.loginUrl')}
        hint={t('lti.tool.loginUrlHint')}
        value={tool.loginUrl}
        copyLabel={t('lti.copy', { field: t('lti.tool.loginUrl') })}
      />
      <CopyField
        label={t('lti.tool.launchUrl')}
        hint={t('lti.tool.launchUrlHint')}
        value={tool.launchUrl}
        copyLabel={t('lti.copy', { field: t('lti.tool.launchUrl') })}
      />
      <CopyField
        label={t('lti.tool.deepLinkingUrl')}
        hint={t('lti.tool.deepLinkingUrlHint')}
        value={tool.deepLinkingUrl}
        copyLabel={t('lti.copy', { field: t('lti.tool.deepLinkingUrl') })}
      />
      <CopyField
        label={t('lti.tool.jwksUrl')}
        hint={t('lti.tool.jwksUrlHint')}
        value={tool.jwksUrl}
        copyLabel={t('lti.copy', { field: t('lti.tool.jwksUrl') })}
      />
      <CopyField
        label={t('lti.tool.publicJwk')}
        hint={t('lti.tool.publicJwkHint', { keyId: tool.keyId })}
        value={publicJwkText(platform)}
        copyLabel={t('lti.copy', { field: t('lti.tool.publicJwk') })}
        multiline
      />
      <p className="muted">{t('lti.services')}</p>
    </section>
  );
}
