// Where a public badge can go: its page link, LinkedIn (add to profile, post), X, Facebook, email, an
// embeddable card, an email signature (with how it will look) and a QR code for print.
import { useTranslation } from 'react-i18next';
import type { ShareLinks } from '../../sharing.ts';
import { CopyButton, CopyField } from './ShareCopy.tsx';

/** Links to other sites open in a new tab and tell them nothing about the page they came from. */
function OutLink({ href, children }: { href: string; children: string }) {
  const { t } = useTranslation();
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <span className="visually-hidden"> {t('share.newTab')}</span>
    </a>
  );
}

export function ShareLinkList({ links }: { links: ShareLinks }) {
  const { t } = useTranslation();
  return (
    <div className="share-links">
      <CopyField label={t('share.pageLink')} value={links.pageUrl} copyLabel={t('share.copyLink')} />
      <p>
        <OutLink href={links.pageUrl}>{t('share.openPage')}</OutLink>
      </p>

      <h3>{t('share.elsewhere')}</h3>
      <ul className="share-targets">
        <li>
          <OutLink href={links.linkedInAddToProfile}>{t('share.linkedInAdd')}</OutLink>{' '}
          <CopyButton text={links.linkedInAddToProfile} label={t('share.copyLinkedIn')} />
          <p className="field__hint">{t('share.linkedInAddHint')}</p>
        </li>
        <li>
          <OutLink href={links.linkedInPost}>{t('share.linkedInPost')}</OutLink>
        </li>
        <li>
          <OutLink href={links.x}>{t('share.x')}</OutLink>
        </li>
        <li>
          <OutLink href={links.facebook}>{t('share.facebook')}</OutLink>
        </li>
        <li>
          <a href={links.email}>{t('share.email')}</a>
        </li>
      </ul>

      <h3>{t('share.embedTitle')}</h3>
      <CopyField
        label={t('share.embedLabel')}
        hint={t('share.embedHint', { oembed: links.oembedUrl })}
        value={links.embedHtml}
        copyLabel={t('share.copyEmbed')}
        multiline
      />

      <h3>{t('share.signatureTitle')}</h3>
      <CopyField
        label={t('share.signatureLabel')}
        hint={t('share.signatureHint')}
        value={links.emailSignatureHtml}
        copyLabel={t('share.copySignature')}
        multiline
      />
      <figure className="signature-preview">
        <figcaption>{t('share.signaturePreview')}</figcaption>
        {/* Built by the server from escaped text: inline styles, our PNG and a link, nothing else. */}
        <div
          // biome-ignore lint/security/noDangerouslySetInnerHtml: the server escapes every user text in it
          dangerouslySetInnerHTML={{ __html: links.emailSignatureHtml }}
        />
      </figure>

      <h3>{t('share.qrTitle')}</h3>
      <p>{t('share.qrHint')}</p>
      <img className="qr-code" src={links.qrSvgUrl} alt={t('share.qrAlt')} width={160} height={160} />
      <p>
        <a href={links.qrPngUrl} download="badge-qr.png">
          {t('share.qrDownload')}
        </a>{' '}
        <a href={links.qrSvgUrl} download="badge-qr.svg">
          {t('share.qrDownloadSvg')}
        </a>
      </p>
    </div>
  );
}
