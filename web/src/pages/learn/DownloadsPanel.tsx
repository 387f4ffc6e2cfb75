// The "Downloads" panel of one of my badges: the picture with the credential baked in (for backpacks and
// wallets, OB 3.0 and OB 2.0), the credential JSON and the VC-JWT — each with what it is for.
import { useTranslation } from 'react-i18next';
import { DOWNLOAD_FILES, type DownloadFile, downloadUrl } from '../../sharing.ts';
import './Share.css';

/** i18n key of each file (file names carry dots and dashes, keys do not). */
const KEYS: Record<DownloadFile, string> = {
  'badge.png': 'png',
  'badge.svg': 'svg',
  'badge-jwt.png': 'jwtPng',
  'badge-ob2.png': 'ob2Png',
  'badge-ob2.svg': 'ob2Svg',
  'credential.json': 'json',
  'credential.jwt': 'jwt',
};

export function DownloadsPanel({ awardId }: { awardId: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="downloads-title" className="downloads-panel">
      <h2 id="downloads-title">{t('downloads.title')}</h2>
      <p>{t('downloads.intro')}</p>
      <ul className="downloads">
        {DOWNLOAD_FILES.map((file) => (
          <li key={file}>
            <a href={downloadUrl(awardId, file)} download aria-describedby={`download-${KEYS[file]}-hint`}>
              {t(`downloads.file.${KEYS[file]}`)}
            </a>
            <p id={`download-${KEYS[file]}-hint`} className="field__hint">
              {t(`downloads.hint.${KEYS[file]}`)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
